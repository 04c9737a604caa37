package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.InvalidQueryException;
import org.workflowengine.persistence.store.WorkflowHistory;

/**
 * {@code /api/executions/{id}/snapshot}: the exact workflow definition the execution ran. Its
 * strong ETag is the content hash, so a client that has it gets a 304 without the snapshot being
 * read from the database.
 */
@Path("executions/{id}/snapshot")
@Tag(name = "executions")
public class ExecutionSnapshotResource {

  @Inject ExecutionStore store;

  @Inject WorkflowHistory history;

  @RoleRequired(Roles.READER)
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The workflow definition the execution ran")
  @APIResponse(
      responseCode = "200",
      description = "The snapshot; ETag is its SHA-256, If-None-Match is honoured")
  @APIResponse(responseCode = "304", description = "The client's copy (If-None-Match) is current")
  @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  public Response get(@PathParam("id") String id, @Context Request request) {
    String hash = store.getSnapshotHash(id);
    EntityTag tag = new EntityTag(hash);
    CacheControl revalidate = new CacheControl();
    revalidate.setNoCache(true);
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    if (notModified != null) {
      return notModified.cacheControl(revalidate).build();
    }
    JsonObject snapshot =
        store
            .findSnapshot(hash)
            .orElseThrow(() -> new IllegalStateException("Snapshot " + hash + " is missing"));
    return Response.ok(snapshot).tag(tag).cacheControl(revalidate).build();
  }

  @RoleRequired(Roles.READER)
  @GET
  @Path("diff")
  @Produces({SnapshotsResource.JSON_PATCH, MediaType.APPLICATION_JSON})
  @Operation(
      summary = "What changed in the definition since another run",
      description =
          "An RFC 6902 JSON Patch turning the snapshot of execution {against} into this"
              + " execution's; empty when both ran the same definition")
  @APIResponse(responseCode = "200", description = "The JSON Patch")
  @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  public JsonArray diff(
      @PathParam("id") String id,
      @QueryParam("against") @Parameter(description = "Id of the execution to compare with")
          String against) {
    if (against == null || against.isBlank()) {
      throw new InvalidQueryException("against", "the id of another execution is required");
    }
    return history.diffExecutions(id, against);
  }
}
