package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;

/** {@code /api/executions/{id}/errors}: record an error. */
@Path("executions/{id}/errors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "appends")
public class ExecutionErrorsResource {

  @Inject ExecutionStore store;

  @RoleRequired(Roles.WRITER)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Record an error")
  @APIResponse(
      responseCode = "201",
      description = "Recorded; the error as stored",
      content = @Content(schema = @Schema(implementation = ExecutionError.class)))
  @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  public Response record(@PathParam("id") String id, ExecutionError error) {
    ExecutionError stored = store.recordError(id, Bodies.require(error));
    return Response.status(Response.Status.CREATED).entity(stored).build();
  }
}
