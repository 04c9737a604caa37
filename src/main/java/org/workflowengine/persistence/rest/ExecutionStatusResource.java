package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;

/** {@code /api/executions/{id}/status}: move an execution through its life cycle. */
@Path("executions/{id}/status")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionStatusResource {

  @Inject ExecutionStore store;

  @RoleRequired(Roles.WRITER)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response transition(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      StatusChange change) {
    Bodies.require(change);
    WorkflowExecution execution =
        store.transition(
            id, change.getStatus(), change.getSuccess(), ETags.expectedVersion(ifMatch));
    return Response.ok(execution).tag(ETags.of(execution.getVersion())).build();
  }
}
