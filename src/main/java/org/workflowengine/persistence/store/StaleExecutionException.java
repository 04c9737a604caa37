package org.workflowengine.persistence.store;

/**
 * A write was based on a version of the execution that is no longer current: another writer got
 * there first. The write is refused, never merged; read the execution again and retry.
 */
public class StaleExecutionException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  public StaleExecutionException(String executionId, Long expectedVersion, Long currentVersion) {
    super(
        "Execution '"
            + executionId
            + "' is at version "
            + currentVersion
            + ", not "
            + expectedVersion
            + ": it was changed by another writer");
  }

  public StaleExecutionException(String executionId, Throwable cause) {
    super("Execution '" + executionId + "' was changed by another writer at the same time", cause);
  }
}
