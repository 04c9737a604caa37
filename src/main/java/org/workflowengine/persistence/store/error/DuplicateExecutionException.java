package org.workflowengine.persistence.store.error;

/** A create named an id that is already stored. */
public class DuplicateExecutionException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  public DuplicateExecutionException(String executionId) {
    super("An execution with id '" + executionId + "' already exists");
  }
}
