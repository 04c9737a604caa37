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
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.WorkflowHistory;
import org.workflowengine.persistence.store.error.InvalidQueryException;

/**
 * {@code /api/executions/{id}/snapshot}: the exact workflow definition the execution ran. Its
 * strong ETag is the content hash, so a client that has it gets a 304 without the snapshot being
 * read from the database.
 */
@Path("executions/{id}/snapshot")
public class ExecutionSnapshotResource {

  @Inject ExecutionStore store;

  @Inject WorkflowHistory history;

  @RoleRequired(Roles.READER)
  @GET
  @Produces(MediaType.APPLICATION_JSON)
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
  public JsonArray diff(@PathParam("id") String id, @QueryParam("against") String against) {
    if (against == null || against.isBlank()) {
      throw new InvalidQueryException("against", "the id of another execution is required");
    }
    return history.diffExecutions(id, against);
  }
}
