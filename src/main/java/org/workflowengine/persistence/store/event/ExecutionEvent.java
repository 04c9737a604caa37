package org.workflowengine.persistence.store.event;

/**
 * Fired by the {@code ExecutionStore} for every change, delivered to observers declared with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} only once the change has committed
 * (and never for a rolled-back one).
 *
 * @param kind what happened
 * @param executionId the execution it happened to
 * @param position the execution's chain position once the change committed (the position of the
 *     last link it added: the {@code id} a stream of the execution gives that link), or 0 when the
 *     change added no link or the position is not known to the writer (creation, replacement)
 */
public record ExecutionEvent(Kind kind, String executionId, long position) {

  /** A change whose chain position is not given. */
  public ExecutionEvent(Kind kind, String executionId) {
    this(kind, executionId, 0);
  }

  /** The kinds of change. */
  public enum Kind {
    CREATED,
    REPLACED,
    STATUS_CHANGED,
    TASK_UPSERTED,
    AUDIT_APPENDED,
    LOGS_APPENDED,
    ERROR_RECORDED,
    LABEL_SET,
    LABEL_REMOVED,
    DELETED,
    /** Moved to the archive by a purge: still read as before. */
    ARCHIVED,
    /** Brought back from the archive, exactly as it was. */
    RESTORED
  }
}
