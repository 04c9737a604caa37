package org.workflowengine.persistence.store.error;

import jakarta.ejb.ApplicationException;

/**
 * Base of every failure the {@code ExecutionStore} reports to its callers.
 *
 * <p>An application exception: it reaches the caller as thrown (never wrapped in {@code
 * EJBException}) and marks the caller's transaction for rollback, so nothing of a failed call is
 * ever committed.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class ExecutionStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  protected ExecutionStoreException(String message) {
    super(message);
  }

  protected ExecutionStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
