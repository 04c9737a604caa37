package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.Set;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionPage;
import org.workflowengine.persistence.store.ExecutionQuery;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.InvalidExecutionException;
import org.workflowengine.persistence.store.InvalidQueryException;
import org.workflowengine.persistence.store.SaveResult;

/** {@code /api/executions}: create, read, replace, delete and list executions. */
@Path("executions")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionsResource {

  @Inject ExecutionStore store;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(WorkflowExecution execution) {
    WorkflowExecution created = store.create(requireBody(execution));
    return Response.created(uriInfo.getAbsolutePathBuilder().path(created.getId()).build())
        .tag(ETags.of(created.getVersion()))
        .entity(created)
        .build();
  }

  @GET
  @Path("{id}")
  public Response get(@PathParam("id") String id) {
    WorkflowExecution execution = store.get(id);
    return Response.ok(execution).tag(ETags.of(execution.getVersion())).build();
  }

  /**
   * Creates (201) or replaces (200) the execution {@code id}; the path's id wins over the body's.
   */
  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      WorkflowExecution execution) {
    requireBody(execution).setId(id);
    SaveResult result = store.save(execution, ETags.expectedVersion(ifMatch));
    WorkflowExecution saved = result.execution();
    Response.ResponseBuilder response =
        result.created() ? Response.created(uriInfo.getAbsolutePath()) : Response.ok();
    return response.tag(ETags.of(saved.getVersion())).entity(saved).build();
  }

  @DELETE
  @Path("{id}")
  public Response delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    store.delete(id, ETags.expectedVersion(ifMatch));
    return Response.noContent().build();
  }

  /** Newest first; {@code status} takes a comma-separated set. */
  @GET
  public ExecutionPage list(
      @QueryParam("workflow_name") String workflowName,
      @QueryParam("status") String status,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    return store.list(
        ExecutionQuery.all()
            .withWorkflowName(workflowName)
            .withStatuses(statuses(status))
            .withLimit(limit(limit))
            .withCursor(cursor == null || cursor.isEmpty() ? null : cursor));
  }

  private static WorkflowExecution requireBody(WorkflowExecution execution) {
    if (execution == null) {
      throw new InvalidExecutionException("the request body must be a workflow execution");
    }
    return execution;
  }

  private static Set<WorkflowStatus> statuses(String commaSeparated) {
    Set<WorkflowStatus> statuses = EnumSet.noneOf(WorkflowStatus.class);
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return statuses;
    }
    for (String name : commaSeparated.split(",")) {
      try {
        statuses.add(WorkflowStatus.fromWire(name));
      } catch (IllegalArgumentException e) {
        throw new InvalidQueryException("status", e.getMessage());
      }
    }
    return statuses;
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return ExecutionQuery.DEFAULT_LIMIT;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidQueryException(
          "limit", "must be a whole number from 1 to " + ExecutionQuery.MAX_LIMIT);
    }
  }
}
