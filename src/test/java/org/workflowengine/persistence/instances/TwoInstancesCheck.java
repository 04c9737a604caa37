package org.workflowengine.persistence.instances;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.EventStream;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.TestUser;

/**
 * Two Payara Micro instances on one PostgreSQL database, written to at once through both: no append
 * lost, each snapshot stored once, every stale write refused with 412 or 409, never a 500. Run by
 * {@code mvn verify -Pchecks} (PostgreSQL on 127.0.0.1:5432, trust authentication).
 */
class TwoInstancesCheck {

  private static final String URL = System.getProperty("executions.db.url");
  private static final String USER = System.getProperty("executions.db.user");

  private static PayaraMicroProcess first;
  private static PayaraMicroProcess second;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<Integer, AtomicInteger> STATUSES = new ConcurrentHashMap<>();

  @BeforeAll
  static void startTwoInstances() throws Exception {
    Map<String, String> database = Map.of("executions.db.url", URL, "executions.db.user", USER);
    ExecutorService starting = Executors.newFixedThreadPool(2);
    Future<PayaraMicroProcess> a =
        starting.submit(
            () -> PayaraMicroProcess.start("first", 8281, database, List.of("-Xmx512m")));
    Future<PayaraMicroProcess> b =
        starting.submit(
            () -> PayaraMicroProcess.start("second", 8282, database, List.of("-Xmx512m")));
    try {
      first = a.get(4, TimeUnit.MINUTES);
    } finally {
      second = b.get(4, TimeUnit.MINUTES);
      starting.shutdown();
    }
  }

  @AfterAll
  static void stopBoth() throws Exception {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
    System.out.println("two-instances: responses by status " + STATUSES);
    assertThat(STATUSES.keySet())
        .as("no 5xx from either instance")
        .allMatch(status -> status < 500);
  }

  private static URI instance(int i) {
    return (i % 2 == 0 ? first : second).base();
  }

