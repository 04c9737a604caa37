package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;
import static org.workflowengine.persistence.testing.ApiClient.pendingExecution;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.ApiClient;
import org.workflowengine.persistence.testing.OverHttp;
import org.workflowengine.persistence.testing.TestUser;

/**
 * Labels over HTTP: on create and replacement, one at a time, in listings, as filters with the
 * error search, in export and import, and as a purge's selection.
 */
class LabelsIT extends OverHttp {

  /** An execution of {@code workflow} created at {@code createdAt} with {@code labels}. */
  private static JsonObject labelled(
      String id, String workflow, String createdAt, Map<String, String> labels) {
    JsonObjectBuilder object = Json.createObjectBuilder();
    labels.forEach(object::add);
    return Json.createObjectBuilder(pendingExecution(id, workflow))
        .add("created_at", createdAt)
        .add("labels", object)
        .build();
  }

  private void create(JsonObject execution) {
    try (Response response = api.post("executions", execution)) {
      assertThat(response.getStatus())
          .as("creating %s: %s", execution.getString("id"), response.readEntity(String.class))
          .isEqualTo(201);
    }
  }

  /** The ids a listing with these query parameters shows, newest first, following every page. */
  private List<String> listed(String workflow, int pageSize, String... parameters) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      WebTarget target =
          api.api("executions").queryParam("workflow_name", workflow).queryParam("limit", pageSize);
      for (int i = 0; i < parameters.length; i += 2) {
        target = target.queryParam(parameters[i], parameters[i + 1]);
      }
      if (cursor != null) {
        target = target.queryParam("cursor", cursor);
      }
      try (Response response = target.request().get()) {
        assertThat(response.getStatus()).isEqualTo(200);
        JsonObject page = json(response);
        page.getJsonArray("items").forEach(item -> ids.add(item.asJsonObject().getString("id")));
        cursor = page.isNull("next_cursor") ? null : page.getString("next_cursor");
      }
    } while (cursor != null);
    return ids;
  }

  @Test
  void labelsAreStoredSortedShownInListingsAndReplacedByAPut() {
    String workflow = unique("labelled");
    String id = workflow + "-1";
    JsonObject created =
        json(
            api.post(
                "executions",
                labelled(
                    id,
                    workflow,
                    "2025-07-01T00:00:00Z",
                    Map.of("tenant", "acme", "env", "prod", "trigger", "schedule"))));

    assertThat(created.getJsonObject("labels").keySet())
        .containsExactly("env", "tenant", "trigger");
    JsonObject read = json(api.get("executions/" + id));
    assertThat(read.getJsonObject("labels"))
        .isEqualTo(
            Json.createObjectBuilder()
                .add("env", "prod")
                .add("tenant", "acme")
                .add("trigger", "schedule")
                .build());
    JsonObject summary =
        json(api.api("executions").queryParam("workflow_name", workflow).request().get())
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(summary.getJsonObject("labels")).isEqualTo(read.getJsonObject("labels"));

    JsonObject replacement =
        Json.createObjectBuilder(read)
            .add("labels", Json.createObjectBuilder().add("env", "staging"))
            .build();
    try (Response put = api.put("executions/" + id, replacement)) {
      assertThat(put.getStatus()).isEqualTo(200);
    }
    assertThat(json(api.get("executions/" + id)).getJsonObject("labels"))
        .isEqualTo(Json.createObjectBuilder().add("env", "staging").build());

    JsonObject withoutLabels = pendingExecution(workflow + "-2", workflow);
    assertThat(json(api.post("executions", withoutLabels)).getJsonObject("labels")).isEmpty();
  }

  @Test
  void eachBrokenLabelRuleIsA400NamingTheLabelAndNothingIsStored() {
    JsonObjectBuilder tooMany = Json.createObjectBuilder();
    for (int i = 0; i < 33; i++) {
      tooMany.add("k" + i, "v");
    }
    Map<String, JsonValue> cases =
        Map.of(
            "'Env'",
            Json.createObjectBuilder().add("Env", "prod").build(),
            "-env",
            Json.createObjectBuilder().add("-env", "prod").build(),
            "k".repeat(64),
            Json.createObjectBuilder().add("k".repeat(64), "x").build(),
            "'long' must be at most 256",
            Json.createObjectBuilder().add("long", "v".repeat(257)).build(),
            "'ctrl' must not contain control",
            Json.createObjectBuilder().add("ctrl", "a\u0007b").build(),
            "'number' must be a string",
            Json.createObjectBuilder().add("number", 3).build(),
            "at most 32",
            tooMany.build(),
            "object of strings",
            Json.createArrayBuilder().add("env").build());
    cases.forEach(
        (named, labels) -> {
          String id = unique("refused");
          JsonObject execution =
              Json.createObjectBuilder(pendingExecution(id, "refused"))
                  .add("labels", labels)
                  .build();
          try (Response response =
              api.breaking("executions", "labels the rules refuse: " + named)
                  .request()
                  .post(Entity.json(execution.toString()))) {
            String body = response.readEntity(String.class);
            assertThat(response.getStatus()).as(body).isEqualTo(400);
            assertThat(response.getMediaType().toString()).startsWith("application/problem+json");
            assertThat(body).as("names the label").contains(named);
          }
          assertThat(api.get("executions/" + id).getStatus()).as(named).isEqualTo(404);
        });
  }

  @Test
  void theLongestValueOfWideCharactersIsKept() {
    String value = "\uD83D\uDE00".repeat(256);
    String id = unique("wide");
    create(labelled(id, "wide", "2025-07-01T00:00:00Z", Map.of("emoji", value)));
    assertThat(json(api.get("executions/" + id)).getJsonObject("labels").getString("emoji"))
        .isEqualTo(value);
    assertThat(listed("wide", 50, "label", "emoji:" + value)).contains(id);
  }

  @Test
  void oneLabelChangesWithoutTouchingTheExecution() {
    String id = unique("one-label");
    JsonObject created = api.createSeed(id);
    long version = created.getJsonNumber("version").longValue();

    try (Response first = setLabel(id, "owner", "team-a")) {
      assertThat(first.getStatus()).isEqualTo(201);
      assertThat(json(first))
          .isEqualTo(Json.createObjectBuilder().add("key", "owner").add("value", "team-a").build());
    }
    try (Response again = setLabel(id, "owner", "team-b")) {
      assertThat(again.getStatus()).isEqualTo(200);
    }
    JsonObject read = json(api.get("executions/" + id));
    assertThat(read.getJsonObject("labels").getString("owner")).isEqualTo("team-b");
    assertThat(read.getJsonNumber("version").longValue())
        .as("version unchanged")
        .isEqualTo(version);
    assertThat(read.getString("timestamp")).isEqualTo(created.getString("timestamp"));

    assertThat(api.api("executions/" + id + "/labels/owner").request().delete().getStatus())
        .isEqualTo(204);
    assertThat(api.api("executions/" + id + "/labels/owner").request().delete().getStatus())
        .as("absent")
        .isEqualTo(404);
    assertThat(json(api.get("executions/" + id)).getJsonObject("labels")).isEmpty();

    assertThat(setLabel(unique("missing"), "owner", "x").getStatus()).isEqualTo(404);
    assertThat(
            api.breaking("executions/" + id + "/labels/Owner", "a key the rule refuses")
                .request()
                .put(Entity.json("{\"value\": \"x\"}"))
                .getStatus())
        .as("bad key")
        .isEqualTo(400);
    assertThat(
            api.breaking("executions/" + id + "/labels/owner", "a value with a control character")
                .request()
                .put(Entity.json("{\"value\": \"x\\ny\"}"))
                .getStatus())
        .as("control character")
        .isEqualTo(400);
    try (Response noValue =
        api.breaking("executions/" + id + "/labels/owner", "no value, which the body requires")
            .request()
            .put(Entity.json("{}"))) {
      assertThat(noValue.getStatus()).isEqualTo(400);
    }
    try (ApiClient reader = new ApiClient(base, TestUser.READER);
        Response refused =
            reader
                .api("executions/" + id + "/labels/owner")
                .request()
                .put(Entity.json("{\"value\": \"x\"}"))) {
      assertThat(refused.getStatus()).as("writer role needed").isEqualTo(403);
    }
    assertThat(json(api.get("executions/" + id)).getJsonObject("labels")).isEmpty();
  }

  @Test
  void aThirtyThirdLabelIsRefusedOneAtATimeToo() {
    String id = unique("full");
    Map<String, String> labels = new java.util.HashMap<>();
    for (int i = 0; i < 32; i++) {
      labels.put("k" + i, "v");
    }
    create(labelled(id, "full", "2025-07-01T00:00:00Z", labels));
    try (Response refused = setLabel(id, "k32", "v")) {
      assertThat(refused.getStatus()).isEqualTo(400);
      assertThat(refused.readEntity(String.class)).contains("at most 32").contains("k32");
    }
    assertThat(setLabel(id, "k31", "changed").getStatus())
        .as("a replacement is fine")
        .isEqualTo(200);
    assertThat(json(api.get("executions/" + id)).getJsonObject("labels")).hasSize(32);
  }

  private Response setLabel(String id, String key, String value) {
    return api.put(
        "executions/" + id + "/labels/" + key,
        Json.createObjectBuilder().add("value", value).build());
  }

  @Test
  void labelChangesRacingAppendsLoseNothing() throws Exception {
    String id = unique("racing");
    api.createSeed(id);
    int rounds = 40;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Integer>>> work = new ArrayList<>();
      for (int worker = 0; worker < 4; worker++) {
        int me = worker;
        work.add(
            pool.submit(
                () -> {
                  List<Integer> statuses = new ArrayList<>();
                  try (ApiClient client = new ApiClient(base)) {
                    for (int i = 0; i < rounds; i++) {
                      Response response =
                          me % 2 == 0
                              ? client.post(
                                  "executions/" + id + "/audit",
                                  Json.createObjectBuilder()
                                      .add("action", "w" + me + "-" + i)
                                      .add("actor", "racer")
                                      .build())
                              : client.put(
                                  "executions/" + id + "/labels/w" + me + "-" + (i % 8),
                                  Json.createObjectBuilder().add("value", "v" + i).build());
                      // A label is created once and then replaced: 201, then 200.
                      statuses.add(response.getStatus() == 200 ? 201 : response.getStatus());
                      response.close();
                    }
                  }
                  return statuses;
                }));
      }
      for (Future<List<Integer>> future : work) {
        assertThat(future.get(2, TimeUnit.MINUTES)).containsOnly(201);
      }
    } finally {
      pool.shutdownNow();
    }
    JsonObject read = json(api.get("executions/" + id));
    List<String> actions =
        read.getJsonArray("audit_trail").stream()
            .map(entry -> entry.asJsonObject().getString("action"))
            .filter(action -> action.startsWith("w"))
            .toList();
    assertThat(actions).hasSize(2 * rounds);
    JsonObjectBuilder expected = Json.createObjectBuilder();
    for (int worker : List.of(1, 3)) {
      for (int k = 0; k < 8; k++) {
        expected.add("w" + worker + "-" + k, "v" + (rounds - 8 + k));
      }
    }
    assertThat(read.getJsonObject("labels")).isEqualTo(expected.build());
    assertThat(read.getJsonNumber("version").longValue())
        .as("no label change moved it")
        .isEqualTo(1);
  }

  @Test
  void filtersByLabelsAreAndedKeyOnlyMatchesAnyValueAndAValueMayHoldColons() {
    String workflow = unique("filtered");
    String tenant = unique("t");
    create(labelled(workflow + "-a", workflow, "2025-07-01T00:00:01Z", Map.of("tenant", tenant)));
    create(
        labelled(
            workflow + "-b",
            workflow,
            "2025-07-01T00:00:02Z",
            Map.of("tenant", tenant, "env", "prod")));
    create(
        labelled(
            workflow + "-c",
            workflow,
            "2025-07-01T00:00:03Z",
            Map.of("tenant", tenant, "env", "prod", "url", "https://x.example:8443/a")));
    create(labelled(workflow + "-d", workflow, "2025-07-01T00:00:04Z", Map.of("env", "prod")));

    assertThat(listed(workflow, 50, "label", "tenant:" + tenant))
        .containsExactly(workflow + "-c", workflow + "-b", workflow + "-a");
    assertThat(listed(workflow, 50, "label", "tenant:" + tenant, "label", "env:prod"))
        .as("AND")
        .containsExactly(workflow + "-c", workflow + "-b");
    assertThat(listed(workflow, 50, "label", "env"))
        .as("key only")
        .containsExactly(workflow + "-d", workflow + "-c", workflow + "-b");
    assertThat(listed(workflow, 50, "label", "url:https://x.example:8443/a"))
        .as("only the first colon splits")
        .containsExactly(workflow + "-c");
    assertThat(listed(workflow, 50, "label", "env:prod", "label", "url"))
        .containsExactly(workflow + "-c");
    assertThat(listed(workflow, 50, "label", "env:staging")).isEmpty();
    assertThat(listed(workflow, 1, "label", "tenant:" + tenant, "status", "Pending"))
        .as("a page at a time, with another filter")
        .containsExactly(workflow + "-c", workflow + "-b", workflow + "-a");

    try (Response count = api.api("executions").queryParam("label", "Bad:x").request().get()) {
      assertThat(count.getStatus()).isEqualTo(400);
      assertThat(count.readEntity(String.class)).contains("label");
    }
  }

  @Test
  void aCursorGivenWithOtherLabelFiltersIsRefused() {
    String workflow = unique("cursor");
    for (int i = 0; i < 3; i++) {
      create(
          labelled(
              workflow + "-" + i, workflow, "2025-07-01T00:00:0" + i + "Z", Map.of("env", "prod")));
    }
    JsonObject first =
        json(
            api.api("executions")
                .queryParam("label", "env:prod")
                .queryParam("workflow_name", workflow)
                .queryParam("limit", 1)
                .request()
                .get());
    String cursor = first.getString("next_cursor");
    try (Response other =
        api.api("executions")
            .queryParam("label", "env:staging")
            .queryParam("workflow_name", workflow)
            .queryParam("cursor", cursor)
            .request()
            .get()) {
      assertThat(other.getStatus()).isEqualTo(400);
      assertThat(other.readEntity(String.class)).contains("cursor");
    }
    try (Response searching =
        api.api("executions")
            .queryParam("label", "env:prod")
            .queryParam("error_contains", "timeout")
            .queryParam("workflow_name", workflow)
            .queryParam("cursor", cursor)
            .request()
            .get()) {
      assertThat(searching.getStatus()).isEqualTo(400);
    }
  }

  @Test
  void errorSearchIgnoresCaseTakesWildcardsLiterallyAndCombinesWithLabels() {
    String workflow = unique("searched");
    String word = "Zq" + Long.toString(System.nanoTime(), 36);
    create(labelled(workflow + "-1", workflow, "2025-07-02T00:00:01Z", Map.of("env", "prod")));
    create(labelled(workflow + "-2", workflow, "2025-07-02T00:00:02Z", Map.of("env", "dev")));
    create(labelled(workflow + "-3", workflow, "2025-07-02T00:00:03Z", Map.of("env", "prod")));
    recordError(workflow + "-1", "Connection RESET by peer " + word);
    recordError(workflow + "-2", "connection reset by peer " + word);
    recordError(workflow + "-3", "disk 100% full_now " + word);

    assertThat(listed(workflow, 50, "error_contains", word.toLowerCase() + ""))
        .containsExactly(workflow + "-3", workflow + "-2", workflow + "-1");
    assertThat(listed(workflow, 50, "error_contains", "connection reset"))
        .containsExactly(workflow + "-2", workflow + "-1");
    assertThat(listed(workflow, 50, "error_contains", "CONNECTION reset", "label", "env:prod"))
        .containsExactly(workflow + "-1");
    assertThat(listed(workflow, 50, "error_contains", "100% full_"))
        .containsExactly(workflow + "-3");
    assertThat(listed(workflow, 50, "error_contains", "0%_f")).as("% and _ are literal").isEmpty();

    for (String bad : List.of("ab", "x".repeat(201))) {
      try (Response refused =
          api.breaking("executions", "error_contains of a length the rule refuses")
              .queryParam("error_contains", bad)
              .request()
              .get()) {
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.readEntity(String.class)).contains("error_contains");
      }
    }
  }

  private void recordError(String id, String message) {
    try (Response response =
        api.post(
            "executions/" + id + "/errors",
            Json.createObjectBuilder().add("message", message).build())) {
      assertThat(response.getStatus()).isEqualTo(201);
    }
  }

  @Test
  void exportAndImportKeepLabelsAndTheFiltersSelectWhatIsExported() {
    String workflow = unique("exported");
    String tenant = unique("t");
    create(labelled(workflow + "-1", workflow, "2025-07-03T00:00:01Z", Map.of("tenant", tenant)));
    create(labelled(workflow + "-2", workflow, "2025-07-03T00:00:02Z", Map.of("tenant", "other")));
    recordError(workflow + "-1", "upstream timed out");

    String ndjson;
    try (Response response =
        api.api("export")
            .queryParam("label", "tenant:" + tenant)
            .queryParam("error_contains", "TIMED OUT")
            .request()
            .get()) {
      assertThat(response.getStatus()).isEqualTo(200);
      ndjson = response.readEntity(String.class);
    }
    List<JsonObject> executions =
        ndjson
            .lines()
            .map(line -> Json.createReader(new StringReader(line)).readObject())
            .filter(line -> line.getString("type").equals("execution"))
            .toList();
    assertThat(executions)
        .extracting(line -> line.getString("id"))
        .containsExactly(workflow + "-1");
    assertThat(executions.get(0).getJsonObject("labels").getString("tenant")).isEqualTo(tenant);

    assertThat(api.api("executions/" + workflow + "-1").request().delete().getStatus())
        .isEqualTo(204);
    try (Response imported =
        api.api("import").request().post(Entity.entity(ndjson, "application/x-ndjson"))) {
      assertThat(imported.getStatus()).isEqualTo(200);
      assertThat(json(imported).getInt("imported")).isEqualTo(1);
    }
    assertThat(json(api.get("executions/" + workflow + "-1")).getJsonObject("labels"))
        .isEqualTo(Json.createObjectBuilder().add("tenant", tenant).build());

    String broken = ndjson.replace("\"tenant\":", "\"Tenant\":");
    try (Response refused =
        api.breaking("import", "a label key the rule refuses")
            .request()
            .post(Entity.entity(broken, "application/x-ndjson"))) {
      assertThat(refused.getStatus()).isEqualTo(400);
      assertThat(refused.readEntity(String.class)).contains("Tenant");
    }
  }

  @Test
  void aPurgeByLabelPreviewsThenDeletesOnlyTheLabelledFinishedRuns() {
    String workflow = unique("purged");
    String batch = unique("b");
    for (int i = 0; i < 4; i++) {
      JsonObject execution =
          Json.createObjectBuilder(
                  labelled(
                      workflow + "-" + i,
                      workflow,
                      "2025-07-04T00:00:0" + i + "Z",
                      Map.of("batch", i < 3 ? batch : "keep")))
              .add("status", i == 2 ? "Running" : "Complete")
              .build();
      create(execution);
    }
    JsonObject preview =
        json(
            api.api("executions")
                .queryParam("label", "batch:" + batch)
                .queryParam("keep_last", 0)
                .request()
                .delete());
    assertThat(preview.getBoolean("dry_run")).isTrue();
    assertThat(preview.getInt("executions")).as("two finished runs carry it").isEqualTo(2);
    assertThat(listed(workflow, 50)).hasSize(4);

    JsonObject purge =
        json(
            api.api("executions")
                .queryParam("label", "batch:" + batch)
                .queryParam("keep_last", 0)
                .queryParam("dry_run", false)
                .queryParam("archive", false)
                .request()
                .delete());
    assertThat(purge.getInt("executions")).isEqualTo(2);
    assertThat(listed(workflow, 50))
        .as("the running one and the one labelled otherwise stay")
        .containsExactlyInAnyOrder(workflow + "-2", workflow + "-3");

    try (Response labelAlone =
        api.api("executions").queryParam("label", "batch").request().delete()) {
      assertThat(labelAlone.getStatus()).as("a label is a selection").isEqualTo(200);
    }
  }
}
