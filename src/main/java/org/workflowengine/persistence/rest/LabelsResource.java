package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.error.InvalidExecutionException;

/**
 * {@code /api/executions/{id}/labels/{key}}: set or remove one label, touching nothing else of the
 * execution (its version stays, so it never conflicts with appends or with a writer's If-Match).
 */
@Path("executions/{id}/labels/{key}")
@Produces(MediaType.APPLICATION_JSON)
public class LabelsResource {

  @Inject ExecutionStore store;

  @Context UriInfo uriInfo;

  @RoleRequired(Roles.WRITER)
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response set(@PathParam("id") String id, @PathParam("key") String key, LabelBody body) {
    String value = Bodies.require(body).getValue();
    if (value == null) {
      throw new InvalidExecutionException("value is required: {\"value\": \"…\"}");
    }
    boolean created = store.setLabel(id, key, value);
    Response.ResponseBuilder response =
        created ? Response.created(uriInfo.getAbsolutePath()) : Response.ok();
    return response.entity(new LabelBody(key, value)).build();
  }

  @RoleRequired(Roles.WRITER)
  @DELETE
  public Response remove(@PathParam("id") String id, @PathParam("key") String key) {
    store.removeLabel(id, key);
    return Response.noContent().build();
  }
}
