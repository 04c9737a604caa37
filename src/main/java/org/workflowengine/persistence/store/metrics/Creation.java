package org.workflowengine.persistence.store.metrics;

/** A result that says whether the call created what it wrote or replaced it. */
public interface Creation {

  /** True when it did not exist before. */
  boolean created();
}
