package org.workflowengine.persistence.store.error;

/** The workflow snapshot exceeds the configured maximum size. Nothing was stored. */
public class SnapshotTooLargeException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  public SnapshotTooLargeException(long sizeBytes, long maxBytes) {
    super(
        "The workflow snapshot is "
            + sizeBytes
            + " bytes of JSON; the maximum is "
            + maxBytes
            + " (executions.snapshot.max-bytes)");
  }
}
