package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;
import static org.workflowengine.persistence.testing.ApiClient.pendingExecution;
import static org.workflowengine.persistence.testing.ApiClient.seedExecution;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.OverHttp;

/** {@code /api/executions} over real HTTP: create, read, replace, delete, list. */
class ExecutionsResourceIT extends OverHttp {

  @Test
  void postingTheSeedFixtureStoresItAndGetReturnsTheSameSnapshot() {
    String id = unique("exec");
    JsonObject seed = seedExecution(id);

    Response created = api.post("executions", seed);
    JsonObject createdBody = json(created);
    Response read = api.get("executions/" + id);
    JsonObject readBody = json(read);

    assertThat(created.getStatus()).isEqualTo(201);
    assertThat(created.getLocation().getPath()).endsWith("/api/executions/" + id);
    assertThat(created.getEntityTag().getValue()).isEqualTo(createdBody.get("version").toString());
    assertThat(read.getStatus()).isEqualTo(200);
    assertThat(readBody.getJsonObject("workflow_snapshot"))
        .isEqualTo(seed.getJsonObject("workflow_snapshot"));
    assertThat(readBody.getString("status")).isEqualTo("Complete");
    assertThat(readBody.getString("created_at")).isEqualTo("2025-01-15T10:30:00Z");
    assertThat(readBody.getString("completed_at")).isEqualTo("2025-01-15T10:31:30Z");
    assertThat(readBody.getBoolean("success")).isTrue();
    assertThat(readBody.getString("snapshot_hash")).hasSize(64);
    assertThat(read.getEntityTag()).isEqualTo(created.getEntityTag());
  }

  @Test
  void postingAnExistingIdIsAConflictProblem() {
    String id = unique("exec");
    api.createSeed(id);

    Response again = api.post("executions", seedExecution(id));

    assertThat(again.getStatus()).isEqualTo(409);
    assertThat(again.getMediaType().toString()).isEqualTo(ProblemDetails.MEDIA_TYPE);
    JsonObject problem = json(again);
    assertThat(problem.getString("type")).endsWith("duplicate-id");
    assertThat(problem.getInt("status")).isEqualTo(409);
    assertThat(problem.getString("detail")).contains(id).contains("already exists");
    assertThat(problem.getString("instance")).endsWith("/api/executions");
  }

  @Test
  void putCreatesThenReplacesHonouringIfMatch() {
    String id = unique("exec");
    JsonObject running =
        Json.createObjectBuilder(pendingExecution(id, "wf")).add("status", "Running").build();

    Response created = api.put("executions/" + id, running);
    String etag = created.getHeaderString(HttpHeaders.ETAG);
    JsonObject renamed = Json.createObjectBuilder(running).add("workflow_name", "Renamed").build();
    Response replaced = api.ifMatch("executions/" + id, etag).put(Entity.json(renamed.toString()));
    Response stale = api.ifMatch("executions/" + id, etag).put(Entity.json(running.toString()));

    assertThat(created.getStatus()).isEqualTo(201);
    assertThat(replaced.getStatus()).isEqualTo(200);
    assertThat(replaced.getEntityTag()).isNotEqualTo(created.getEntityTag());
    assertThat(json(replaced).getString("workflow_name")).isEqualTo("Renamed");
    assertThat(stale.getStatus()).isEqualTo(412);
    assertThat(stale.getMediaType().toString()).isEqualTo(ProblemDetails.MEDIA_TYPE);
    assertThat(json(api.get("executions/" + id)).getString("workflow_name")).isEqualTo("Renamed");
  }

  @Test
  void thePathsIdWinsOverTheBodys() {
    String id = unique("exec");

    Response created = api.put("executions/" + id, seedExecution(unique("other")));

    assertThat(created.getStatus()).isEqualTo(201);
    assertThat(json(created).getString("id")).isEqualTo(id);
  }

  @Test
  void deleteRemovesAndThenReportsNotFound() {
    String id = unique("exec");
    api.createSeed(id);

    Response deleted = api.api("executions/" + id).request().delete();
    Response again = api.api("executions/" + id).request().delete();
    Response read = api.get("executions/" + id);

    assertThat(deleted.getStatus()).isEqualTo(204);
    assertThat(again.getStatus()).isEqualTo(404);
    assertThat(read.getStatus()).isEqualTo(404);
    assertThat(read.getMediaType().toString()).isEqualTo(ProblemDetails.MEDIA_TYPE);
    assertThat(json(read).getString("detail")).contains(id);
  }

  @Test
  void deleteWithAStaleIfMatchIsRefusedAndDeletesNothing() {
    String id = unique("exec");
    api.createSeed(id);

    Response stale = api.ifMatch("executions/" + id, "\"999\"").delete();
    Response current = api.ifMatch("executions/" + id, "\"1\"").delete();

    assertThat(stale.getStatus()).isEqualTo(412);
    assertThat(json(stale).getString("detail")).contains("version");
    assertThat(current.getStatus()).isEqualTo(204);
  }

