package org.workflowengine.persistence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.query.ExecutionPage;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.retention.PurgeResult;
import org.workflowengine.persistence.store.retention.Retention;
import org.workflowengine.persistence.store.retention.RetentionPolicy;
import org.workflowengine.persistence.testing.ArchivedObjects;
import org.workflowengine.persistence.testing.TestUser;

/**
 * The archive tier's figures, on the archive the run is configured with (a directory, or s3proxy
 * with {@code -Darchive=s3}): runs recorded through the store, archived by a purge (runs per
 * second), the database's bytes per run before and after (PostgreSQL: {@code
 * pg_total_relation_size} of every table, after {@code VACUUM FULL}) and the archive's, {@code GET}
 * of an archived run against a live one over HTTP, and the first page of a listing over {@code
 * mixed} archived rows and 10,000 live ones against the same rows all live.
 */
final class ArchiveBench {

  private static final String ARCHIVED = "bench-archive";
  private static final String LIVE = "bench-live";
  private static final List<String> TABLES =
      List.of(
          "workflow_execution",
          "execution_label",
          "task_execution",
          "audit_entry",
          "task_log_line",
          "execution_error",
          "execution_status_change",
          "workflow_snapshot");

  private final ExecutionStore store;
  private final Retention retention;
  private final DataSource dataSource;
  private final URI api;
  private final boolean postgres;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  ArchiveBench(ExecutionStore store, Retention retention, DataSource dataSource, URI base)
      throws SQLException {
    this.store = store;
    this.retention = retention;
    this.dataSource = dataSource;
    this.api = base.resolve("api/");
    try (Connection connection = dataSource.getConnection()) {
      postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
    }
  }

