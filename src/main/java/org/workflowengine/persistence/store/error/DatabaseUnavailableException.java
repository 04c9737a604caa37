package org.workflowengine.persistence.store.error;

import org.workflowengine.persistence.lang.Causes;

/**
 * The database could not be reached (refused, dropped, shutting down or starting up, or no
 * connection free within the wait): nothing of the call was stored, and the same call may be tried
 * again shortly.
 */
public class DatabaseUnavailableException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(String message) {
    super(message);
  }

  public DatabaseUnavailableException(Throwable cause) {
    super("The database cannot be reached: " + Causes.root(cause).getMessage(), cause);
  }
}
