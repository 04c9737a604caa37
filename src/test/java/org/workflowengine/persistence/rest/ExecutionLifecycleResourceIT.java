package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;
import static org.workflowengine.persistence.testing.ApiClient.pendingExecution;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workflowengine.persistence.testing.ApiClient;
import org.workflowengine.persistence.testing.OpenApiContract;
import org.workflowengine.persistence.testing.OverHttp;
import org.workflowengine.persistence.testing.ServerIncidents;

/** A run's life over HTTP: status moves, task records, appends, the snapshot. */
class ExecutionLifecycleResourceIT extends OverHttp {

  private String id;

  @BeforeEach
  void createPendingExecution() {
    id = unique("exec");
    assertThat(api.post("executions", pendingExecution(id, "lifecycle")).getStatus())
        .isEqualTo(201);
  }

  private Response moveTo(String status) {
    return api.post(
        "executions/" + id + "/status", Json.createObjectBuilder().add("status", status).build());
  }

  /**
   * A move to {@code status} as the document does not spell it: in another letter case, which the
   * service takes, or not a status at all.
   */
  private Response moveToUnspelled(String status) {
    return api.breaking("executions/" + id + "/status", "a status the enum does not spell")
        .request()
        .post(Entity.json(Json.createObjectBuilder().add("status", status).build().toString()));
  }

  @Test
  void statusMovesReturnTheExecutionWithItsNewVersion() {
    Response running = moveTo("Running");
    Response complete = moveToUnspelled("complete");

    assertThat(running.getStatus()).isEqualTo(200);
    assertThat(running.getEntityTag().getValue()).isEqualTo("2");
    assertThat(json(running).getString("status")).isEqualTo("Running");
    JsonObject done = json(complete);
    assertThat(complete.getEntityTag().getValue()).isEqualTo("3");
    assertThat(done.getString("status")).isEqualTo("Complete");
    assertThat(done.getBoolean("success")).isTrue();
    assertThat(done.getString("completed_at")).isNotBlank();
  }

  @Test
  void aGivenOutcomeIsRecorded() {
    moveTo("Running").close();

    Response failed =
        api.post(
            "executions/" + id + "/status",
            Json.createObjectBuilder().add("status", "Failed").add("success", false).build());

    assertThat(json(failed).getBoolean("success")).isFalse();
  }

  @Test
  void anIllegalTransitionIsAConflictProblemAndChangesNothing() {
    Response illegal = moveTo("Complete");

    assertThat(illegal.getStatus()).isEqualTo(409);
    assertThat(illegal.getMediaType().toString()).isEqualTo(ProblemDetails.MEDIA_TYPE);
    JsonObject problem = json(illegal);
    assertThat(problem.getString("type")).endsWith("illegal-transition");
    assertThat(problem.getString("detail")).contains("from Pending to Complete");
    assertThat(json(api.get("executions/" + id)).getString("status")).isEqualTo("Pending");
  }

  @Test
  void nothingLeavesATerminalStatus() {
    moveTo("Cancelled").close();

    Response again = moveTo("Running");

    assertThat(again.getStatus()).isEqualTo(409);
    assertThat(json(again).getString("detail")).contains("Cancelled is terminal");
  }

  @Test
  void aStaleIfMatchIsRefusedWith412AndChangesNothing() {
    String original = api.get("executions/" + id).getHeaderString(HttpHeaders.ETAG);
    moveTo("Running").close();

    Response stale =
        api.ifMatch("executions/" + id + "/status", original)
            .post(Entity.json("{\"status\": \"Paused\"}"));
    Response read = api.get("executions/" + id);

    assertThat(stale.getStatus()).isEqualTo(412);
    assertThat(stale.getMediaType().toString()).isEqualTo(ProblemDetails.MEDIA_TYPE);
    assertThat(json(stale).getString("type")).endsWith("stale-version");
    assertThat(read.getEntityTag().getValue()).isEqualTo("2");
    assertThat(json(read).getString("status")).isEqualTo("Running");
  }

  @Test
  void aCurrentIfMatchIsAccepted() {
    String etag = api.get("executions/" + id).getHeaderString(HttpHeaders.ETAG);

    Response moved =
        api.ifMatch("executions/" + id + "/status", etag)
            .post(Entity.json("{\"status\": \"Running\"}"));

    assertThat(moved.getStatus()).isEqualTo(200);
  }

  @Test
  void aStatusChangeWithoutAStatusIsABadRequest() {
    Response missing =
        api.breaking("executions/" + id + "/status", "no status, which the body requires")
            .request()
            .post(Entity.json("{}"));
    Response unknown = moveToUnspelled("Finished");

    assertThat(missing.getStatus()).isEqualTo(400);
    assertThat(json(missing).getString("detail")).contains("status is required");
    assertThat(unknown.getStatus()).isEqualTo(400);
    assertThat(json(unknown).getString("detail")).contains("Finished");
  }