  /**
   * Phase 1, repeated: records the next {@code chunk} of the {@code runs} to archive (and, first,
   * the 1,000 kept live), through the store, by 8 writers at once; the runs already recorded are
   * counted, so each call goes on where the last stopped. In chunks because one request into the
   * server (the benchmark runs inside it) may last at most 15 minutes.
   *
   * @return whether all {@code runs} are recorded
   */
  boolean record(int runs, int chunk) throws Exception {
    int recorded = (int) store.count(ExecutionQuery.all().withWorkflowName(ARCHIVED));
    if (recorded == 0) {
      bytesEmpty = databaseBytes();
      recordStarted = Instant.now();
    }
    int from = recorded;
    int to = Math.min(runs, recorded + chunk);
    ExecutorService writers = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      if (recorded == 0) {
        for (int i = 0; i < 1_000; i++) {
          String id = LIVE + "-" + i;
          done.add(writers.submit(() -> store.create(run(id, LIVE))));
        }
      }
      for (int i = from; i < to; i++) {
        String id = ARCHIVED + "-" + i;
        done.add(writers.submit(() -> store.create(run(id, ARCHIVED))));
      }
      for (Future<?> one : done) {
        one.get();
      }
    } finally {
      // Never leave writers running past this call: the next one counts what is recorded.
      writers.shutdownNow();
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      boolean interrupted = false;
      while (!writers.isTerminated() && System.nanoTime() < deadline) {
        try {
          writers.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return to == runs;
  }

  /** Before the first run was recorded (kept between the phases, which run in one server). */
  private static long bytesEmpty;

  private static Instant recordStarted;

  /** Phase 2: every recorded run archived by one purge; sizes before and after. */
  Figures archive(int runs) throws Exception {
    Figures figures = new Figures().put("archive.runs", runs);
    figures.put(
        "archive.location_s3",
        System.getProperty("executions.archive.location", "").startsWith("s3:") ? 1 : 0);
    figures.put("archive.record_seconds", seconds(recordStarted));
    long bytesLive = databaseBytes();

    Instant start = Instant.now();
    PurgeResult purged =
        retention.purge(
            new RetentionPolicy(
                null, null, ARCHIVED, 0, false, RetentionPolicy.DEFAULT_BATCH_SIZE));
    double archiveSeconds = seconds(start);
    assertThat(purged.getArchived()).as("every run archived").isEqualTo(runs);
    assertThat(purged.getDeleted()).isZero();
    long bytesArchived = databaseBytes();
    long objectBytes = 0;
    for (int i = 0; i < runs; i++) {
      objectBytes += Files.size(ArchivedObjects.of(ARCHIVED + "-" + i));
    }
    figures
        .put("archive.seconds", archiveSeconds)
        .put("archive.per_s", runs / archiveSeconds)
        .put("archive.db_bytes_per_run_live", (bytesLive - bytesEmpty) / (double) (runs + 1_000))
        .put(
            "archive.db_bytes_per_run_archived",
            (bytesArchived - bytesEmpty - (bytesLive - bytesEmpty) * 1_000.0 / (runs + 1_000))
                / runs)
        .put("archive.object_bytes_per_run", objectBytes / (double) runs);
    figures.print("archive (" + (postgres ? "PostgreSQL" : "Derby") + ")");
    return figures;
  }

  /** Phase 3: reads of archived and live runs, and listings over a mix. */
  Figures reads(int runs, int mixed, int samples) throws Exception {
    Figures figures = new Figures();
    // GET of an archived run and of a live one, over HTTP, alternating.
    Random random = new Random(7);
    List<Double> archivedGets = new ArrayList<>();
    List<Double> liveGets = new ArrayList<>();
    for (int i = 0; i < samples + samples / 5; i++) {
      double archived = get(ARCHIVED + "-" + random.nextInt(runs));
      double live = get(LIVE + "-" + random.nextInt(1_000));
      if (i >= samples / 5) {
        archivedGets.add(archived);
        liveGets.add(live);
      }
    }
    figures
        .put("archive.get_archived_p50_ms", Figures.median(archivedGets))
        .put("archive.get_archived_p95_ms", Figures.percentile(archivedGets, 95))
        .put("archive.get_live_p50_ms", Figures.median(liveGets))
        .put("archive.get_live_p95_ms", Figures.percentile(liveGets, 95));

    listing(figures, mixed, samples);
    figures.print("archive reads (" + (postgres ? "PostgreSQL" : "Derby") + ")");
    return figures;
  }

  /**
   * The first page of a listing of everything, and of one workflow, over {@code mixed} archived
   * rows and 10,000 live ones; then the same rows all live. The rows are loaded by JDBC as a purge
   * leaves an archived run (its row with {@code archived_at}, its labels; a listing reads nothing
   * else), not archived one by one.
   */
  private void listing(Figures figures, int mixed, int samples) throws SQLException {
    load(mixed, true, "mixed-old");
    load(10_000, false, "mixed-new");
    vacuum(false);
    ExecutionQuery all = ExecutionQuery.all();
    ExecutionQuery oneWorkflow = ExecutionQuery.all().withWorkflowName("mixed-old-wf-1");
    measure(figures, "archive.list_mixed_all", all, samples);
    measure(figures, "archive.list_mixed_workflow", oneWorkflow, samples);
    measure(
        figures,
        "archive.list_mixed_exclude",
        all.withArchived(ExecutionQuery.Archived.EXCLUDE),
        samples);
    measure(
        figures,
        "archive.list_mixed_only",
        oneWorkflow.withArchived(ExecutionQuery.Archived.ONLY),
        samples);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE workflow_execution SET archived_at = NULL, archive_sha256 = NULL"
              + " WHERE workflow_name LIKE 'mixed-old-%'");
    }
    vacuum(false);
    measure(figures, "archive.list_live_all", all, samples);
    measure(figures, "archive.list_live_workflow", oneWorkflow, samples);
    figures.put("archive.list_rows", mixed + 10_000);
  }

