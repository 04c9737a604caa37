package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;
import static org.workflowengine.persistence.testing.ApiClient.pendingExecution;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.ApiClient;
import org.workflowengine.persistence.testing.OverHttp;
import org.workflowengine.persistence.testing.TestUser;

/**
 * The hash chain over HTTP: who recorded what (the authenticated caller, whatever a body says),
 * {@code GET /api/executions/{id}/verify}, the links in an export, an import that refuses a broken
 * chain, and an export taken while eight writers append and transition.
 */
class ChainResourceIT extends OverHttp {

  private static JsonObject entry(String action) {
    return Json.createObjectBuilder()
        .add("actor", "engine")
        .add("action", action)
        .add("recorded_by", "mallory")
        .build();
  }

  /** An execution of {@code workflow} with an audit entry, an error and two log lines. */
  private JsonObject create(String id, String workflow) {
    JsonObject execution =
        Json.createObjectBuilder(pendingExecution(id, workflow))
            .add("audit_trail", Json.createArrayBuilder().add(entry("created")))
            .add(
                "errors",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("message", "slow disk")
                            .add("recorded_by", "mallory")))
            .add(
                "per_task_logs",
                Json.createObjectBuilder().add("t1", Json.createArrayBuilder().add("a").add("b")))
            .build();
    try (Response response = api.post("executions", execution)) {
      assertThat(response.getStatus()).isEqualTo(201);
      return json(response);
    }
  }

  private JsonObject verify(ApiClient client, String id) {
    try (Response response = client.get("executions/" + id + "/verify")) {
      assertThat(response.getStatus()).isEqualTo(200);
      return json(response);
    }
  }

  private String export(String workflow) {
    try (Response response =
        api.api("export").queryParam("workflow_name", workflow).request().get()) {
      assertThat(response.getStatus()).isEqualTo(200);
      return response.readEntity(String.class);
    }
  }

  private Response importText(String ndjson) {
    return api.api("import").request().post(Entity.entity(ndjson, "application/x-ndjson"));
  }

  private static JsonObject parse(String line) {
    return Json.createReader(new StringReader(line)).readObject();
  }

  @Test
  void everyEntryIsRecordedByTheAuthenticatedCallerWhateverTheBodySays() {
    String id = unique("recorded");
    JsonObject created = create(id, unique("recorded-by"));
    assertThat(created.getJsonArray("audit_trail").getJsonObject(0).getString("recorded_by"))
        .isEqualTo("operator");
    assertThat(created.getJsonArray("errors").getJsonObject(0).getString("recorded_by"))
        .isEqualTo("operator");

    try (ApiClient writer = new ApiClient(base, TestUser.WRITER)) {
      try (Response appended = writer.post("executions/" + id + "/audit", entry("approved"))) {
        assertThat(appended.getStatus()).isEqualTo(201);
        assertThat(json(appended).getString("recorded_by")).isEqualTo("writer");
      }
      try (Response moved =
          writer.post(
              "executions/" + id + "/status",
              Json.createObjectBuilder().add("status", "Running").build())) {
        assertThat(moved.getStatus()).isEqualTo(200);
      }
    }

    JsonObject read = json(api.get("executions/" + id));
    assertThat(read.getJsonArray("audit_trail").stream())
        .extracting(e -> e.asJsonObject().getString("recorded_by"))
        .containsExactly("operator", "writer");
    assertThat(read.getJsonArray("status_history").stream())
        .extracting(
            e ->
                e.asJsonObject().getString("status")
                    + " by "
                    + e.asJsonObject().getString("recorded_by"))
        .containsExactly("Pending by operator", "Running by writer");

    try (ApiClient writer = new ApiClient(base, TestUser.WRITER);
        Response appended =
            writer.post(
                "executions/" + id + "/logs/t1",
                Json.createObjectBuilder()
                    .add("lines", Json.createArrayBuilder().add("c"))
                    .build())) {
      assertThat(appended.getStatus()).isEqualTo(201);
    }
    JsonObject log = json(api.get("executions/" + id + "/logs/t1"));
    assertThat(log.getJsonArray("lines").stream())
        .extracting(
            l ->
                l.asJsonObject().getString("line")
                    + " by "
                    + l.asJsonObject().getString("recorded_by"))
        .containsExactly("a by operator", "b by operator", "c by writer");
    assertThat(log.getJsonArray("lines").getJsonObject(0).getString("logged_at"))
        .matches("\\d{4}-\\d{2}-\\d{2}T.*Z");

    try (ApiClient reader = new ApiClient(base, TestUser.READER)) {
      JsonObject verified = verify(reader, id);
      assertThat(verified.getBoolean("valid")).as("%s", verified).isTrue();
      // creation, audit entry, error, two lines, appended entry, status change, appended line
      assertThat(verified.getInt("links")).isEqualTo(8);
      assertThat(verified.getString("head")).matches("[0-9a-f]{64}");
      assertThat(verified.containsKey("first_broken")).isFalse();
    }
  }

  @Test
  void verifyAnswersProblemsAsTheOtherReadsDo() {
    try (Response missing = api.get("executions/" + unique("missing") + "/verify")) {
      assertThat(missing.getStatus()).isEqualTo(404);
      assertThat(missing.getMediaType().toString()).isEqualTo("application/problem+json");
    }
    try (ApiClient anonymous = ApiClient.anonymous(base);
        Response refused = anonymous.get("executions/" + unique("any") + "/verify")) {
      assertThat(refused.getStatus()).isEqualTo(401);
    }
  }

  @Test
  void anExportCarriesTheLinksAndAnImportRefusesABrokenChainStoringNothing() {
    String workflow = unique("exported-chain");
    String id = workflow + "-1";
    create(id, workflow);
    JsonObject before = verify(api, id);
    String exported = export(workflow);
    String executionLine =
        exported
            .lines()
            .filter(l -> l.contains("\"type\":\"execution\""))
            .findFirst()
            .orElseThrow();
    JsonArray links = parse(executionLine).getJsonArray("links");
    assertThat(links).hasSize(before.getInt("links"));
    assertThat(links.getJsonObject(links.size() - 1).getString("hash"))
        .isEqualTo(before.getString("head"));
    assertThat(links.stream().map(l -> l.asJsonObject().getString("kind")))
        .containsExactly("status", "audit", "error", "log", "log");

    assertThat(api.api("executions/" + id).request().delete().getStatus()).isEqualTo(204);
    String tampered = exported.replace("\"b\"]", "\"B\"]");
    assertThat(tampered).isNotEqualTo(exported);
    try (Response refused = importText(tampered)) {
      assertThat(refused.getStatus()).isEqualTo(400);
      assertThat(refused.getMediaType().toString()).isEqualTo("application/problem+json");
      assertThat(refused.readEntity(String.class))
          .contains(id)
          .contains("chain is broken at link 5");
    }
    try (Response gone = api.get("executions/" + id)) {
      assertThat(gone.getStatus()).as("nothing stored").isEqualTo(404);
    }

    try (Response imported = importText(exported)) {
      assertThat(imported.getStatus()).isEqualTo(200);
      assertThat(json(imported).getInt("imported")).isEqualTo(1);
    }
    JsonObject after = verify(api, id);
    assertThat(after.getBoolean("valid")).as("%s", after).isTrue();
    assertThat(after.getString("head")).isEqualTo(before.getString("head"));
    assertThat(export(workflow)).as("exported again, identical").isEqualTo(exported);
  }

  @Test
  void anExportTakenWhileEightWritersAppendAndTransitionHoldsEveryExecutionAtOneInstant()
      throws Exception {
    String workflow = unique("exported-live");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add(workflow + "-" + i);
      create(workflow + "-" + i, workflow);
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService writers = Executors.newFixedThreadPool(8);
    List<Future<Integer>> writes = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      int writer = w;
      writes.add(
          writers.submit(
              () -> {
                int done = 0;
                try (ApiClient client = new ApiClient(base, TestUser.WRITER)) {
                  for (int round = 0; writing.get(); round++) {
                    // Two writers per execution, so that appends to one execution race.
                    String id = ids.get((writer + round) % 8);
                    expect(client.post("executions/" + id + "/audit", entry("step " + round)), 201);
                    expect(
                        client.post(
                            "executions/" + id + "/logs/t" + writer,
                            Json.createObjectBuilder()
                                .add("lines", Json.createArrayBuilder().add("x").add("y"))
                                .build()),
                        201);
                    if (round == 3) {
                      expect(
                          client.post(
                              "executions/" + id + "/status",
                              Json.createObjectBuilder().add("status", "Running").build()),
                          200);
                    }
                    done++;
                  }
                }
                return done;
              }));
    }
    List<String> exports = new ArrayList<>();
    try {
      Thread.sleep(500);
      for (int i = 0; i < 3; i++) {
        exports.add(export(workflow));
      }
    } finally {
      writing.set(false);
      writers.shutdown();
    }
    int rounds = 0;
    for (Future<Integer> write : writes) {
      rounds += write.get(2, TimeUnit.MINUTES);
    }
    assertThat(writers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    assertThat(rounds).as("the writers wrote while the exports ran").isGreaterThan(8);

    for (String exported : exports) {
      // An import checks every line's chain against the line (each entry a link, each link's hash
      // following, the record its last status link's) before it stores anything; these ids are
      // stored, so a consistent export imports nothing and refuses nothing.
      assertThat(exported.lines().filter(l -> l.contains("\"type\":\"execution\""))).hasSize(8);
      try (Response checked = importText(exported)) {
        String body = checked.readEntity(String.class);
        assertThat(checked.getStatus()).as(body).isEqualTo(200);
        assertThat(parse(body).getInt("skipped")).isEqualTo(8);
      }
    }
    for (String id : ids) {
      JsonObject verified = verify(api, id);
      assertThat(verified.getBoolean("valid")).as("%s: %s", id, verified).isTrue();
    }
  }

  private static void expect(Response response, int status) {
    try (response) {
      if (response.getStatus() != status) {
        throw new AssertionError(
            "expected "
                + status
                + " but got "
                + response.getStatus()
                + ": "
                + response.readEntity(String.class));
      }
    }
  }
}
