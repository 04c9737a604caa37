package org.workflowengine.persistence.rest;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;

/** {@code /api/me}: who the caller is, with the roles of the service it holds. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  @Context SecurityContext security;

  @RoleRequired(Roles.READER)
  @GET
  public JsonObject me() {
    JsonArrayBuilder roles = Json.createArrayBuilder();
    for (String role : new String[] {Roles.READER, Roles.WRITER, Roles.ADMIN, Roles.METRICS}) {
      if (security.isUserInRole(role)) {
        roles.add(role);
      }
    }
    return Json.createObjectBuilder()
        .add("name", security.getUserPrincipal().getName())
        .add("roles", roles)
        .build();
  }
}