  /**
   * RFC 9110 13.1.1: {@code If-Match} on a missing execution is false whatever it names — a
   * version, weak or strong, or {@code *} — so every write that honours it answers 412 and stores
   * nothing (no 404, and no PUT creating what the client believed was there).
   */
  @Test
  void ifMatchOnAMissingExecutionIsAPreconditionFailureOfEveryWrite() {
    for (String etag : List.of("\"1\"", "W/\"1\"", "*")) {
      String id = unique("missing");
      JsonObject running =
          Json.createObjectBuilder(pendingExecution(id, "wf")).add("status", "Running").build();

      Response put = api.ifMatch("executions/" + id, etag).put(Entity.json(running.toString()));
      Response status =
          api.ifMatch("executions/" + id + "/status", etag)
              .post(
                  Entity.json(
                      Json.createObjectBuilder().add("status", "Running").build().toString()));
      Response delete = api.ifMatch("executions/" + id, etag).delete();

      for (Response refused : List.of(put, status, delete)) {
        assertThat(assertPreconditionFailed(refused, etag).getString("detail")).contains(id);
      }
      assertThat(api.get("executions/" + id).getStatus()).as(etag).isEqualTo(404);
    }
  }

  /** {@code If-Match: *} is "whatever version is stored": it replaces, moves and deletes. */
  @Test
  void ifMatchAnyWritesAStoredExecutionAtAnyVersion() {
    String id = unique("exec");
    JsonObject running =
        Json.createObjectBuilder(pendingExecution(id, "wf")).add("status", "Running").build();
    api.put("executions/" + id, running).close();
    JsonObject renamed = Json.createObjectBuilder(running).add("workflow_name", "Renamed").build();

    Response replaced = api.ifMatch("executions/" + id, "*").put(Entity.json(renamed.toString()));
    Response paused =
        api.ifMatch("executions/" + id + "/status", "*")
            .post(
                Entity.json(Json.createObjectBuilder().add("status", "Paused").build().toString()));
    Response weak =
        api.ifMatch("executions/" + id, "W/" + paused.getHeaderString(HttpHeaders.ETAG))
            .put(Entity.json(renamed.toString()));
    Response deleted = api.ifMatch("executions/" + id, "*").delete();

    JsonObject replacedBody = json(replaced);
    assertThat(replaced.getStatus()).as(replacedBody.toString()).isEqualTo(200);
    assertThat(replacedBody.getString("workflow_name")).isEqualTo("Renamed");
    assertThat(paused.getStatus()).isEqualTo(200);
    assertThat(weak.getStatus()).as("a weak ETag names the same version").isEqualTo(200);
    assertThat(deleted.getStatus()).isEqualTo(204);
    assertThat(api.get("executions/" + id).getStatus()).isEqualTo(404);
  }

  /** {@code If-None-Match: *} on PUT creates only when nothing is stored under the id. */
  @Test
  void ifNoneMatchAnyCreatesOnlyWhenAbsent() {
    String id = unique("exec");
    JsonObject first = pendingExecution(id, "first");
    JsonObject second = pendingExecution(id, "second");

    Response created = ifNoneMatchAny(id).put(Entity.json(first.toString()));
    Response again = ifNoneMatchAny(id).put(Entity.json(second.toString()));
    Response stored = api.get("executions/" + id);

    assertThat(created.getStatus()).isEqualTo(201);
    assertThat(created.getLocation().getPath()).endsWith("/api/executions/" + id);
    assertThat(created.getEntityTag().getValue()).isEqualTo("1");
    assertThat(assertPreconditionFailed(again, "If-None-Match: *").getString("detail"))
        .contains(id)
        .contains("nothing changed");
    assertThat(stored.getEntityTag()).as("nothing changed").isEqualTo(created.getEntityTag());
    assertThat(json(stored).getString("workflow_name")).isEqualTo("first");
  }

  /**
   * {@code If-None-Match: *} with {@code If-Match} can never hold (stored and not stored); any
   * other {@code If-None-Match} on PUT is not a condition this service evaluates: neither writes.
   */
  @Test
  void ifNoneMatchAnyWithIfMatchFailsAndOtherIfNoneMatchValuesAreRefused() {
    String id = unique("exec");
    String stored = unique("exec");
    api.put("executions/" + stored, pendingExecution(stored, "kept")).close();

    Response both =
        ifNoneMatchAny(stored)
            .header(HttpHeaders.IF_MATCH, "\"1\"")
            .put(Entity.json(pendingExecution(stored, "changed").toString()));
    Response tagged =
        api.breaking("executions/" + id, "If-None-Match other than *, which the document refuses")
            .request()
            .header(HttpHeaders.IF_NONE_MATCH, "\"1\"")
            .put(Entity.json(pendingExecution(id, "wf").toString()));

    assertThat(assertPreconditionFailed(both, "If-Match and If-None-Match: *").getString("detail"))
        .contains("If-None-Match");
    assertThat(json(api.get("executions/" + stored)).getString("workflow_name")).isEqualTo("kept");
    assertThat(tagged.getStatus()).isEqualTo(400);
    assertThat(tagged.getMediaType().toString()).isEqualTo(ProblemDetails.MEDIA_TYPE);
    assertThat(json(tagged).getString("detail")).contains("If-None-Match");
    assertThat(api.get("executions/" + id).getStatus()).isEqualTo(404);
  }

