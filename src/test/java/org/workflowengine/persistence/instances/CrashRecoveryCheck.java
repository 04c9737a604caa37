package org.workflowengine.persistence.instances;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.Executions;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.TestUser;

/**
 * The server killed with {@code kill -9} in the middle of sustained writes, then started again on
 * the same Derby files: every write acknowledged with a 2xx is there and whole (an execution with
 * all its tasks and its snapshot, every acknowledged append), nothing half-written.
 */
class CrashRecoveryCheck {

  private static final int WRITERS = 8;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Acknowledged creates: id → the snapshot sent. */
  private final Map<String, JsonObject> created = new ConcurrentHashMap<>();

  /** Acknowledged audit appends per execution. */
  private final Map<String, AtomicInteger> appended = new ConcurrentHashMap<>();

  @Test
  void everyAcknowledgedWriteSurvivesAKillMinusNine() throws Exception {
    Map<String, String> derby =
        Map.of(
            "executions.db.url",
            "",
            "executions.db.dir",
            Path.of("target", "instances", "crash-derby").toAbsolutePath().toString());
    PayaraMicroProcess server = PayaraMicroProcess.start("crash", 8285, derby, List.of("-Xmx512m"));
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    Instant until = Instant.now().plusSeconds(8);
    for (int w = 0; w < WRITERS; w++) {
      writers.submit(() -> write(server.base(), until.plusSeconds(30)));
    }
    Thread.sleep(Duration.between(Instant.now(), until).toMillis());
    server.kill();
    writers.shutdown();
    writers.awaitTermination(2, TimeUnit.MINUTES);

    try (PayaraMicroProcess restarted =
        PayaraMicroProcess.start("crash", 8285, derby, List.of("-Xmx512m"))) {
      int appendsChecked = 0;
      for (Map.Entry<String, JsonObject> write : created.entrySet()) {
        HttpResponse<String> read =
            HTTP.send(
                HttpRequest.newBuilder(restarted.base().resolve("api/executions/" + write.getKey()))
                    .header("Authorization", TestUser.OPERATOR.authorization())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as("acknowledged %s", write.getKey()).isEqualTo(200);
        JsonObject execution = Json.createReader(new StringReader(read.body())).readObject();
        assertThat(execution.getJsonObject("workflow_snapshot")).isEqualTo(write.getValue());
        assertThat(execution.getJsonArray("tasks"))
            .as("all tasks of %s", write.getKey())
            .hasSize(3);
        int acknowledged = appended.getOrDefault(write.getKey(), new AtomicInteger()).get();
        assertThat(execution.getJsonArray("audit_trail").size())
            .as("acknowledged appends to %s", write.getKey())
            .isGreaterThanOrEqualTo(acknowledged);
        appendsChecked += acknowledged;
      }
      System.out.printf(
          "crash-recovery: %d acknowledged creates and %d acknowledged appends checked after kill -9%n",
          created.size(), appendsChecked);
      assertThat(created).as("writes were acknowledged before the kill").hasSizeGreaterThan(50);
    }
  }

  /** Creates executions (three tasks each) and appends to them until the server dies. */
  private void write(URI base, Instant deadline) {
    while (Instant.now().isBefore(deadline)) {
      String id = "crash-" + UUID.randomUUID();
      JsonObject execution = Executions.withThreeTasks(id, "crash");
      JsonObject snapshot = execution.getJsonObject("workflow_snapshot");
      String body = execution.toString();
      try {
        if (send(base.resolve("api/executions"), body) / 100 != 2) {
          continue;
        }
        created.put(id, snapshot);
        for (int i = 0; i < 3; i++) {
          if (send(
                      base.resolve("api/executions/" + id + "/audit"),
                      "{\"action\": \"step-" + i + "\"}")
                  / 100
              == 2) {
            appended.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
          }
        }
      } catch (Exception serverGone) {
        return;
      }
    }
  }

  private static int send(URI uri, String body) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(uri)
                .header("Authorization", TestUser.OPERATOR.authorization())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
