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
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;

/** {@code /api/executions/{id}/audit}: append to the audit trail. */
@Path("executions/{id}/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "appends", description = "Append-only records of an execution")
public class AuditTrailResource {

  @Inject ExecutionStore store;

  @RoleRequired(Roles.WRITER)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Append an audit entry")
  @APIResponse(
      responseCode = "201",
      description = "Appended; the entry as stored",
      content = @Content(schema = @Schema(implementation = AuditEntry.class)))
  @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  public Response append(@PathParam("id") String id, AuditEntry entry) {
    AuditEntry stored = store.appendAudit(id, Bodies.require(entry));
    return Response.status(Response.Status.CREATED).entity(stored).build();
  }
}
