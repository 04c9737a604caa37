package org.workflowengine.persistence.store.error;

/** The execution does not carry the label. */
public class LabelNotFoundException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  public LabelNotFoundException(String executionId, String key) {
    super("Execution " + executionId + " has no label " + key);
  }
}
