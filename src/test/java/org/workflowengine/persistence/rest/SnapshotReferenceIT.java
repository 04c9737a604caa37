package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;
import static org.workflowengine.persistence.testing.ApiClient.pendingExecution;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.OverHttp;

/**
 * Definitions registered once and runs recorded by their hash ({@code POST /api/snapshots}, {@code
 * snapshot_hash}), and writes answered without a body ({@code Prefer: return=minimal}).
 */
class SnapshotReferenceIT extends OverHttp {

  private static final String MINIMAL = "return=minimal";

  private static JsonObject definition() {
    return Json.createObjectBuilder()
        .add("name", "nightly")
        .add("version", UUID.randomUUID().toString())
        .add(
            "tasks",
            Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("id", "extract"))
                .add(Json.createObjectBuilder().add("id", "load")))
        .build();
  }

  private String register(JsonObject definition, int expectedStatus) {
    try (Response registered =
        api.api("snapshots")
            .request()
            .post(Entity.entity(definition, MediaType.APPLICATION_JSON))) {
      String body = registered.readEntity(String.class);
      assertThat(registered.getStatus()).as(body).isEqualTo(expectedStatus);
      String hash =
          Json.createReader(new java.io.StringReader(body)).readObject().getString("snapshot_hash");
      assertThat(registered.getLocation().getPath()).endsWith("/api/snapshots/" + hash);
      assertThat(registered.getHeaderString("ETag")).isEqualTo("\"" + hash + "\"");
      return hash;
    }
  }

  private static JsonObject byHash(String id, String workflow, String hash) {
    JsonObject pending = pendingExecution(id, workflow);
    return Json.createObjectBuilder(pending)
        .remove("workflow_snapshot")
        .add("snapshot_hash", hash)
        .build();
  }

  @Test
  void aDefinitionRegisteredOnceRecordsRunsByItsHashEachReadingBackWhole() {
    JsonObject definition = definition();
    String hash = register(definition, 201);
    assertThat(register(definition, 200)).as("registered again: the same hash").isEqualTo(hash);
    assertThat(json(api.get("snapshots/" + hash))).isEqualTo(definition);

    String workflow = unique("by-hash");
    List<String> locations = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      try (Response created =
          api.api("executions")
              .request()
              .header("Prefer", MINIMAL)
              .post(Entity.json(byHash(unique("run"), workflow, hash)))) {
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.hasEntity()).as("no body").isFalse();
        assertThat(created.getHeaderString("Preference-Applied")).isEqualTo(MINIMAL);
        assertThat(created.getHeaderString("ETag")).isEqualTo("\"1\"");
        locations.add(created.getLocation().toString());
      }
    }
    for (String location : locations) {
      JsonObject run = json(api.target(java.net.URI.create(location)).request().get());
      assertThat(run.getJsonObject("workflow_snapshot")).isEqualTo(definition);
      assertThat(run.getString("snapshot_hash")).isEqualTo(hash);
    }

    // Without the preference: the body as ever, its definition included.
    try (Response created = api.post("executions", byHash(unique("run"), workflow, hash))) {
      assertThat(created.getStatus()).isEqualTo(201);
      assertThat(created.getHeaderString("Preference-Applied")).isNull();
      assertThat(json(created).getJsonObject("workflow_snapshot")).isEqualTo(definition);
    }
  }

  @Test
  void aReplacementByHashAndEveryKindOfWriteAnswerWithoutABodyWhenAsked() {
    String hash = register(definition(), 201);
    String workflow = unique("minimal");
    String id = unique("run");
    assertThat(api.post("executions", pendingExecution(id, workflow)).getStatus()).isEqualTo(201);

    JsonObject replacement =
        Json.createObjectBuilder(byHash(id, workflow, hash)).add("status", "Running").build();
    try (Response replaced =
        api.api("executions/" + id)
            .request()
            .header("Prefer", "respond-async, return=minimal; foo=bar")
            .put(Entity.json(replacement))) {
      assertThat(replaced.getStatus()).isEqualTo(204);
      assertThat(replaced.hasEntity()).isFalse();
      assertThat(replaced.getHeaderString("ETag")).isEqualTo("\"2\"");
      assertThat(replaced.getHeaderString("Preference-Applied")).isEqualTo(MINIMAL);
    }
    assertThat(json(api.get("executions/" + id)).getString("snapshot_hash")).isEqualTo(hash);

    try (Response audit =
        api.api("executions/" + id + "/audit")
            .request()
            .header("Prefer", "return=\"minimal\"")
            .post(Entity.json(Json.createObjectBuilder().add("action", "checked").build()))) {
      assertThat(audit.getStatus()).isEqualTo(201);
      assertThat(audit.hasEntity()).isFalse();
    }
    try (Response status =
        api.api("executions/" + id + "/status")
            .request()
            .header("Prefer", "return=representation")
            .post(Entity.json(Json.createObjectBuilder().add("status", "Complete").build()))) {
      assertThat(status.getStatus()).isEqualTo(200);
      assertThat(status.getHeaderString("Preference-Applied")).isEqualTo("return=representation");
      assertThat(json(status).getString("status")).isEqualTo("Complete");
    }
    // A refused write keeps its problem body.
    try (Response refused =
        api.api("executions/" + id + "/status")
            .request()
            .header("Prefer", MINIMAL)
            .post(Entity.json(Json.createObjectBuilder().add("status", "Running").build()))) {
      assertThat(refused.getStatus()).isEqualTo(409);
      assertThat(json(refused).getString("type")).endsWith(":illegal-transition");
      assertThat(refused.getHeaderString("Preference-Applied")).isNull();
    }
  }

  @Test
  void anUnknownMalformedOrDisagreeingHashIsRefusedAndStoresNothing() {
    String workflow = unique("refused");
    String unknown = "0".repeat(63) + "1";
    String id = unique("run");
    try (Response refused = api.post("executions", byHash(id, workflow, unknown))) {
      assertThat(refused.getStatus()).isEqualTo(422);
      JsonObject problem = json(refused);
      assertThat(problem.getString("type")).endsWith(":unknown-snapshot");
      assertThat(problem.getString("detail")).contains(unknown);
    }
    assertThat(api.get("executions/" + id).getStatus()).isEqualTo(404);

    try (Response malformed = api.post("executions", byHash(id, workflow, "abc"))) {
      assertThat(malformed.getStatus()).isEqualTo(400);
      assertThat(json(malformed).getString("detail")).contains("snapshot_hash");
    }

    JsonObject definition = definition();
    String hash = register(definition, 201);
    JsonObject other = Json.createObjectBuilder(definition).add("extra", 1).build();
    try (Response disagreeing =
        api.post(
            "executions",
            Json.createObjectBuilder(byHash(id, workflow, hash))
                .add("workflow_snapshot", other)
                .build())) {
      assertThat(disagreeing.getStatus()).isEqualTo(400);
      assertThat(json(disagreeing).getString("detail")).contains("snapshot_hash", hash);
    }
    assertThat(api.get("executions/" + id).getStatus()).isEqualTo(404);

    try (Response agreeing =
        api.post(
            "executions",
            Json.createObjectBuilder(byHash(id, workflow, hash))
                .add("workflow_snapshot", definition)
                .build())) {
      assertThat(agreeing.getStatus()).isEqualTo(201);
    }

    try (Response notAnObject =
        api.breaking("snapshots", "a definition is a JSON object, not an array")
            .request()
            .post(Entity.entity("[1, 2]", MediaType.APPLICATION_JSON))) {
      assertThat(notAnObject.getStatus()).isEqualTo(400);
    }
  }
}
