package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;

/** {@code /api/executions/{id}/audit}: append to the audit trail. */
@Path("executions/{id}/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditTrailResource {

  @Inject ExecutionStore store;

  @RoleRequired(Roles.WRITER)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response append(@PathParam("id") String id, AuditEntry entry) {
    AuditEntry stored = store.appendAudit(id, Bodies.require(entry));
    return Response.status(Response.Status.CREATED).entity(stored).build();
  }
}