  @Test
  void auditErrorsAndLogsAreAppendedInOrder() {
    Response audit =
        api.post(
            "executions/" + id + "/audit",
            Json.createObjectBuilder()
                .add("actor", "alice")
                .add("action", "approved")
                .add("details", Json.createObjectBuilder().add("ticket", 42))
                .build());
    Response error =
        api.post(
            "executions/" + id + "/errors",
            Json.createObjectBuilder().add("message", "timeout").add("task_id", "extract").build());
    Response logs =
        api.post(
            "executions/" + id + "/logs/extract",
            Json.createObjectBuilder()
                .add("lines", Json.createArrayBuilder().add("a").add("b"))
                .build());
    api.post(
            "executions/" + id + "/logs/extract",
            Json.createObjectBuilder().add("lines", Json.createArrayBuilder().add("c")).build())
        .close();

    assertThat(audit.getStatus()).isEqualTo(201);
    assertThat(json(audit).getString("timestamp")).isNotBlank();
    assertThat(error.getStatus()).isEqualTo(201);
    assertThat(logs.getStatus()).isEqualTo(201);
    assertThat(json(logs).getInt("appended")).isEqualTo(2);
    JsonObject execution = json(api.get("executions/" + id));
    assertThat(execution.getJsonArray("audit_trail").getJsonObject(0).getString("actor"))
        .isEqualTo("alice");
    assertThat(execution.getJsonArray("errors").getJsonObject(0).getString("task_id"))
        .isEqualTo("extract");
    assertThat(
            execution
                .getJsonObject("per_task_logs")
                .getJsonArray("extract")
                .getValuesAs(JsonString.class)
                .stream()
                .map(JsonString::getString))
        .containsExactly("a", "b", "c");
  }

