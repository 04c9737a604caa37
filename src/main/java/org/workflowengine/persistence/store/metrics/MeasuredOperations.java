package org.workflowengine.persistence.store.metrics;

import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import org.workflowengine.persistence.metrics.StoreMetrics;
import org.workflowengine.persistence.snapshot.SnapshotAlreadyStoredException;
import org.workflowengine.persistence.store.error.ArchiveUnavailableException;
import org.workflowengine.persistence.store.error.DatabaseUnavailableException;
import org.workflowengine.persistence.store.error.DuplicateExecutionException;
import org.workflowengine.persistence.store.error.ExecutionArchivedException;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.error.IllegalTransitionException;
import org.workflowengine.persistence.store.error.InvalidExecutionException;
import org.workflowengine.persistence.store.error.InvalidImportException;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.store.error.LabelNotFoundException;
import org.workflowengine.persistence.store.error.SnapshotNotFoundException;
import org.workflowengine.persistence.store.error.SnapshotTooLargeException;
import org.workflowengine.persistence.store.error.StaleExecutionException;
import org.workflowengine.persistence.store.error.UnknownSnapshotException;

/**
 * Around the store's beans: each call of a method {@link Operations} names counted and timed by
 * operation and outcome. Outermost, so that the time includes the wait for a database slot and the
 * outcome is the one the caller gets. An operation that calls another bean's (a purge archiving)
 * counts both.
 */
public class MeasuredOperations {

  @Inject StoreMetrics metrics;

  @AroundInvoke
  public Object measure(InvocationContext call) throws Exception {
    Operations.Operation measured = Operations.of(call.getMethod());
    if (!Operations.measured(measured)) {
      return call.proceed();
    }
    long start = System.nanoTime();
    String outcome = "error";
    Object result = null;
    try {
      result = call.proceed();
      outcome = "ok";
      return result;
    } catch (Exception e) {
      outcome = outcome(e);
      throw e;
    } finally {
      String operation =
          !measured.whenCreated().isEmpty()
                  && result instanceof Creation creation
                  && creation.created()
              ? measured.whenCreated()
              : measured.name();
      metrics.operation(operation, outcome, System.nanoTime() - start);
    }
  }

  /** The outcome a failure is: what the caller can do about it, as the HTTP status tells. */
  static String outcome(Throwable e) {
    if (e instanceof DatabaseUnavailableException) {
      return "database_unavailable";
    }
    if (e instanceof ArchiveUnavailableException) {
      return "archive_unavailable";
    }
    if (e instanceof ExecutionNotFoundException
        || e instanceof LabelNotFoundException
        || e instanceof SnapshotNotFoundException) {
      return "not_found";
    }
    if (e instanceof DuplicateExecutionException
        || e instanceof StaleExecutionException
        || e instanceof IllegalTransitionException
        || e instanceof ExecutionArchivedException
        || e instanceof SnapshotAlreadyStoredException) {
      return "conflict";
    }
    if (e instanceof InvalidExecutionException
        || e instanceof InvalidImportException
        || e instanceof InvalidQueryException
        || e instanceof SnapshotTooLargeException
        || e instanceof UnknownSnapshotException) {
      return "invalid";
    }
    return "error";
  }
}
