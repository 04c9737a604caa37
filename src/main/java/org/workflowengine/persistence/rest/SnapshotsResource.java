package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.workflowengine.persistence.model.SnapshotRef;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.WorkflowHistory;
import org.workflowengine.persistence.store.error.SnapshotNotFoundException;
import org.workflowengine.persistence.store.write.Saved;

/**
 * {@code /api/snapshots}: definitions by content hash, registered once to record runs by hash, and
 * what changed between two.
 */
@Path("snapshots")
public class SnapshotsResource {

  /** RFC 6902's media type. */
  static final String JSON_PATCH = "application/json-patch+json";

  @Inject WorkflowHistory history;

  @Inject ExecutionStore store;

  @Context UriInfo uriInfo;

  /**
   * Registers a definition (the body) once, to record runs by its hash ({@code snapshot_hash})
   * instead of sending it each time: 201 when it is new, 200 when it was stored already; either way
   * {@code Location} names it and the body gives its hash.
   */
  @RoleRequired(Roles.WRITER)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response register(JsonObject definition) {
    Saved<SnapshotRef> saved = store.registerSnapshot(Bodies.require(definition));
    String hash = saved.value().hash();
    URI location = uriInfo.getBaseUriBuilder().path(SnapshotsResource.class).path(hash).build();
    Response.ResponseBuilder response =
        saved.created() ? Response.created(location) : Response.ok().location(location);
    return response
        .tag(new EntityTag(hash))
        .entity(Json.createObjectBuilder().add("snapshot_hash", hash).build())
        .build();
  }

  @RoleRequired(Roles.READER)
  @GET
  @Path("{hash}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response snapshot(@PathParam("hash") String hash, @Context Request request) {
    // Existence first: a conditional request for a hash that names nothing is a 404, never a 304
    // that a cache would keep for a year.
    if (!history.snapshotExists(hash)) {
      throw new SnapshotNotFoundException(hash);
    }
    EntityTag tag = new EntityTag(hash);
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    CacheControl immutable = new CacheControl();
    immutable.setMaxAge(31_536_000);
    if (notModified != null) {
      return notModified.cacheControl(immutable).build();
    }
    JsonObject snapshot =
        history.snapshot(hash).orElseThrow(() -> new SnapshotNotFoundException(hash));
    return Response.ok(snapshot).tag(tag).cacheControl(immutable).build();
  }

  @RoleRequired(Roles.READER)
  @GET
  @Path("{from}/diff/{to}")
  @Produces({JSON_PATCH, MediaType.APPLICATION_JSON})
  public JsonArray diff(@PathParam("from") String from, @PathParam("to") String to) {
    return history.diff(from, to);
  }
}
