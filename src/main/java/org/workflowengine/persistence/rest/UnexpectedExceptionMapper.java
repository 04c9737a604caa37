package org.workflowengine.persistence.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.workflowengine.persistence.database.SqlStates;
import org.workflowengine.persistence.lang.Causes;
import org.workflowengine.persistence.trace.CurrentTrace;

/**
 * Anything else is a fault of the service: logged with an incident id (and the request's trace id,
 * if it has one), answered with a 500 problem that names the incident but shows no stack trace or
 * internals. Except when the database is out of reach or fails during the commit: that is a 503
 * with {@code Retry-After}, so that clients wait and try again (after a failed commit, they read
 * first: the change may have been stored).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable e) {
    if (!ServiceScope.isOurs(uriInfo)) {
      return ServiceScope.notOurs(e);
    }
    return internalError(e, uriInfo);
  }

  /** Seconds a client is asked to wait before it tries again while the database is away. */
  static final int RETRY_AFTER_SECONDS = 5;

  private static Response databaseUnavailable(Throwable e, String detail, UriInfo uriInfo) {
    LOG.warning(() -> "Database unavailable: " + rootMessage(e));
    return Response.fromResponse(
            ProblemDetails.of(
                Status.SERVICE_UNAVAILABLE, "database-unavailable", detail, uriInfo, List.of()))
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .build();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = Causes.root(e);
    return root.getClass().getName() + ": " + root.getMessage();
  }

  /** The 503 for a database out of reach: nothing was stored, try again shortly. */
  static Response databaseUnreachable(Throwable e, UriInfo uriInfo) {
    return databaseUnavailable(
        e,
        "The database cannot be reached, so the request was not completed; try again shortly",
        uriInfo);
  }

  static Response internalError(Throwable e, UriInfo uriInfo) {
    if (SqlStates.isDatabaseUnavailable(e)) {
      return databaseUnreachable(e, uriInfo);
    }
    if (SqlStates.isCommitFailure(e)) {
      // The database went away between the last statement and the end of the commit: the change
      // may or may not be stored, and only a read after the database is back can tell.
      return databaseUnavailable(
          e,
          "The database failed while the change was being committed, so it may or may not have"
              + " been stored; read it before trying again",
          uriInfo);
    }
    String incident = UUID.randomUUID().toString();
    String traceId = CurrentTrace.id();
    LOG.log(
        Level.SEVERE,
        "Request failed, incident " + incident + (traceId == null ? "" : ", trace " + traceId),
        e);
    return ProblemDetails.of(
        Status.INTERNAL_SERVER_ERROR,
        "internal-error",
        "The request failed on the server; incident " + incident,
        uriInfo,
        List.of());
  }
}
