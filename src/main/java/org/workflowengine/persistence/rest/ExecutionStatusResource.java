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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;

/** {@code /api/executions/{id}/status}: move an execution through its life cycle. */
@Path("executions/{id}/status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "executions")
public class ExecutionStatusResource {

  @Inject ExecutionStore store;

  @RoleRequired(Roles.WRITER)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change the status",
      description =
          "Pending → Running | Failed | Cancelled; Running → Paused | Complete | Failed |"
              + " Cancelled; Paused → Running | Failed | Cancelled. A move to the current status"
              + " changes nothing. Entering Complete, Failed or Cancelled sets completed_at and"
              + " success (true iff Complete, unless given).")
  @APIResponse(
      responseCode = "200",
      description = "The execution after the move; ETag is its new version",
      content = @Content(schema = @Schema(implementation = WorkflowExecution.class)))
  @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @APIResponse(responseCode = "412", ref = ApiDocs.PRECONDITION_FAILED)
  public Response transition(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(ref = ApiDocs.IF_MATCH) String ifMatch,
      StatusChange change) {
    Bodies.require(change);
    WorkflowExecution execution =
        store.transition(
            id, change.getStatus(), change.getSuccess(), ETags.expectedVersion(ifMatch));
    return Response.ok(execution).tag(ETags.of(execution.getVersion())).build();
  }
}
