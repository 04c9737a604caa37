package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;

/** {@code /api/executions/{id}/errors}: record an error. */
@Path("executions/{id}/errors")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionErrorsResource {

  @Inject ExecutionStore store;

  @RoleRequired(Roles.WRITER)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response record(@PathParam("id") String id, ExecutionError error) {
    ExecutionError stored = store.recordError(id, Bodies.require(error));
    return Response.status(Response.Status.CREATED).entity(stored).build();
  }
}
