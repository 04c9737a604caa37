package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.workflowengine.persistence.chain.ChainVerification;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;

/**
 * {@code /api/executions/{id}/verify}: whether the execution's record is as its store wrote it —
 * {@code {"valid": true, "links": N, "head": "<64 hex>"}}, or {@code "valid": false} with {@code
 * "first_broken": {"kind", "position", "problem"}}, the first link that was changed, removed,
 * inserted or moved behind the store's back (see {@code ExecutionStore#verify}). A broken chain is
 * a finding, not an error: the answer is 200 either way.
 */
@Path("executions/{id}/verify")
public class ExecutionVerifyResource {

  @Inject ExecutionStore store;

  @RoleRequired(Roles.READER)
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject verify(@PathParam("id") String id) {
    ChainVerification verification = store.verify(id);
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("valid", verification.valid())
            .add("links", verification.links());
    if (verification.head() == null) {
      body.addNull("head");
    } else {
      body.add("head", verification.head());
    }
    ChainVerification.Broken broken = verification.firstBroken();
    if (broken != null) {
      body.add(
          "first_broken",
          Json.createObjectBuilder()
              .add("kind", broken.kind())
              .add("position", broken.position())
              .add("problem", broken.problem()));
    }
    return body.build();
  }
}