  private static HttpResponse<String> send(
      URI base, String method, String path, String body, String ifMatch) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", TestUser.OPERATOR.authorization())
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    STATUSES.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
    return response;
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static <T> List<T> together(int threads, Task<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.run(thread);
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(3, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface Task<T> {
    T run(int thread) throws Exception;
  }

  @Test
  void createsThroughBothInstancesShareOneCopyOfEachNewSnapshot() throws Exception {
    String workflow = "shared-" + UUID.randomUUID();
    String body =
        "{\"workflow_name\": \""
            + workflow
            + "\", \"workflow_snapshot\": {\"tasks\": [\""
            + workflow
            + "\"]}}";

    List<Integer> statuses =
        together(
            16,
            thread -> send(instance(thread), "POST", "api/executions", body, null).statusCode());

    assertThat(statuses).containsOnly(201);
    String versions =
        send(first.base(), "GET", "api/workflows/" + workflow + "/snapshots", null, null).body();
    String hash =
        Json.createReader(new StringReader(versions))
            .readArray()
            .getJsonObject(0)
            .getString("hash");
    assertThat(count("SELECT COUNT(*) FROM workflow_snapshot WHERE hash = ?", hash)).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM workflow_execution WHERE snapshot_hash = ?", hash))
        .isEqualTo(16);
  }

  @Test
  void appendsThroughBothInstancesToOneExecutionLoseNothing() throws Exception {
    String id = "appended-" + UUID.randomUUID();
    assertThat(
            send(
                    first.base(),
                    "PUT",
                    "api/executions/" + id,
                    "{\"workflow_name\": \"appends\"}",
                    null)
                .statusCode())
        .isEqualTo(201);

    List<Integer> statuses =
        together(
            16,
            thread -> {
              int created = 0;
              for (int i = 0; i < 20; i++) {
                created +=
                    send(
                                    instance(thread),
                                    "POST",
                                    "api/executions/" + id + "/audit",
                                    "{\"actor\": \"t" + thread + "\", \"action\": \"a" + i + "\"}",
                                    null)
                                .statusCode()
                            == 201
                        ? 1
                        : 0;
                created +=
                    send(
                                    instance(thread),
                                    "POST",
                                    "api/executions/" + id + "/logs/t" + thread,
                                    "{\"lines\": [\"l" + i + "\"]}",
                                    null)
                                .statusCode()
                            == 201
                        ? 1
                        : 0;
              }
              return created;
            });

    assertThat(statuses).containsOnly(40);
    JsonObject stored = json(send(second.base(), "GET", "api/executions/" + id, null, null).body());
    assertThat(stored.getJsonArray("audit_trail")).hasSize(16 * 20);
    for (int thread = 0; thread < 16; thread++) {
      assertThat(stored.getJsonObject("per_task_logs").getJsonArray("t" + thread)).hasSize(20);
    }
    // Both instances placed their links under the execution's row lock: one chain, none twice.
    JsonObject verified =
        json(send(first.base(), "GET", "api/executions/" + id + "/verify", null, null).body());
    assertThat(verified.getBoolean("valid")).as("%s", verified).isTrue();
    assertThat(verified.getInt("links")).isEqualTo(1 + 2 * 16 * 20);
  }

  @Test
  void competingTransitionsThroughBothInstancesChangeTheExecutionOnceAndStaleOnesAreRefused()
      throws Exception {
    for (int round = 0; round < 10; round++) {
      String id = "raced-" + UUID.randomUUID();
      send(
          first.base(),
          "PUT",
          "api/executions/" + id,
          "{\"workflow_name\": \"races\", \"status\": \"Running\"}",
          null);
      String etag =
          send(second.base(), "GET", "api/executions/" + id, null, null)
              .headers()
              .firstValue("ETag")
              .orElseThrow();
      long version = Long.parseLong(etag.replace("\"", ""));

      List<HttpResponse<String>> outcomes =
          together(
              4,
              thread ->
                  send(
                      instance(thread),
                      "POST",
                      "api/executions/" + id + "/status",
                      "{\"status\": \"" + (thread % 2 == 0 ? "Complete" : "Failed") + "\"}",
                      thread < 2 ? etag : null));

      JsonObject last = json(send(first.base(), "GET", "api/executions/" + id, null, null).body());
      assertThat(last.getJsonNumber("version").longValue())
          .as("round %d: exactly one move was applied", round)
          .isEqualTo(version + 1);
      for (HttpResponse<String> outcome : outcomes) {
        if (outcome.statusCode() == 200) {
          // the winner, or a move to the status the winner set (a no-op by the status rules)
          assertThat(json(outcome.body()).getString("status")).isEqualTo(last.getString("status"));
        } else {
          assertThat(outcome.statusCode())
              .as("round %d: refused as stale or illegal", round)
              .isIn(409, 412);
        }
      }
    }
  }

  /**
   * A change written through one instance reaches the streams' subscribers on the other: 20
   * subscribers of a run and one of a listing on the second instance, 100 log lines written one by
   * one through the first. Latency is from the moment the write's answer arrived (its commit) to
   * the moment a subscriber read the line; one that arrived before the answer counts as 0.
   */
  @Test
  void subscribersOnOneInstanceSeeWhatIsWrittenThroughTheOtherWithinASecond() throws Exception {
    String workflow = "streamed-" + UUID.randomUUID();
    String id = "streamed-" + UUID.randomUUID();
    URL other = second.base().toURL();
    try (EventStream list = EventStream.open(other, "events?workflow_name=" + workflow)) {
      assertThat(
              send(
                      first.base(),
                      "PUT",
                      "api/executions/" + id,
                      "{\"workflow_name\": \"" + workflow + "\", \"status\": \"Running\"}",
                      null)
                  .statusCode())
          .isEqualTo(201);
      EventStream.Event created = list.next(Duration.ofSeconds(10));
      assertThat(created.name()).isEqualTo("execution");
      assertThat(created.json().getJsonObject("execution").getString("id")).isEqualTo(id);

      int subscribers = 20;
      int lines = 100;
      Map<String, Long> committed = new ConcurrentHashMap<>();
      List<EventStream> streams = new ArrayList<>();
      List<Future<List<Long>>> latencies = new ArrayList<>();
      ExecutorService readers = Executors.newFixedThreadPool(subscribers);
      try {
        for (int s = 0; s < subscribers; s++) {
          EventStream stream = EventStream.open(other, "executions/" + id + "/events");
          streams.add(stream);
          latencies.add(readers.submit(() -> latencies(stream, committed, lines + 2)));
        }
        for (int i = 0; i < lines; i++) {
          String line = "line " + i;
          HttpResponse<String> appended =
              send(
                  first.base(),
                  "POST",
                  "api/executions/" + id + "/logs/work",
                  "{\"lines\": [\"" + line + "\"]}",
                  null);
          committed.put(line, System.nanoTime());
          assertThat(appended.statusCode()).isEqualTo(201);
          Thread.sleep(20);
        }
        assertThat(
                send(
                        first.base(),
                        "POST",
                        "api/executions/" + id + "/status",
                        "{\"status\": \"Complete\"}",
                        null)
                    .statusCode())
            .isEqualTo(200);
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> subscriber : latencies) {
          List<Long> measured = subscriber.get(2, TimeUnit.MINUTES);
          assertThat(measured).hasSize(lines);
          all.addAll(measured);
        }
        all.sort(null);
        double p50 = all.get(all.size() / 2) / 1e6;
        double p95 = all.get((int) (all.size() * 0.95)) / 1e6;
        double max = all.get(all.size() - 1) / 1e6;
        System.out.printf(
            "two-instances: %d events to %d subscribers on the other instance, latency p50 %.1f ms,"
                + " p95 %.1f ms, max %.1f ms%n",
            all.size(), subscribers, p50, p95, max);
        assertThat(p95).as("p95 latency, ms").isLessThanOrEqualTo(1000);
      } finally {
        streams.forEach(EventStream::close);
        readers.shutdownNow();
      }
      EventStream.Event completed = list.next(Duration.ofSeconds(10));
      assertThat(completed.json().getString("change")).isEqualTo("status");
      assertThat(completed.json().getJsonObject("execution").getString("status"))
          .isEqualTo("Complete");
    }
  }

  /**
   * Reads {@code stream} to its end: every link position 1..{@code links} once and in order, and
   * for each log line the nanoseconds from its write's answer ({@code committed}) to its arrival.
   */
  private static List<Long> latencies(EventStream stream, Map<String, Long> committed, long links) {
    List<Long> measured = new ArrayList<>();
    List<Long> positions = new ArrayList<>();
    for (EventStream.Event event = stream.next(Duration.ofSeconds(60));
        event != EventStream.CLOSED;
        event = stream.next(Duration.ofSeconds(60))) {
      long arrived = System.nanoTime();
      if (event.id() != null) {
        positions.add(event.position());
      }
      if (event.name().equals("log")) {
        String line = event.json().getString("line");
        Long answered = committed.get(line);
        while (answered == null) {
          // the line arrived before its write's answer: wait for the answer, count 0
          Thread.onSpinWait();
          answered = committed.get(line);
          if (System.nanoTime() - arrived > 10_000_000_000L) {
            throw new AssertionError("no answer to the write of " + line);
          }
        }
        measured.add(Math.max(0, arrived - answered));
      }
    }
    List<Long> expected = new ArrayList<>();
    for (long p = 1; p <= links; p++) {
      expected.add(p);
    }
    assertThat(positions).as("every position once, in order").isEqualTo(expected);
    return measured;
  }

  private static long count(String sql, String parameter) throws Exception {
    try (Connection connection = DriverManager.getConnection(URL, USER, null);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }
}
