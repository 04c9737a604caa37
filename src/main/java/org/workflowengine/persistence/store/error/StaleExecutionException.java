package org.workflowengine.persistence.store.error;

/**
 * A write was based on a version of the execution that is no longer current: another writer got
 * there first — changed it, or deleted it (a write that names a version of an execution that is not
 * stored is refused the same way, and creates nothing). The write is refused, never merged; read
 * the execution again and retry.
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

  /** A write named {@code expectedVersion} of an execution that is not stored. */
  public StaleExecutionException(String executionId, Long expectedVersion) {
    super(
        "Execution '"
            + executionId
            + "' is not stored, not at version "
            + expectedVersion
            + ": it was deleted, or never stored");
  }

  public StaleExecutionException(String executionId, Throwable cause) {
    super("Execution '" + executionId + "' was changed by another writer at the same time", cause);
  }
}
