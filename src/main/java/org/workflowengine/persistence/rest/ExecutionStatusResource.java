package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;

/** {@code /api/executions/{id}/status}: move an execution through its life cycle. */
@Path("executions/{id}/status")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionStatusResource {

  @Inject ExecutionStore store;

  @Context UriInfo uriInfo;

  @RoleRequired(Roles.WRITER)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response transition(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      StatusChange change) {
    Bodies.require(change);
    ETags.IfMatch match = ETags.ifMatch(ifMatch);
    WorkflowExecution execution;
    try {
      execution =
          store.transition(
              id, change.getStatus(), change.getSuccess(), match == null ? null : match.version());
    } catch (ExecutionNotFoundException e) {
      if (match == null) {
        throw e;
      }
      throw ETags.notStored(id, uriInfo);
    }
    return Response.ok(execution).tag(ETags.of(execution.getVersion())).build();
  }
}
