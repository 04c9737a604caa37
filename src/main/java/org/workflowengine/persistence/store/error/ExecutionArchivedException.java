package org.workflowengine.persistence.store.error;

/** The execution lives in the archive: it is read as before, but changed only once restored. */
public class ExecutionArchivedException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  public ExecutionArchivedException(String executionId) {
    super(
        "Execution "
            + executionId
            + " is archived: it can be read, not changed; restore it first"
            + " (POST /api/executions/"
            + executionId
            + "/restore, or ExecutionStore.restoreFromArchive)");
  }
}
