package org.workflowengine.persistence.store.error;

/** No execution has the requested id. */
public class ExecutionNotFoundException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  private final String executionId;

  public ExecutionNotFoundException(String executionId) {
    super("No execution with id '" + executionId + "'");
    this.executionId = executionId;
  }

  public String getExecutionId() {
    return executionId;
  }
}
