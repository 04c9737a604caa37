package org.workflowengine.persistence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.WorkflowInsight;
import org.workflowengine.persistence.store.insight.KeptStatistics;
import org.workflowengine.persistence.store.insight.WorkflowStatistics;
import org.workflowengine.persistence.store.query.RunCounts;
import org.workflowengine.persistence.store.retention.Retention;
import org.workflowengine.persistence.testing.Deployments;
import org.workflowengine.persistence.testing.HeapSampler;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.TestUser;

/**
 * What the store costs against raw JDBC on the same database, and how that cost grows with the
 * data: {@code mvn verify -Pbench} (Derby) or {@code mvn verify -Pbench -Ddatabase=postgresql}. Not
 * a test suite: every part measures side by side in one run, records its figures under {@code
 * target/bench/}, and the last part prints the table and draws the chart. The parts run in order
 * because the last one reports what the others measured.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExecutionStoreBench {

  private static final int RECORD_PER_ROUND = Integer.getInteger("bench.record.per-round", 300);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
  private static final int SAMPLES = Integer.getInteger("bench.samples", 200);
  private static final int LIST_SMALL = Integer.getInteger("bench.list.small", 10_000);
  private static final int LIST_LARGE = Integer.getInteger("bench.list.large", 1_000_000);
  private static final int HTTP_REQUESTS = Integer.getInteger("bench.http.requests", 960);
  private static final int ARCHIVE_RUNS = Integer.getInteger("bench.archive.runs", 100_000);
  private static final int ARCHIVE_MIXED = Integer.getInteger("bench.archive.mixed", 1_000_000);

  @Deployment
  static WebArchive deployment() {
    return Deployments.application(ExecutionStoreBench.class.getPackageName());
  }

  @Inject ExecutionStore store;

  @Inject Retention retention;

  @Inject WorkflowInsight insight;

  @Inject WorkflowStatistics statistics;

  @Inject RunCounts runCounts;

  @Inject KeptStatistics keptStatistics;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  @ArquillianResource URL base;

  @Test
  @Order(1)
  void record() throws Exception {
    InContainerBench bench = new InContainerBench(store, dataSource);
    Figures figures = bench.record(RECORD_PER_ROUND, ROUNDS);
    figures.put("database.postgresql", bench.database().equals("PostgreSQL") ? 1 : 0);
    figures.write("record");
  }

  /**
   * The same runs recorded by Spring Batch's JDBC JobRepository on the same PostgreSQL database, in
   * rounds as the store's were, with the statements it sends per run (see {@link SpringBatchPeer}).
   * Compared in the report with the store's figures of this run.
   */
  @Test
  @Order(2)
  @RunAsClient
  void springBatch() throws Exception {
    // A comparison from an earlier run on another database must not reach this run's report.
    Files.deleteIfExists(Figures.DIRECTORY.resolve("springbatch.json"));
    String url = System.getProperty("executions.db.url", "");
    Assumptions.assumeTrue(
        url.startsWith("jdbc:postgresql:"),
        "Spring Batch's repository is compared on PostgreSQL (-Ddatabase=postgresql) only");
    Workload workload = new Workload();
    List<Double> rates = new ArrayList<>();
    Figures figures = new Figures();
    try (SpringBatchPeer peer =
        new SpringBatchPeer(url, System.getProperty("executions.db.user", "postgres"))) {
      int next = 0;
      for (int i = 0; i < RECORD_PER_ROUND / 4; i++, next++) {
        peer.record(workload.execution(next));
      }
      for (int round = 0; round < ROUNDS; round++) {
        List<WorkflowExecution> runs = new ArrayList<>();
        for (int i = 0; i < RECORD_PER_ROUND; i++, next++) {
          runs.add(workload.execution(next));
        }
        long start = System.nanoTime();
        for (WorkflowExecution run : runs) {
          peer.record(run);
        }
        rates.add(RECORD_PER_ROUND / ((System.nanoTime() - start) / 1e9));
      }
      int counted = Math.max(1, RECORD_PER_ROUND / 6);
      try (PostgresStatements sent = new PostgresStatements()) {
        for (int i = 0; i < counted; i++, next++) {
          peer.record(workload.execution(next));
        }
        figures
            .put("springbatch.statements_per_run", sent.statements() / (double) counted)
            .put("springbatch.round_trips_per_run", sent.roundTrips() / (double) counted);
      }
      assertThat(peer.jobExecutions()).isEqualTo(next);
    }
    figures.put("springbatch.per_s_median", Figures.median(rates)).write("springbatch");
  }

  @Test
  @Order(3)
  void append() throws Exception {
    InContainerBench bench = new InContainerBench(store, dataSource);
    bench.append(SAMPLES).write("append");
    bench.concurrentAppends(16, 50, true).write("concurrent-one");
    bench.concurrentAppends(16, 50, false).write("concurrent-own");
  }

  private InContainerBench.Insight insightBeans() {
    return new InContainerBench.Insight(insight, statistics, runCounts, keptStatistics);
  }

  @Test
  @Order(4)
  void listSmall() throws Exception {
    InContainerBench bench = new InContainerBench(store, dataSource);
    // Pages of 20: the 100th page of a filter matching a quarter of 10,000 rows exists.
    bench.list("small", LIST_SMALL, SAMPLES, 20).write("list-small");
    bench.insight(insightBeans(), "small", SAMPLES).write("insight-small");
  }

  /**
   * On PostgreSQL the large table is loaded here, from the test's side by plain JDBC, a million
   * rows a step (each committed every 5,000 rows): not inside one request to the server, which ten
   * million rows outlast. On Derby, whose embedded database only the server may open, {@link
   * #listLarge} loads it inside the server as before.
   */
  @Test
  @Order(5)
  @RunAsClient
  void loadLarge() throws Exception {
    String url = System.getProperty("executions.db.url", "");
    if (!url.startsWith("jdbc:postgresql:")) {
      System.out.println("bench: Derby's large table is loaded inside the server, by listLarge");
      return;
    }
    Properties credentials = new Properties();
    credentials.setProperty("user", System.getProperty("executions.db.user", "postgres"));
    try (Connection connection = DriverManager.getConnection(url, credentials)) {
      long existing;
      String hash;
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM workflow_execution")) {
        rows.next();
        existing = rows.getLong(1);
      }
      // The definition listSmall stored with its seed run (each Workload draws its own).
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT snapshot_hash FROM workflow_execution WHERE workflow_name = 'list-seed'"
                      + " ORDER BY created_at DESC")) {
        assertThat(rows.next()).as("listSmall stored its seed run").isTrue();
        hash = rows.getString(1);
      }
      long start = System.nanoTime();
      for (long from = existing; from < LIST_LARGE; from += 1_000_000) {
        long to = Math.min(LIST_LARGE, from + 1_000_000);
        InContainerBench.load(connection, from, to, hash);
        System.out.printf(
            "bench: loaded %,d of %,d executions (%.0f s)%n",
            to, LIST_LARGE, (System.nanoTime() - start) / 1e9);
      }
    }
  }

  @Test
  @Order(6)
  void listLarge() throws Exception {
    InContainerBench bench = new InContainerBench(store, dataSource);
    bench.list("large", LIST_LARGE, SAMPLES, 20).write("list-large");
    bench.insight(insightBeans(), "large", SAMPLES).write("insight-large");
    // Last, as it removes a tenth of the large table: the purge rate at that size.
    bench.purge(retention, "large", LIST_LARGE / 10).write("purge");
    Files.writeString(
        Figures.DIRECTORY.resolve("plans.txt"), bench.plans(), StandardCharsets.UTF_8);
  }

  @Test
  @Order(7)
  @RunAsClient
  void http() throws Exception {
    Figures figures = new Figures();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    URI api = base.toURI().resolve("api/executions");
    Workload workload = new Workload();
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = new ArrayList<>();
    // Warm-up, not measured, but held to the same rule: every request must succeed.
    Load warmUp =
        Load.run("HTTP POST warm-up", 1, 200, 201, i -> post(http, api, body(workload, i), ids));
    if (warmUp.failed() > 0) {
      failures.add(warmUp.failure());
    }
    for (int clients : new int[] {1, 8, 32}) {
      // The 1-client POST phase is profiled (JFR, the server runs in this JVM): where an HTTP
      // request's time goes beyond the store's.
      // The bodies are made before the clock starts, as the in-container executions are.
      List<Body> bodies = new ArrayList<>();
      for (int i = 0; i < HTTP_REQUESTS; i++) {
        bodies.add(body(workload, i));
      }
      Recording profile = null;
      if (clients == 1) {
        Files.createDirectories(Figures.DIRECTORY);
        profile = new Recording(Configuration.getConfiguration("profile"));
        profile.setDestination(Figures.DIRECTORY.resolve("http-post-1-client.jfr"));
        profile.start();
      }
      Load post =
          Load.run(
              "HTTP POST at " + clients + " clients",
              clients,
              HTTP_REQUESTS,
              201,
              i -> post(http, api, bodies.get(i), ids));
      if (profile != null) {
        profile.stop();
        profile.close();
      }
      Load get =
          Load.run(
              "HTTP GET at " + clients + " clients",
              clients,
              HTTP_REQUESTS,
              200,
              i ->
                  http.send(
                          HttpRequest.newBuilder(
                                  api.resolve("executions/" + ids.get(i % ids.size())))
                              .header("Authorization", TestUser.READER.authorization())
                              .GET()
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .statusCode());
      addFailure(failures, post.record(figures, "http.post.c" + clients));
      addFailure(failures, get.record(figures, "http.get.c" + clients));
    }
    byHashMinimal(http, api, workload, figures, failures);
    authenticationCost(http, api, figures);
    figures.write("http");
    assertThat(failures)
        .as("load phases with failed requests (no rate is reported for them)")
        .isEmpty();
  }

  /**
   * One client recording the same runs as an engine that registered its definitions once would:
   * each {@code POST} names its definition by {@code snapshot_hash} and asks for no body ({@code
   * Prefer: return=minimal}), answered 201 with {@code Location} and nothing else.
   */
  private static void byHashMinimal(
      HttpClient http, URI api, Workload workload, Figures figures, List<String> failures)
      throws Exception {
    List<String> hashes = new ArrayList<>();
    for (int d = 0; d < Workload.DEFINITIONS; d++) {
      HttpResponse<String> registered =
          http.send(
              HttpRequest.newBuilder(api.resolve("snapshots"))
                  .header("Authorization", TestUser.OPERATOR.authorization())
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(workload.definition(d).toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
      hashes.add(
          Json.createReader(new java.io.StringReader(registered.body()))
              .readObject()
              .getString("snapshot_hash"));
    }
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < HTTP_REQUESTS + 200; i++) {
      bodies.add(
          Json.createObjectBuilder(executionJson(workload, i))
              .remove("workflow_snapshot")
              .add("snapshot_hash", hashes.get(i % Workload.DEFINITIONS))
              .build()
              .toString());
    }
    Load.Request minimal =
        i -> {
          HttpResponse<String> created =
              http.send(
                  HttpRequest.newBuilder(api.resolve("executions"))
                      .header("Authorization", TestUser.OPERATOR.authorization())
                      .header("Content-Type", "application/json")
                      .header("Prefer", "return=minimal")
                      .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          return created.statusCode() == 201
                  && created.body().isEmpty()
                  && created.headers().firstValue("Location").isPresent()
              ? 201
              : -created.statusCode();
        };
    Load warmUp = Load.run("HTTP POST by hash, minimal, warm-up", 1, 200, 201, minimal);
    addFailure(failures, warmUp.failed() > 0 ? warmUp.failure() : null);
    Load measured =
        Load.run(
            "HTTP POST by hash, minimal, at 1 client",
            1,
            HTTP_REQUESTS,
            201,
            i -> minimal.send(i + 200));
    addFailure(failures, measured.record(figures, "http.post_hash_minimal.c1"));
  }

  /**
   * What authentication adds to a request: {@code GET /api/me}, which reads nothing but the caller,
   * with a valid credential (200) alternating with the same request without one (401, a
   * problem+json body of about the same size). The difference is the credential's check, the role
   * check and the caller's lookup. One client, sequential.
   */
  private static void authenticationCost(HttpClient http, URI api, Figures figures)
      throws Exception {
    URI me = api.resolve("me");
    List<Double> withCredential = new ArrayList<>();
    List<Double> without = new ArrayList<>();
    for (int i = 0; i < SAMPLES * 5; i++) {
      withCredential.add(timedGet(http, me, TestUser.READER.authorization(), 200));
      without.add(timedGet(http, me, null, 401));
    }
    double with = Figures.median(withCredential);
    double refused = Figures.median(without);
    figures
        .put("http.auth.me_with_credential_p50_ms", with)
        .put("http.auth.me_without_p50_ms", refused)
        .put("http.auth.cost_p50_ms", with - refused);
  }

  private static double timedGet(HttpClient http, URI uri, String authorization, int expected)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    long began = System.nanoTime();
    int status = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    double millis = Figures.millis(System.nanoTime() - began);
    assertThat(status).as("GET %s", uri).isEqualTo(expected);
    return millis;
  }

  private static void addFailure(List<String> failures, String failure) {
    if (failure != null) {
      failures.add(failure);
    }
  }

  /** A request body: execution {@code id} as JSON text. */
  private record Body(String id, String json) {}

  private static Body body(Workload workload, int i) {
    JsonObject json = executionJson(workload, i);
    return new Body(json.getString("id"), json.toString());
  }

  private static int post(HttpClient http, URI api, Body body, List<String> ids) throws Exception {
    int status =
        http.send(
                HttpRequest.newBuilder(api)
                    .header("Authorization", TestUser.OPERATOR.authorization())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.json()))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode();
    if (status == 201) {
      ids.add(body.id());
    }
    return status;
  }

  @Test
  @Order(8)
  @RunAsClient
  void memory() throws Exception {
    Figures figures = new Figures();
    try (PayaraMicroProcess server =
        PayaraMicroProcess.start(
            "bench-256m",
            8284,
            Map.of(
                "executions.db.url",
                "",
                "executions.db.dir",
                Figures.DIRECTORY.resolve("memory-derby").toAbsolutePath().toString()),
            List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"))) {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      Load big;
      long peak;
      try (HeapSampler heap = new HeapSampler(server.base())) {
        big =
            Load.run(
                "1 MiB snapshots at 8 clients, -Xmx256m",
                8,
                80,
                201,
                i -> {
                  String blob = "x".repeat(1024 * 1024 - 64) + UUID.randomUUID();
                  String body =
                      "{\"workflow_name\": \"big\", \"workflow_snapshot\": {\"blob\": \""
                          + blob
                          + "\"}}";
                  return http.send(
                          HttpRequest.newBuilder(server.base().resolve("api/executions"))
                              .header("Authorization", TestUser.OPERATOR.authorization())
                              .header("Content-Type", "application/json")
                              .timeout(Duration.ofMinutes(2))
                              .POST(HttpRequest.BodyPublishers.ofString(body))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .statusCode();
                });
        peak = heap.peakBytes();
      }
      figures
          .put("memory.requests", 80)
          .put("memory.succeeded", 80 - big.failed())
          .put("memory.server_alive", server.isAlive() ? 1 : 0)
          .put("memory.peak_heap_mib", peak / 1048576.0);
      figures.write("memory");
      assertThat(big.failed()).as(big.failure()).isZero();
      assertThat(server.isAlive()).as("the -Xmx256m server is alive afterwards").isTrue();
    }
  }

  @Test
  @Order(9)
  @RunAsClient
  void report() throws Exception {
    String table = BenchReport.write();
    System.out.println(table);
    assertThat(table).contains("record");
  }

  // ------------------------------------------------------------------------------ HTTP helpers

  /** Execution number {@code i} of the workload as a client sends it: the same as in-container. */
  private static JsonObject executionJson(Workload workload, int i) {
    WorkflowExecution execution = workload.execution(i);
    JsonArrayBuilder tasks = Json.createArrayBuilder();
    for (TaskExecution task : execution.getTasks()) {
      tasks.add(
          Json.createObjectBuilder()
              .add("task_id", task.getTaskId())
              .add("name", task.getName())
              .add("status", task.getStatus().wireName())
              .add("output", task.getOutput()));
    }
    JsonArrayBuilder audit = Json.createArrayBuilder();
    for (AuditEntry entry : execution.getAuditTrail()) {
      audit.add(
          Json.createObjectBuilder()
              .add("actor", entry.getActor())
              .add("action", entry.getAction())
              .add("details", entry.getDetails()));
    }
    JsonObjectBuilder logs = Json.createObjectBuilder();
    execution
        .getPerTaskLogs()
        .forEach((task, lines) -> logs.add(task, Json.createArrayBuilder(lines)));
    return Json.createObjectBuilder()
        .add("id", "http-" + UUID.randomUUID())
        .add("workflow_name", execution.getWorkflowName())
        .add("workflow_snapshot", execution.getWorkflowSnapshot())
        .add("status", execution.getStatus().wireName())
        .add("tasks", tasks)
        .add("audit_trail", audit)
        .add("per_task_logs", logs)
        .build();
  }

  /**
   * The archive tier (see {@link ArchiveBench}), on the archive this run is configured with: a
   * directory, or s3proxy with {@code -Darchive=s3}. Prints its own figures; run it alone with
   * {@code -Dit.test='ExecutionStoreBench#archive*'}. Three phases, each one request into the
   * server (at most 15 minutes each): recording, in as many calls as it takes; the purge; the
   * reads.
   */
  @RepeatedTest(10)
  @Order(10)
  void archiveRecord() throws Exception {
    ArchiveBench bench = new ArchiveBench(store, retention, dataSource, base.toURI());
    Instant started = Instant.now();
    while (!bench.record(ARCHIVE_RUNS, 2_000)) {
      if (Duration.between(started, Instant.now()).toMinutes() >= 7) {
        return; // the next repetition goes on
      }
    }
  }

  @Test
  @Order(11)
  void archivePurge() throws Exception {
    new ArchiveBench(store, retention, dataSource, base.toURI())
        .archive(ARCHIVE_RUNS)
        .write("archive");
  }

  @Test
  @Order(12)
  void archiveReads() throws Exception {
    new ArchiveBench(store, retention, dataSource, base.toURI())
        .reads(ARCHIVE_RUNS, ARCHIVE_MIXED, SAMPLES)
        .write("archive-reads");
  }
}
