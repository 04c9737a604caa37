package org.workflowengine.persistence.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.workflowengine.persistence.store.error.ArchiveDamagedException;
import org.workflowengine.persistence.store.error.ArchiveUnavailableException;
import org.workflowengine.persistence.store.error.DatabaseUnavailableException;
import org.workflowengine.persistence.store.error.DuplicateExecutionException;
import org.workflowengine.persistence.store.error.ExecutionArchivedException;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.error.ExecutionStoreException;
import org.workflowengine.persistence.store.error.IllegalTransitionException;
import org.workflowengine.persistence.store.error.InvalidExecutionException;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.store.error.LabelNotFoundException;
import org.workflowengine.persistence.store.error.SnapshotNotFoundException;
import org.workflowengine.persistence.store.error.SnapshotTooLargeException;
import org.workflowengine.persistence.store.error.StaleExecutionException;
import org.workflowengine.persistence.store.error.UnknownSnapshotException;

/** Maps the store's application exceptions to HTTP statuses and problem details. */
@Provider
public class StoreExceptionMapper implements ExceptionMapper<ExecutionStoreException> {

  /** RFC 9110's 422, which Jakarta REST 3.1's {@code Status} does not name. */
  static final Response.StatusType UNPROCESSABLE_CONTENT =
      new Response.StatusType() {
        @Override
        public int getStatusCode() {
          return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
          return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
          return "Unprocessable Content";
        }
      };

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(ExecutionStoreException e) {
    if (!ServiceScope.isOurs(uriInfo)) {
      return ServiceScope.notOurs(e);
    }
    if (e instanceof DatabaseUnavailableException) {
      return UnexpectedExceptionMapper.databaseUnreachable(e, uriInfo);
    }
    if (e instanceof ExecutionNotFoundException
        || e instanceof SnapshotNotFoundException
        || e instanceof LabelNotFoundException) {
      return problem(Status.NOT_FOUND, "not-found", e);
    }
    if (e instanceof ArchiveUnavailableException) {
      return Response.fromResponse(problem(Status.SERVICE_UNAVAILABLE, "archive-unavailable", e))
          .header(HttpHeaders.RETRY_AFTER, UnexpectedExceptionMapper.RETRY_AFTER_SECONDS)
          .build();
    }
    if (e instanceof ArchiveDamagedException) {
      return problem(Status.INTERNAL_SERVER_ERROR, "archive-damaged", e);
    }
    if (e instanceof ExecutionArchivedException) {
      return problem(Status.CONFLICT, "execution-archived", e);
    }
    if (e instanceof DuplicateExecutionException) {
      return problem(Status.CONFLICT, "duplicate-id", e);
    }
    if (e instanceof IllegalTransitionException) {
      return problem(Status.CONFLICT, "illegal-transition", e);
    }
    if (e instanceof StaleExecutionException) {
      return problem(Status.PRECONDITION_FAILED, "stale-version", e);
    }
    if (e instanceof UnknownSnapshotException) {
      return problem(UNPROCESSABLE_CONTENT, "unknown-snapshot", e);
    }
    if (e instanceof SnapshotTooLargeException) {
      return problem(Status.REQUEST_ENTITY_TOO_LARGE, "snapshot-too-large", e);
    }
    if (e instanceof InvalidExecutionException invalid) {
      return ProblemDetails.of(
          Status.BAD_REQUEST, "invalid-input", e.getMessage(), uriInfo, invalid.getViolations());
    }
    if (e instanceof InvalidQueryException) {
      return problem(Status.BAD_REQUEST, "invalid-parameter", e);
    }
    return problem(Status.BAD_REQUEST, "invalid-request", e);
  }

  private Response problem(Response.StatusType status, String type, Exception e) {
    return ProblemDetails.of(status, type, e.getMessage(), uriInfo, List.of());
  }
}