  @Test
  void appendsToAMissingExecutionAreNotFound() {
    String missing = unique("missing");

    Response audit =
        api.post(
            "executions/" + missing + "/audit",
            Json.createObjectBuilder().add("action", "x").build());
    Response error =
        api.post(
            "executions/" + missing + "/errors",
            Json.createObjectBuilder().add("message", "x").build());
    Response logs =
        api.post(
            "executions/" + missing + "/logs/t",
            Json.createObjectBuilder().add("lines", Json.createArrayBuilder().add("x")).build());
    Response task =
        api.put("executions/" + missing + "/tasks/t", Json.createObjectBuilder().build());

    assertThat(List.of(audit, error, logs, task))
        .allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(404))
        .allSatisfy(
            r -> assertThat(r.getMediaType().toString()).isEqualTo(ProblemDetails.MEDIA_TYPE));
  }

  @Test
  void invalidAppendsAreBadRequestsNamingTheField() {
    Response audit =
        api.breaking("executions/" + id + "/audit", "no action, which the body requires")
            .request()
            .post(Entity.json(Json.createObjectBuilder().add("actor", "a").build().toString()));
    Response logs =
        api.breaking("executions/" + id + "/logs/t", "no line, where the body needs one")
            .request()
            .post(
                Entity.json(
                    Json.createObjectBuilder()
                        .add("lines", Json.createArrayBuilder())
                        .build()
                        .toString()));

    assertThat(audit.getStatus()).isEqualTo(400);
    assertThat(json(audit).getString("detail")).contains("action is required");
    assertThat(logs.getStatus()).isEqualTo(400);
    assertThat(json(logs).getString("detail")).contains("lines");
    assertThat(json(api.get("executions/" + id)).getJsonArray("audit_trail")).isEmpty();
  }

  /**
   * One rule for task ids: a {@code per_task_logs} key of a create or {@code PUT}, a task record's
   * {@code task_id} (in an execution or by its URL) and the log URL's task segment all refuse the
   * same ids, naming the field, and store nothing.
   */
  @ParameterizedTest
  @MethodSource("invalidTaskIds")
  void anInvalidTaskIdIsRefusedAlikeEverywhereAndStoresNothing(String taskId) {
    String created = unique("exec");
    String put = unique("exec");
    String withTask = unique("exec");
    JsonObject logsBody =
        Json.createObjectBuilder().add("lines", Json.createArrayBuilder().add("x")).build();

    String why = "a task id the rule refuses";
    Response create =
        api.breaking("executions", why)
            .request()
            .post(
                Entity.json(
                    Json.createObjectBuilder(pendingExecution(created, "task-ids"))
                        .add(
                            "per_task_logs",
                            Json.createObjectBuilder()
                                .add(taskId, Json.createArrayBuilder().add("x")))
                        .build()
                        .toString()));
    Response replace =
        api.breaking("executions/" + put, why)
            .request()
            .put(
                Entity.json(
                    Json.createObjectBuilder(pendingExecution(put, "task-ids"))
                        .add(
                            "per_task_logs",
                            Json.createObjectBuilder()
                                .add(taskId, Json.createArrayBuilder().add("x")))
                        .build()
                        .toString()));
    Response createWithTask =
        api.breaking("executions", why)
            .request()
            .post(
                Entity.json(
                    Json.createObjectBuilder(pendingExecution(withTask, "task-ids"))
                        .add(
                            "tasks",
                            Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("task_id", taskId)))
                        .build()
                        .toString()));
    Response task =
        api.target(taskUri(id, "tasks", taskId))
            .property(OpenApiContract.UNCHECKED_REQUEST, why)
            .request()
            .put(
                Entity.json(
                    Json.createObjectBuilder().add("status", "Running").build().toString()));
    Response logs =
        api.target(taskUri(id, "logs", taskId))
            .property(OpenApiContract.UNCHECKED_REQUEST, why)
            .request()
            .post(Entity.json(logsBody.toString()));

    assertRefused(create, "per_task_logs");
    assertRefused(replace, "per_task_logs");
    assertRefused(createWithTask, "task_id");
    assertRefused(task, "task_id");
    assertRefused(logs, "task_id");
    for (String missing : List.of(created, put, withTask)) {
      assertThat(api.get("executions/" + missing).getStatus()).as(missing).isEqualTo(404);
    }
    JsonObject execution = json(api.get("executions/" + id));
    assertThat(execution.getJsonArray("tasks")).isEmpty();
    assertThat(execution.getJsonObject("per_task_logs")).isEmpty();
  }

  /**
   * The same ids are accepted by all three: the longest, and text beyond the old ASCII alphabet
   * (letters of any script, spaces, punctuation that must be percent-encoded in a URL).
   */
  @ParameterizedTest
  @MethodSource("validTaskIds")
  void aValidTaskIdIsAcceptedAlikeEverywhere(String taskId) {
    String execution = unique("exec");
    JsonObject body =
        Json.createObjectBuilder(pendingExecution(execution, "task-ids"))
            .add(
                "tasks",
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("task_id", taskId)))
            .add(
                "per_task_logs",
                Json.createObjectBuilder()
                    .add(taskId, Json.createArrayBuilder().add("from the body")))
            .build();

    Response create = api.put("executions/" + execution, body);
    Response task =
        api.target(taskUri(execution, "tasks", taskId))
            .request()
            .put(
                Entity.json(
                    Json.createObjectBuilder().add("status", "Running").build().toString()));
    Response logs =
        api.target(taskUri(execution, "logs", taskId))
            .request()
            .post(
                Entity.json(
                    Json.createObjectBuilder()
                        .add("lines", Json.createArrayBuilder().add("appended"))
                        .build()
                        .toString()));

    assertThat(create.getStatus()).as(create.readEntity(String.class)).isEqualTo(201);
    assertThat(task.getStatus()).as(task.readEntity(String.class)).isEqualTo(200);
    assertThat(logs.getStatus()).as(logs.readEntity(String.class)).isEqualTo(201);
    JsonObject stored = json(api.get("executions/" + execution));
    assertThat(stored.getJsonArray("tasks")).hasSize(1);
    assertThat(stored.getJsonArray("tasks").getJsonObject(0).getString("task_id"))
        .isEqualTo(taskId);
    assertThat(stored.getJsonArray("tasks").getJsonObject(0).getString("status"))
        .isEqualTo("Running");
    assertThat(stored.getJsonObject("per_task_logs").keySet()).containsExactly(taskId);
    assertThat(
            stored
                .getJsonObject("per_task_logs")
                .getJsonArray(taskId)
                .getValuesAs(JsonString.class)
                .stream()
                .map(JsonString::getString))
        .containsExactly("from the body", "appended");
  }

  /** {@code /api/executions/{id}/{kind}/{task id}}, the task id percent-encoded as one segment. */
  private URI taskUri(String execution, String kind, String taskId) {
    StringBuilder segment = new StringBuilder();
    for (byte b : taskId.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0) {
        segment.append(c);
      } else {
        segment.append(String.format("%%%02X", b & 0xff));
      }
    }
    return URI.create(api.api("executions/" + execution + "/" + kind).getUri() + "/" + segment);
  }

  /** Ids the rule refuses that a URL segment can still carry, so that all three paths see them. */
  static Stream<String> invalidTaskIds() {
    return Stream.of("a\tb", " ", "x".repeat(129), "\uD83D\uDE00".repeat(64) + "x");
  }

  /**
   * Ids the old {@code per_task_logs} rule and the new one accept but the old task and log rule
   * refused (besides a plain one), up to the longest: 128 UTF-16 units.
   */
  static Stream<String> validTaskIds() {
    return Stream.of(
        "extract",
        "étape 1",
        "日本語のタスク",
        "100% done? #3 \"quoted\" a+b=c&d ;x",
        "x".repeat(127) + "é",
        "\uD83D\uDE00".repeat(64));
  }

  private static void assertRefused(Response response, String field) {
    String body = response.readEntity(String.class);
    assertThat(response.getStatus()).as(body).isEqualTo(400);
    assertThat(response.getMediaType().toString()).isEqualTo(ProblemDetails.MEDIA_TYPE);
    assertThat(body).contains(field);
  }

  @Test
  void aTaskRecordIsCreatedThenReplaced() {
    JsonObject running =
        Json.createObjectBuilder()
            .add("name", "Extract")
            .add("status", "Running")
            .add("started_at", "2025-01-15T10:30:00Z")
            .build();
    JsonObject done =
        Json.createObjectBuilder(running)
            .add("status", "Complete")
            .add("attempt", 2)
            .add("output", Json.createObjectBuilder().add("rows", 42))
            .build();

    Response created = api.put("executions/" + id + "/tasks/extract", running);
    Response replaced = api.put("executions/" + id + "/tasks/extract", done);

    assertThat(created.getStatus()).isEqualTo(201);
    assertThat(json(created).getString("task_id")).isEqualTo("extract");
    assertThat(replaced.getStatus()).isEqualTo(200);
    JsonObject task = json(api.get("executions/" + id)).getJsonArray("tasks").getJsonObject(0);
    assertThat(task.getString("status")).isEqualTo("Complete");
    assertThat(task.getInt("attempt")).isEqualTo(2);
    assertThat(task.getJsonObject("output").getInt("rows")).isEqualTo(42);
  }

  @Test
  void theSnapshotIsServedWithItsHashAsAStrongEtagAndRevalidates() {
    JsonObject execution = json(api.get("executions/" + id));

    Response snapshot = api.get("executions/" + id + "/snapshot");
    String etag = snapshot.getHeaderString(HttpHeaders.ETAG);
    Response revalidated =
        api.api("executions/" + id + "/snapshot")
            .request()
            .header(HttpHeaders.IF_NONE_MATCH, etag)
            .get();
    Response changed =
        api.api("executions/" + id + "/snapshot")
            .request()
            .header(HttpHeaders.IF_NONE_MATCH, "\"not-the-hash\"")
            .get();

    assertThat(snapshot.getStatus()).isEqualTo(200);
    assertThat(json(snapshot)).isEqualTo(execution.getJsonObject("workflow_snapshot"));
    assertThat(etag).isEqualTo("\"" + execution.getString("snapshot_hash") + "\"");
    assertThat(revalidated.getStatus()).isEqualTo(304);
    assertThat(changed.getStatus()).isEqualTo(200);
    assertThat(api.get("executions/" + unique("missing") + "/snapshot").getStatus()).isEqualTo(404);
  }

  @Test
  void sixteenConcurrentClientsAppendingLoseNothing() throws Exception {
    int clients = 16;
    int appendsEach = 10;
    ServerIncidents.listen();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch start = new CountDownLatch(1);
    List<String> failures = new CopyOnWriteArrayList<>();
    List<Future<List<Integer>>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                List<Integer> statuses = new ArrayList<>();
                try (ApiClient own = new ApiClient(base)) {
                  for (int i = 0; i < appendsEach; i++) {
                    try (Response audit =
                            own.post(
                                "executions/" + id + "/audit",
                                Json.createObjectBuilder()
                                    .add("actor", "client-" + client)
                                    .add("action", "step-" + i)
                                    .build());
                        Response log =
                            own.post(
                                "executions/" + id + "/logs/client-" + client,
                                Json.createObjectBuilder()
                                    .add("lines", Json.createArrayBuilder().add("line-" + i))
                                    .build())) {
                      for (Response answer : List.of(audit, log)) {
                        statuses.add(answer.getStatus());
                        if (answer.getStatus() != 201) {
                          failures.add(
                              "client-"
                                  + client
                                  + " step-"
                                  + i
                                  + ": HTTP "
                                  + answer.getStatus()
                                  + " "
                                  + answer.readEntity(String.class));
                        }
                      }
                    }
                  }
                }
                return statuses;
              }));
    }
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<List<Integer>> future : futures) {
      statuses.addAll(future.get(2, TimeUnit.MINUTES));
    }
    pool.shutdown();

    assertThat(failures).withFailMessage(() -> ServerIncidents.explain(failures)).isEmpty();
    assertThat(statuses).hasSize(clients * appendsEach * 2).containsOnly(201);
    JsonObject execution = json(api.get("executions/" + id));
    assertThat(execution.getJsonArray("audit_trail")).hasSize(clients * appendsEach);
    for (int c = 0; c < clients; c++) {
      assertThat(execution.getJsonObject("per_task_logs").getJsonArray("client-" + c))
          .hasSize(appendsEach);
    }
  }
}
