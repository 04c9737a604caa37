package org.workflowengine.persistence.store.error;

/**
 * The archive could not be written or read (unreachable, refusing, or a write that did not read
 * back as written): nothing of the call was changed in the database, and the same call may be tried
 * again.
 */
public class ArchiveUnavailableException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  public ArchiveUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public ArchiveUnavailableException(String message) {
    super(message);
  }
}