  private void measure(Figures figures, String prefix, ExecutionQuery query, int samples) {
    for (int i = 0; i < samples / 5; i++) {
      store.list(query);
    }
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      ExecutionPage page = store.list(query);
      times.add(Figures.millis(System.nanoTime() - start));
      assertThat(page.getItems()).isNotEmpty();
    }
    figures
        .put(prefix + "_p50_ms", Figures.median(times))
        .put(prefix + "_p95_ms", Figures.percentile(times, 95));
  }

  /** A finished run: 3 tasks, 5 log lines, an audit entry and an error (13 chain links). */
  private static WorkflowExecution run(String id, String workflow) {
    WorkflowExecution run =
        new WorkflowExecution(
            workflow,
            Json.createObjectBuilder()
                .add("name", workflow)
                .add(
                    "tasks",
                    Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("id", "extract"))
                        .add(Json.createObjectBuilder().add("id", "transform"))
                        .add(Json.createObjectBuilder().add("id", "load")))
                .build());
    run.setId(id);
    run.setStatus(WorkflowStatus.COMPLETE);
    run.setLabels(Map.of("env", "prod", "shard", "s" + Math.floorMod(id.hashCode(), 100)));
    List<TaskExecution> tasks = new ArrayList<>();
    for (String task : List.of("extract", "transform", "load")) {
      TaskExecution record = new TaskExecution(task, task, WorkflowStatus.COMPLETE);
      tasks.add(record);
    }
    run.setTasks(tasks);
    run.setAuditTrail(List.of(new AuditEntry("engine", "finished", null)));
    run.setErrors(List.of(new ExecutionError("load: 3 rows rejected", "load")));
    Map<String, List<String>> logs = new LinkedHashMap<>();
    logs.put("extract", List.of("read 1200 rows", "read done"));
    logs.put("load", List.of("wrote 1197 rows", "rejected 3", "load done"));
    run.setPerTaskLogs(logs);
    return run;
  }

  private double get(String id) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(api.resolve("executions/" + id))
            .header("Authorization", TestUser.OPERATOR.authorization())
            .timeout(Duration.ofSeconds(30))
            .build();
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    double millis = Figures.millis(System.nanoTime() - start);
    assertThat(response.statusCode()).as("GET %s: %s", id, response.body()).isEqualTo(200);
    return millis;
  }

  private void load(int rows, boolean archived, String prefix) throws SQLException {
    String hash = store.get(ARCHIVED + "-0").getSnapshotHash();
    Instant base = Instant.parse(archived ? "2021-01-01T00:00:00Z" : "2026-01-01T00:00:00Z");
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO workflow_execution (id, workflow_name, snapshot_hash, status,"
                      + " created_at, completed_at, success, updated_at, version, archived_at,"
                      + " archive_sha256) VALUES (?, ?, ?, 'Complete', ?, ?, TRUE, ?, 1, ?, ?)");
          PreparedStatement label =
              connection.prepareStatement(
                  "INSERT INTO execution_label (execution_id, label_key, label_value, created_at)"
                      + " VALUES (?, 'shard', ?, ?)")) {
        for (int i = 0; i < rows; i++) {
          Timestamp created = Timestamp.from(base.plusSeconds(i));
          String id = prefix + "-" + i + "-" + UUID.randomUUID();
          insert.setString(1, id);
          insert.setString(2, prefix + "-wf-" + (i % 4));
          insert.setString(3, hash);
          insert.setTimestamp(4, created);
          insert.setTimestamp(5, created);
          insert.setTimestamp(6, created);
          insert.setTimestamp(7, archived ? created : null);
          insert.setString(8, archived ? "0".repeat(64) : null);
          insert.addBatch();
          label.setString(1, id);
          label.setString(2, "s" + (i % 100));
          label.setTimestamp(3, created);
          label.addBatch();
          if (i % 5000 == 4999) {
            insert.executeBatch();
            label.executeBatch();
            connection.commit();
          }
        }
        insert.executeBatch();
        label.executeBatch();
        connection.commit();
      }
    }
  }

  /** Every table of the store's schema, bytes with indexes and TOAST (PostgreSQL; 0 on Derby). */
  private long databaseBytes() throws SQLException {
    if (!postgres) {
      return 0;
    }
    vacuum(true);
    long total = 0;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement size =
            connection.prepareStatement("SELECT pg_total_relation_size(?::regclass)")) {
      for (String table : TABLES) {
        size.setString(1, table);
        try (ResultSet row = size.executeQuery()) {
          row.next();
          total += row.getLong(1);
        }
      }
    }
    return total;
  }

  private void vacuum(boolean full) throws SQLException {
    if (!postgres) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        statement.execute((full ? "VACUUM FULL ANALYZE " : "VACUUM ANALYZE ") + table);
      }
    }
  }

  private static double seconds(Instant start) {
    return Duration.between(start, Instant.now()).toNanos() / 1e9;
  }
}
