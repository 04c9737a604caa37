package org.workflowengine.persistence.instances;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.TestUser;

/**
 * The service on Payara Micro and PostgreSQL, as an operator runs it, with rows changed behind its
 * back by {@code psql} — the way anyone with write access to the database could — and {@code GET
 * /api/executions/{id}/verify} asked afterwards: each kind of change is found at the link it
 * touched. Run by {@code mvn verify -Pchecks -Ddatabase=postgresql}; needs {@code psql}.
 *
 * <p>Every execution is recorded the same way over HTTP, so its positions are known: 1 its
 * creation, 2–3 two audit entries, 4 an error, 5–7 three lines of task {@code t1}'s log (all in the
 * create's body), 8 an audit entry appended, 9 the move to {@code Running}.
 */
class TamperingCheck {

  private static final String URL = System.getProperty("executions.db.url");
  private static final String USER = System.getProperty("executions.db.user");

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static PayaraMicroProcess service;

  @BeforeAll
  static void start() throws Exception {
    service =
        PayaraMicroProcess.start(
            "tampering",
            8284,
            Map.of("executions.db.url", URL, "executions.db.user", USER),
            List.of("-Xmx512m"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (service != null) {
      service.close();
    }
  }

  private static HttpResponse<String> send(String method, String path, JsonObject body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(service.base().resolve(path))
            .header("Authorization", TestUser.OPERATOR.authorization())
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  /** Records an execution over HTTP (positions as in the class comment); returns its id. */
  private static String recorded() throws Exception {
    String id = "tamper-" + UUID.randomUUID();
    JsonObject execution =
        Json.createObjectBuilder()
            .add("id", id)
            .add("workflow_name", "tampering")
            .add("workflow_snapshot", Json.createObjectBuilder().add("steps", 3))
            .add("status", "Pending")
            .add(
                "audit_trail",
                Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("actor", "alice").add("action", "created"))
                    .add(Json.createObjectBuilder().add("actor", "bob").add("action", "queued")))
            .add(
                "errors",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("message", "disk almost full")
                            .add("task_id", "t1")))
            .add(
                "per_task_logs",
                Json.createObjectBuilder()
                    .add("t1", Json.createArrayBuilder().add("one").add("two").add("three")))
            .build();
    assertThat(send("POST", "api/executions", execution).statusCode()).isEqualTo(201);
    assertThat(
            send(
                    "POST",
                    "api/executions/" + id + "/audit",
                    Json.createObjectBuilder()
                        .add("actor", "carol")
                        .add("action", "approved")
                        .build())
                .statusCode())
        .isEqualTo(201);
    assertThat(
            send(
                    "POST",
                    "api/executions/" + id + "/status",
                    Json.createObjectBuilder().add("status", "Running").build())
                .statusCode())
        .isEqualTo(200);
    JsonObject verified = verify(id);
    assertThat(verified.getBoolean("valid")).as("%s before tampering", verified).isTrue();
    assertThat(verified.getInt("links")).isEqualTo(9);
    return id;
  }

  private static JsonObject verify(String id) throws Exception {
    HttpResponse<String> response = send("GET", "api/executions/" + id + "/verify", null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response.body());
  }

  /** Runs {@code sql} with psql on the service's database and schema; returns psql's output. */
  private static String psql(String sql) throws Exception {
    // jdbc:postgresql://host:port/database?currentSchema=schema
    URI uri = URI.create(URL.substring("jdbc:".length()));
    String schema = uri.getQuery().replaceFirst(".*currentSchema=([^&]+).*", "$1");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "psql",
            "--host=" + uri.getHost(),
            "--port=" + uri.getPort(),
            "--username=" + USER,
            "--dbname=" + uri.getPath().substring(1),
            "--set=ON_ERROR_STOP=1",
            "--command=SET search_path TO " + schema + "; " + sql));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("psql: %s", output).isZero();
    return output;
  }

  private static JsonObject firstBroken(String id) throws Exception {
    JsonObject verified = verify(id);
    assertThat(verified.getBoolean("valid")).as("%s after tampering", verified).isFalse();
    System.out.println("tampering: " + id + " " + verified);
    return verified.getJsonObject("first_broken");
  }

  @Test
  void aChangedLogLine() throws Exception {
    String id = recorded();
    assertThat(
            psql(
                "UPDATE task_log_line SET line = 'TWO' WHERE execution_id = '"
                    + id
                    + "' AND line = 'two'"))
        .contains("UPDATE 1");
    JsonObject broken = firstBroken(id);
    assertThat(broken.getString("kind")).isEqualTo("log");
    assertThat(broken.getInt("position")).isEqualTo(6);
  }

  @Test
  void aDeletedAuditEntry() throws Exception {
    String id = recorded();
    assertThat(
            psql("DELETE FROM audit_entry WHERE execution_id = '" + id + "' AND action = 'queued'"))
        .contains("DELETE 1");
    JsonObject broken = firstBroken(id);
    assertThat(broken.getInt("position")).isEqualTo(3);
    assertThat(broken.getString("problem")).contains("removed");
  }

  @Test
  void anInsertedError() throws Exception {
    String id = recorded();
    assertThat(
            psql(
                "INSERT INTO execution_error (row_id, seq, execution_id, message, task_id,"
                    + " occurred_at, chain_hash, recorded_by, message_key) SELECT"
                    + " gen_random_uuid(), 4, execution_id, 'a convenient error', task_id,"
                    + " occurred_at, chain_hash, recorded_by, 'a convenient error' FROM execution_error WHERE execution_id = '"
                    + id
                    + "'"))
        .contains("INSERT 0 1");
    JsonObject broken = firstBroken(id);
    assertThat(broken.getString("kind")).isEqualTo("error");
    assertThat(broken.getInt("position")).isEqualTo(4);
  }

  @Test
  void twoSwappedEntries() throws Exception {
    String id = recorded();
    // The first audit entry (position 2) and the appended one (position 8) trade places.
    assertThat(
            psql(
                "UPDATE audit_entry SET seq = CASE seq WHEN 2 THEN 8 ELSE 2 END"
                    + " WHERE execution_id = '"
                    + id
                    + "' AND seq IN (2, 8)"))
        .contains("UPDATE 2");
    JsonObject broken = firstBroken(id);
    assertThat(broken.getString("kind")).isEqualTo("audit");
    assertThat(broken.getInt("position")).isEqualTo(2);
  }

  @Test
  void anEditedStatusChange() throws Exception {
    String id = recorded();
    assertThat(
            psql(
                "UPDATE execution_status_change SET status = 'Failed', success = false"
                    + " WHERE execution_id = '"
                    + id
                    + "' AND seq = 9"))
        .contains("UPDATE 1");
    JsonObject broken = firstBroken(id);
    assertThat(broken.getString("kind")).isEqualTo("status");
    assertThat(broken.getInt("position")).isEqualTo(9);
  }

  @Test
  void anUntouchedExecutionStaysValid() throws Exception {
    String id = recorded();
    JsonObject verified = verify(id);
    assertThat(verified.getBoolean("valid")).isTrue();
    assertThat(verified.getString("head")).matches("[0-9a-f]{64}");
  }
}