  private Invocation.Builder ifNoneMatchAny(String id) {
    return api.api("executions/" + id).request().header(HttpHeaders.IF_NONE_MATCH, "*");
  }

  /** Asserts a 412 problem; returns it. */
  private static JsonObject assertPreconditionFailed(Response response, String what) {
    JsonObject problem = json(response);
    assertThat(response.getStatus()).as(what + ": " + problem).isEqualTo(412);
    assertThat(response.getMediaType().toString()).as(what).isEqualTo(ProblemDetails.MEDIA_TYPE);
    assertThat(problem.getInt("status")).as(what).isEqualTo(412);
    return problem;
  }

  @Test
  void listFiltersByNameAndStatusAndLinksTheNextPage() {
    String name = unique("listed");
    for (String status : List.of("Pending", "Running", "Running")) {
      JsonObject execution =
          Json.createObjectBuilder(pendingExecution(unique("exec"), name))
              .add("status", status)
              .build();
      assertThat(api.post("executions", execution).getStatus()).isEqualTo(201);
    }

    Response first =
        api.api("executions")
            .queryParam("workflow_name", name)
            .queryParam("status", "running")
            .queryParam("limit", 1)
            .request()
            .get();
    JsonObject firstPage = json(first);
    JsonArray items = firstPage.getJsonArray("items");
    Link next = first.getLink("next");
    JsonObject secondPage = json(api.target(next.getUri()).request().get());

    assertThat(items).as(firstPage.toString()).hasSize(1);
    assertThat(items.getJsonObject(0).getString("status")).isEqualTo("Running");
    assertThat(items.getJsonObject(0).containsKey("workflow_snapshot")).isFalse();
    assertThat(items.getJsonObject(0).containsKey("tasks")).isFalse();
    assertThat(next.getUri().getQuery())
        .as("the request's parameters in the order sent, the cursor last, on every server")
        .isEqualTo(
            "workflow_name="
                + name
                + "&status=running&limit=1&cursor="
                + firstPage.getString("next_cursor"));
    assertThat(secondPage.getJsonArray("items")).hasSize(1);
    assertThat(secondPage.getJsonArray("items").getJsonObject(0).getString("id"))
        .isNotEqualTo(items.getJsonObject(0).getString("id"));
    assertThat(secondPage.get("next_cursor")).isEqualTo(JsonValue.NULL);
  }

  @Test
  void listFiltersBySuccessAndTimeRanges() {
    String name = unique("ranged");
    String early = unique("early");
    String late = unique("late");
    api.post(
            "executions",
            Json.createObjectBuilder(seedExecution(early))
                .add("workflow_name", name)
                .add("created_at", "2024-03-01T00:00:00Z")
                .add("completed_at", "2024-03-01T01:00:00Z")
                .build())
        .close();
    api.post(
            "executions",
            Json.createObjectBuilder(seedExecution(late))
                .add("workflow_name", name)
                .add("status", "Failed")
                .add("success", false)
                .add("created_at", "2024-06-01T00:00:00Z")
                .add("completed_at", "2024-06-01T01:00:00Z")
                .build())
        .close();

    assertThat(ids(name, "success", "false")).containsExactly(late);
    assertThat(ids(name, "success", "true")).containsExactly(early);
    assertThat(ids(name, "created_before", "2024-04-01T00:00:00Z")).containsExactly(early);
    assertThat(ids(name, "created_after", "2024-06-01T00:00:00Z")).containsExactly(late);
    assertThat(ids(name, "completed_after", "2024-03-01T01:00:00+00:00"))
        .containsExactly(late, early);
    assertThat(ids(name, "completed_before", "2024-03-01T03:00:01%2B02:00"))
        .as("an offset is honoured")
        .containsExactly(early);
  }

  private List<String> ids(String workflowName, String parameter, String value) {
    Response response =
        api.api("executions")
            .queryParam("workflow_name", workflowName)
            .queryParam(parameter, value)
            .request()
            .get();
    JsonObject page = json(response);
    assertThat(response.getStatus()).as(page.toString()).isEqualTo(200);
    return page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .map(item -> item.getString("id"))
        .toList();
  }
}
