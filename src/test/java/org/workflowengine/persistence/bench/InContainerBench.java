package org.workflowengine.persistence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.workflowengine.persistence.chain.ChainLink;
import org.workflowengine.persistence.database.KeptFiguresBackfill;
import org.workflowengine.persistence.json.CanonicalJson;
import org.workflowengine.persistence.json.Timestamps;
import org.workflowengine.persistence.model.AppendOrder;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ErrorMessages;
import org.workflowengine.persistence.model.SnapshotRef;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.snapshot.SnapshotContent;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.WorkflowInsight;
import org.workflowengine.persistence.store.insight.DurationSketch;
import org.workflowengine.persistence.store.insight.KeptStatistics;
import org.workflowengine.persistence.store.insight.StatsBucket;
import org.workflowengine.persistence.store.insight.WorkflowStatistics;
import org.workflowengine.persistence.store.insight.WorkflowStats;
import org.workflowengine.persistence.store.query.CountGrouping;
import org.workflowengine.persistence.store.query.ExecutionCounts;
import org.workflowengine.persistence.store.query.ExecutionPage;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.query.LabelSelector;
import org.workflowengine.persistence.store.query.RunCounts;
import org.workflowengine.persistence.store.retention.PurgeResult;
import org.workflowengine.persistence.store.retention.Retention;
import org.workflowengine.persistence.store.retention.RetentionPolicy;

/**
 * The benchmark parts that run inside the server, next to the store: recording against raw JDBC,
 * appending to small and large executions, listing over small and large tables.
 */
final class InContainerBench {

  private final ExecutionStore store;
  private final DataSource dataSource;
  private final boolean postgres;

  InContainerBench(ExecutionStore store, DataSource dataSource) throws SQLException {
    this.store = store;
    this.dataSource = dataSource;
    try (Connection connection = dataSource.getConnection()) {
      this.postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
    }
  }

  String database() {
    return postgres ? "PostgreSQL" : "Derby";
  }

  // ------------------------------------------------------------------------------------ record

  /**
   * Executions per second through the store, through naive JDBC, and through JDBC into the store's
   * own tables, side by side in rounds. Naive JDBC writes look-alike tables without an index or a
   * foreign key (the snapshot text in every row); the store's tables carry the keys, foreign keys
   * and indexes that its reads, listings, cascades and integrity need. The third side sends what
   * the store sends, from a plain loop: the store's own cost is the difference to it. The fourth is
   * the store again, each run naming its definition by the handle registered once before the rounds
   * ({@code ExecutionStore.snapshot}): no definition canonicalized or hashed per run.
   */
  Figures record(int perRound, int rounds) throws Exception {
    Workload workload = new Workload();
    createRawTables();
    List<Double> storeRates = new ArrayList<>();
    List<Double> rawRates = new ArrayList<>();
    List<Double> schemaRates = new ArrayList<>();
    List<Double> handleRates = new ArrayList<>();
    List<Double> chainedRates = new ArrayList<>();
    List<Double> untriggeredRates = new ArrayList<>();
    Set<String> hashes = new HashSet<>();
    // Each definition registered once, as an engine would at start-up; not measured.
    List<SnapshotRef> refs = new ArrayList<>();
    for (int d = 0; d < Workload.DEFINITIONS; d++) {
      refs.add(store.snapshot(workload.definition(d)));
    }
    int next = 0;
    // Warm-up, not measured: the JIT, the pool and the caches of both paths.
    for (int i = 0; i < perRound / 4; i++, next++) {
      hashes.add(store.create(workload.execution(next)).getSnapshotHash());
      insertRaw(workload.execution(next));
      insertIntoStoreTables(workload.execution(next + perRound));
      store.create(byHandle(workload, next + 2 * perRound, refs));
      insertChained(
          workload.execution(next + 3 * perRound),
          refs.get((next + 3 * perRound) % Workload.DEFINITIONS));
    }
    for (int round = 0; round < rounds; round++) {
      // The last round's store side is profiled (JFR), to show where its time goes.
      Recording profile = null;
      if (round == rounds - 1) {
        Files.createDirectories(Figures.DIRECTORY);
        profile = new Recording(Configuration.getConfiguration("profile"));
        profile.setDestination(
            Figures.DIRECTORY.resolve("record-store-" + database().toLowerCase() + ".jfr"));
        profile.start();
      }
      // The executions are made before the clock starts: only storing them is measured.
      List<WorkflowExecution> forStore = new ArrayList<>();
      List<WorkflowExecution> forRaw = new ArrayList<>();
      List<WorkflowExecution> forSchema = new ArrayList<>();
      List<WorkflowExecution> forHandle = new ArrayList<>();
      List<WorkflowExecution> forChained = new ArrayList<>();
      List<SnapshotRef> chainedRefs = new ArrayList<>();
      List<WorkflowExecution> forUntriggered = new ArrayList<>();
      for (int i = 0; i < perRound; i++, next++) {
        forStore.add(workload.execution(next));
        forRaw.add(workload.execution(next + perRound));
        forSchema.add(workload.execution(next + 2 * perRound));
        forHandle.add(byHandle(workload, next + 3 * perRound, refs));
        forChained.add(workload.execution(next + 4 * perRound));
        chainedRefs.add(refs.get((next + 4 * perRound) % Workload.DEFINITIONS));
        forUntriggered.add(byHandle(workload, next + 5 * perRound, refs));
      }
      next += 5 * perRound;
      // On PostgreSQL, the same runs by handle with the triggers that keep the counts and
      // statistics switched off: what keeping them costs the record rate, within the round (before
      // the by-handle side in even rounds, after it in odd ones).
      if (postgres && round % 2 == 0) {
        untriggeredRates.add(untriggered(forUntriggered));
      }
      long start = System.nanoTime();
      for (WorkflowExecution execution : forStore) {
        hashes.add(store.create(execution).getSnapshotHash());
      }
      storeRates.add(perRound / ((System.nanoTime() - start) / 1e9));
      if (profile != null) {
        profile.stop();
        profile.close();
      }
      start = System.nanoTime();
      for (WorkflowExecution execution : forRaw) {
        insertRaw(execution);
      }
      rawRates.add(perRound / ((System.nanoTime() - start) / 1e9));
      start = System.nanoTime();
      for (WorkflowExecution execution : forSchema) {
        insertIntoStoreTables(execution);
      }
      schemaRates.add(perRound / ((System.nanoTime() - start) / 1e9));
      // The last round's by-handle side is profiled too: where a run by handle spends its time.
      Recording handleProfile = null;
      if (round == rounds - 1) {
        handleProfile = new Recording(Configuration.getConfiguration("profile"));
        handleProfile.setDestination(
            Figures.DIRECTORY.resolve("record-handle-" + database().toLowerCase() + ".jfr"));
        handleProfile.start();
      }
      start = System.nanoTime();
      for (WorkflowExecution execution : forHandle) {
        store.create(execution);
      }
      handleRates.add(perRound / ((System.nanoTime() - start) / 1e9));
      if (handleProfile != null) {
        handleProfile.stop();
        handleProfile.close();
      }
      if (postgres && round % 2 == 1) {
        untriggeredRates.add(untriggered(forUntriggered));
      }
      start = System.nanoTime();
      for (int i = 0; i < perRound; i++) {
        insertChained(forChained.get(i), chainedRefs.get(i));
      }
      chainedRates.add(perRound / ((System.nanoTime() - start) / 1e9));
      // What the loop wrote is what the store writes: its chain verifies as the store's do.
      assertThat(store.verify(forChained.get(0).getId()).valid())
          .as("the plain JDBC side's chain")
          .isTrue();
    }
    Figures figures = new Figures();
    if (postgres) {
      // The untriggered runs are in no kept figure: every figure is filled again from the rows,
      // as the schema's migration fills them, so that the counts later are the rows' again.
      long start = System.nanoTime();
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
          statement.execute("TRUNCATE run_count, run_count_delta, stats_hour, stats_delta");
        }
        KeptFiguresBackfill.fill(connection);
        connection.commit();
        connection.setAutoCommit(true);
      }
      double untriggered = Figures.median(untriggeredRates);
      figures
          .put("record.handle_untriggered_per_s_median", untriggered)
          .put("record.handle_to_untriggered_ratio", Figures.median(handleRates) / untriggered)
          .put("record.kept_figures_refill_s", (System.nanoTime() - start) / 1e9);
      // What each side sends per recorded run, as the PostgreSQL driver reports it.
      int counted = Math.max(1, perRound / 6);
      try (PostgresStatements sent = new PostgresStatements()) {
        for (int i = 0; i < counted; i++, next++) {
          hashes.add(store.create(workload.execution(next)).getSnapshotHash());
        }
        figures
            .put("record.store_statements_per_run", sent.statements() / (double) counted)
            .put("record.store_round_trips_per_run", sent.roundTrips() / (double) counted);
      }
      try (PostgresStatements sent = new PostgresStatements()) {
        for (int i = 0; i < counted; i++, next++) {
          insertRaw(workload.execution(next));
        }
        figures
            .put("record.raw_statements_per_run", sent.statements() / (double) counted)
            .put("record.raw_round_trips_per_run", sent.roundTrips() / (double) counted);
      }
    }
    double storeBytes =
        sumLong(
            "SELECT SUM(size_bytes) FROM workflow_snapshot WHERE hash IN ("
                + placeholders(hashes.size())
                + ")",
            hashes);
    double rawBytes = sumLong("SELECT SUM(LENGTH(snapshot)) FROM bench_raw_execution", Set.of());
    double storeMedian = Figures.median(storeRates);
    double rawMedian = Figures.median(rawRates);
    double schemaMedian = Figures.median(schemaRates);
    double handleMedian = Figures.median(handleRates);
    double chainedMedian = Figures.median(chainedRates);
    return figures
        .put("record.chained_jdbc_by_hash_per_s_median", chainedMedian)
        .put("record.handle_to_chained_jdbc_ratio", handleMedian / chainedMedian)
        .put("record.handle_per_s_median", handleMedian)
        .put("record.handle_to_raw_ratio", handleMedian / rawMedian)
        .put("record.handle_to_store_schema_jdbc_ratio", handleMedian / schemaMedian)
        .put("record.executions_per_round", perRound)
        .put("record.rounds", rounds)
        .put("record.store_per_s_median", storeMedian)
        .put("record.raw_per_s_median", rawMedian)
        .put("record.throughput_ratio", storeMedian / rawMedian)
        .put("record.store_schema_jdbc_per_s_median", schemaMedian)
        .put("record.store_to_store_schema_jdbc_ratio", storeMedian / schemaMedian)
        .put("record.store_snapshot_bytes", storeBytes)
        .put("record.raw_snapshot_bytes", rawBytes)
        .put("record.snapshot_bytes_ratio", rawBytes / storeBytes);
  }

  /**
   * Records {@code runs} by handle with the kept figures' triggers switched off ({@code DISABLE
   * TRIGGER USER}: the foreign keys' triggers stay); their rate.
   */
  private double untriggered(List<WorkflowExecution> runs) throws SQLException {
    List<String> tables = List.of("workflow_execution", "task_execution", "execution_error");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : tables) {
        statement.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
      }
      try {
        long start = System.nanoTime();
        for (WorkflowExecution execution : runs) {
          store.create(execution);
        }
        return runs.size() / ((System.nanoTime() - start) / 1e9);
      } finally {
        for (String table : tables) {
          statement.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
        }
      }
    }
  }

  /**
   * What the store sends for a create by handle, with its chain, from a plain JDBC loop on one
   * transaction: the definition named by the hash registered (nothing canonicalised or hashed), the
   * execution row with its chain's head, its status link, task records, audit entries and log lines
   * — each link hashed as the store hashes it ({@code ChainLink}), with its position and who
   * recorded it — as one batch per table, into the store's tables. Model validation is the one
   * thing of the store's it leaves out.
   */
  private void insertChained(WorkflowExecution execution, SnapshotRef ref) throws SQLException {
    String hash = ref.hash();
    String id = execution.getId();
    String recordedBy = "bench";
    Instant now = Timestamps.now();
    Timestamp at = Timestamp.valueOf(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
    List<ChainLink> links = new ArrayList<>();
    links.add(
        new ChainLink(
            ChainLink.Kind.STATUS,
            1,
            recordedBy,
            ChainLink.status(
                execution.getStatus().wireName(),
                null,
                null,
                hash,
                execution.getWorkflowName(),
                now)));
    for (AuditEntry a : execution.getAuditTrail()) {
      links.add(
          new ChainLink(
              ChainLink.Kind.AUDIT,
              links.size() + 1,
              recordedBy,
              ChainLink.audit(now, a.getActor(), a.getAction(), a.getDetails())));
    }
    for (Map.Entry<String, List<String>> lines : execution.getPerTaskLogs().entrySet()) {
      for (String line : lines.getValue()) {
        links.add(
            new ChainLink(
                ChainLink.Kind.LOG,
                links.size() + 1,
                recordedBy,
                ChainLink.log(lines.getKey(), line, now)));
      }
    }
    List<String> hashes = new ArrayList<>();
    String head = ChainLink.GENESIS;
    for (ChainLink link : links) {
      head = link.hash(id, head);
      hashes.add(head);
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement row =
          connection.prepareStatement(
              "INSERT INTO workflow_execution (id, workflow_name, snapshot_hash, status,"
                  + " created_at, completed_at, success, updated_at, version, chain_head,"
                  + " chain_links)"
                  + " SELECT CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(255)), hash,"
                  + " CAST(? AS VARCHAR(16)), CAST(? AS TIMESTAMP), CAST(NULL AS TIMESTAMP),"
                  + " CAST(NULL AS BOOLEAN), CAST(? AS TIMESTAMP), 1, CAST(? AS VARCHAR(64)),"
                  + " CAST(? AS BIGINT) FROM workflow_snapshot WHERE hash = ?")) {
        row.setString(1, id);
        row.setString(2, execution.getWorkflowName());
        row.setString(3, execution.getStatus().wireName());
        row.setTimestamp(4, at);
        row.setTimestamp(5, at);
        row.setString(6, head);
        row.setLong(7, links.size());
        row.setString(8, hash);
        assertThat(row.executeUpdate()).as("the snapshot is stored").isEqualTo(1);
      }
      try (PreparedStatement status =
          connection.prepareStatement(
              "INSERT INTO execution_status_change (row_id, seq, execution_id, chain_hash,"
                  + " recorded_by, status, success, completed_at, snapshot_hash, workflow_name,"
                  + " changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        status.setString(1, AppendOrder.newId());
        status.setLong(2, 1);
        status.setString(3, id);
        status.setString(4, hashes.get(0));
        status.setString(5, recordedBy);
        status.setString(6, execution.getStatus().wireName());
        status.setNull(7, java.sql.Types.BOOLEAN);
        status.setNull(8, java.sql.Types.TIMESTAMP);
        status.setString(9, hash);
        status.setString(10, execution.getWorkflowName());
        status.setTimestamp(11, at);
        status.executeUpdate();
      }
      insertTasks(connection, execution);
      int position = 1;
      try (PreparedStatement audit =
          connection.prepareStatement(
              "INSERT INTO audit_entry (row_id, seq, execution_id, chain_hash, recorded_by,"
                  + " occurred_at, actor, action, details_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (AuditEntry a : execution.getAuditTrail()) {
          audit.setString(1, AppendOrder.newId());
          audit.setLong(2, position + 1);
          audit.setString(3, id);
          audit.setString(4, hashes.get(position));
          audit.setString(5, recordedBy);
          audit.setTimestamp(6, at);
          audit.setString(7, a.getActor());
          audit.setString(8, a.getAction());
          audit.setString(9, a.getDetails() == null ? null : CanonicalJson.of(a.getDetails()));
          audit.addBatch();
          position++;
        }
        audit.executeBatch();
      }
      try (PreparedStatement log =
          connection.prepareStatement(
              "INSERT INTO task_log_line (row_id, seq, execution_id, chain_hash, recorded_by,"
                  + " task_id, line, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Map.Entry<String, List<String>> lines : execution.getPerTaskLogs().entrySet()) {
          for (String line : lines.getValue()) {
            log.setString(1, AppendOrder.newId());
            log.setLong(2, position + 1);
            log.setString(3, id);
            log.setString(4, hashes.get(position));
            log.setString(5, recordedBy);
            log.setString(6, lines.getKey());
            log.setString(7, line);
            log.setTimestamp(8, at);
            log.addBatch();
            position++;
          }
        }
        log.executeBatch();
      }
      connection.commit();
    }
  }

  /** The task records of {@code execution}, one batch, as the store writes them. */
  private static void insertTasks(Connection connection, WorkflowExecution execution)
      throws SQLException {
    try (PreparedStatement task =
        connection.prepareStatement(
            "INSERT INTO task_execution (row_id, seq, execution_id, task_id, name, status,"
                + " attempt, output_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (TaskExecution t : execution.getTasks()) {
        task.setString(1, UUID.randomUUID().toString());
        task.setLong(2, AppendOrder.next());
        task.setString(3, execution.getId());
        task.setString(4, t.getTaskId());
        task.setString(5, t.getName());
        task.setString(6, t.getStatus().wireName());
        task.setInt(7, t.getAttempt());
        task.setString(8, t.getOutput() == null ? null : CanonicalJson.of(t.getOutput()));
        task.addBatch();
      }
      task.executeBatch();
    }
  }

  /** Execution {@code i} of the workload, naming its definition by the handle registered. */
  private static WorkflowExecution byHandle(Workload workload, int i, List<SnapshotRef> refs) {
    WorkflowExecution execution = workload.execution(i);
    execution.setSnapshot(refs.get(i % Workload.DEFINITIONS));
    return execution;
  }

  private void createRawTables() throws SQLException {
    String text = postgres ? "text" : "clob";
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table :
          List.of("bench_raw_log", "bench_raw_audit", "bench_raw_task", "bench_raw_execution")) {
        try {
          statement.execute("DROP TABLE " + table);
        } catch (SQLException absent) {
          // first run
        }
      }
      statement.execute(
          "CREATE TABLE bench_raw_execution (id varchar(128) PRIMARY KEY, workflow_name varchar(255),"
              + " snapshot "
              + text
              + ", status varchar(16), created_at timestamp, completed_at timestamp,"
              + " success boolean, updated_at timestamp, version bigint)");
      statement.execute(
          "CREATE TABLE bench_raw_task (execution_id varchar(128), task_id varchar(128), name varchar(255),"
              + " status varchar(16), attempt int, output_json "
              + text
              + ")");
      statement.execute(
          "CREATE TABLE bench_raw_audit (execution_id varchar(128), occurred_at timestamp,"
              + " actor varchar(255), action varchar(255), details "
              + text
              + ")");
      statement.execute(
          "CREATE TABLE bench_raw_log (execution_id varchar(128), task_id varchar(128),"
              + " line varchar(32000), logged_at timestamp)");
    }
  }

  /** What a hand-written DAO would do: the whole snapshot in every row, children batched. */
  private void insertRaw(WorkflowExecution execution) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
      try (PreparedStatement row =
          connection.prepareStatement(
              "INSERT INTO bench_raw_execution VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, 1)")) {
        row.setString(1, execution.getId());
        row.setString(2, execution.getWorkflowName());
        row.setString(3, CanonicalJson.of(execution.getWorkflowSnapshot()));
        row.setString(4, execution.getStatus().wireName());
        row.setTimestamp(5, now);
        row.setTimestamp(6, now);
        row.executeUpdate();
      }
      try (PreparedStatement task =
          connection.prepareStatement("INSERT INTO bench_raw_task VALUES (?, ?, ?, ?, ?, ?)")) {
        for (TaskExecution t : execution.getTasks()) {
          task.setString(1, execution.getId());
          task.setString(2, t.getTaskId());
          task.setString(3, t.getName());
          task.setString(4, t.getStatus().wireName());
          task.setInt(5, t.getAttempt());
          task.setString(6, t.getOutput() == null ? null : t.getOutput().toString());
          task.addBatch();
        }
        task.executeBatch();
      }
      try (PreparedStatement audit =
          connection.prepareStatement("INSERT INTO bench_raw_audit VALUES (?, ?, ?, ?, ?)")) {
        for (AuditEntry a : execution.getAuditTrail()) {
          audit.setString(1, execution.getId());
          audit.setTimestamp(2, now);
          audit.setString(3, a.getActor());
          audit.setString(4, a.getAction());
          audit.setString(5, a.getDetails() == null ? null : a.getDetails().toString());
          audit.addBatch();
        }
        audit.executeBatch();
      }
      try (PreparedStatement log =
          connection.prepareStatement("INSERT INTO bench_raw_log VALUES (?, ?, ?, ?)")) {
        for (Map.Entry<String, List<String>> lines : execution.getPerTaskLogs().entrySet()) {
          for (String line : lines.getValue()) {
            log.setString(1, execution.getId());
            log.setString(2, lines.getKey());
            log.setString(3, line);
            log.setTimestamp(4, now);
            log.addBatch();
          }
        }
        log.executeBatch();
      }
      connection.commit();
    }
  }

  /**
   * What the store sends for a create, from a plain JDBC loop on one transaction: the snapshot's
   * canonical form and hash, the execution row (inserted if its snapshot is stored), its labels,
   * task records, audit entries and log lines as one batch per table, into the store's tables.
   */
  private void insertIntoStoreTables(WorkflowExecution execution) throws SQLException {
    String hash = SnapshotContent.of(execution.getWorkflowSnapshot()).hash();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
      try (PreparedStatement row =
          connection.prepareStatement(
              "INSERT INTO workflow_execution (id, workflow_name, snapshot_hash, status,"
                  + " created_at, completed_at, success, updated_at, version)"
                  + " SELECT CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(255)), hash,"
                  + " CAST(? AS VARCHAR(16)), CAST(? AS TIMESTAMP), CAST(NULL AS TIMESTAMP),"
                  + " CAST(NULL AS BOOLEAN),"
                  + " CAST(? AS TIMESTAMP), 1 FROM workflow_snapshot WHERE hash = ?")) {
        row.setString(1, execution.getId());
        row.setString(2, execution.getWorkflowName());
        row.setString(3, execution.getStatus().wireName());
        row.setTimestamp(4, now);
        row.setTimestamp(5, now);
        row.setString(6, hash);
        assertThat(row.executeUpdate()).as("the snapshot is stored").isEqualTo(1);
      }
      insertTasks(connection, execution);
      try (PreparedStatement audit =
          connection.prepareStatement(
              "INSERT INTO audit_entry (row_id, seq, execution_id, occurred_at, actor, action,"
                  + " details_json) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (AuditEntry a : execution.getAuditTrail()) {
          audit.setString(1, UUID.randomUUID().toString());
          audit.setLong(2, AppendOrder.next());
          audit.setString(3, execution.getId());
          audit.setTimestamp(4, now);
          audit.setString(5, a.getActor());
          audit.setString(6, a.getAction());
          audit.setString(7, a.getDetails() == null ? null : CanonicalJson.of(a.getDetails()));
          audit.addBatch();
        }
        audit.executeBatch();
      }
      try (PreparedStatement log =
          connection.prepareStatement(
              "INSERT INTO task_log_line (row_id, seq, execution_id, task_id, line, logged_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?)")) {
        for (Map.Entry<String, List<String>> lines : execution.getPerTaskLogs().entrySet()) {
          for (String line : lines.getValue()) {
            log.setString(1, UUID.randomUUID().toString());
            log.setLong(2, AppendOrder.next());
            log.setString(3, execution.getId());
            log.setString(4, lines.getKey());
            log.setString(5, line);
            log.setTimestamp(6, now);
            log.addBatch();
          }
        }
        log.executeBatch();
      }
      connection.commit();
    }
  }

  // ------------------------------------------------------------------------------------ append

  /**
   * Latency of one audit entry plus one log line, on executions holding 10 and 10,000 of each (so
   * chains of about 20 and 20,000 links).
   */
  Figures append(int samples) throws Exception {
    Workload workload = new Workload();
    String small =
        store
            .create(new WorkflowExecution(workload.workflowName(0), workload.definition(0)))
            .getId();
    String large =
        store
            .create(new WorkflowExecution(workload.workflowName(1), workload.definition(1)))
            .getId();
    fillChildren(small, 10);
    fillChildren(large, 10_000);
    for (int i = 0; i < samples / 5; i++) {
      appendOnce(small, i);
      appendOnce(large, i);
    }
    List<Double> smallLatency = new ArrayList<>();
    List<Double> largeLatency = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      smallLatency.add(appendOnce(small, i));
      largeLatency.add(appendOnce(large, i));
    }
    assertThat(store.get(large).getAuditTrail()).hasSizeGreaterThan(10_000);
    assertThat(store.verify(large))
        .as("the large execution's chain")
        .returns(true, v -> v.valid())
        .matches(v -> v.links() > 20_000, "more than 20,000 links");
    return new Figures()
        .put("append.samples", samples)
        .put("append.small_p50_ms", Figures.median(smallLatency))
        .put("append.large_p50_ms", Figures.median(largeLatency))
        .put("append.small_p99_ms", Figures.percentile(smallLatency, 99))
        .put("append.large_p99_ms", Figures.percentile(largeLatency, 99))
        .put("append.p50_ratio", Figures.median(largeLatency) / Figures.median(smallLatency));
  }

  private double appendOnce(String id, int i) {
    long start = System.nanoTime();
    store.appendAudit(id, new AuditEntry("bench", "append-" + i, null));
    store.appendLogs(id, "task-0", List.of("appended line " + i));
    return Figures.millis(System.nanoTime() - start);
  }

  /**
   * {@code count} audit entries and log lines recorded through the store — each a link of the
   * execution's chain, as an engine's would be — in one replacement (the audit trail) and appends
   * of 1,000 lines.
   */
  private void fillChildren(String executionId, int count) {
    WorkflowExecution execution = store.get(executionId);
    List<AuditEntry> audit = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      audit.add(new AuditEntry("bench", "filled", null));
    }
    execution.setAuditTrail(audit);
    store.update(execution);
    for (int from = 0; from < count; from += 1000) {
      List<String> lines = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 1000); i++) {
        lines.add("filled line");
      }
      store.appendLogs(executionId, "task-0", lines);
    }
  }

  /**
   * {@code threads} writers appending at once, {@code appendsPerThread} audit entries and log lines
   * each, to one execution or each to its own: how many appends per second, and that none is lost.
   *
   * @param oneExecution all writers on one execution ({@code concurrent.one.*}), or each on its own
   *     ({@code concurrent.own.*})
   */
  Figures concurrentAppends(int threads, int appendsPerThread, boolean oneExecution)
      throws Exception {
    Workload workload = new Workload();
    List<String> ids = new ArrayList<>();
    for (int t = 0; t < (oneExecution ? 1 : threads); t++) {
      ids.add(
          store
              .create(new WorkflowExecution(workload.workflowName(2), workload.definition(2)))
              .getId());
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      writers.add(
          pool.submit(
              () -> {
                String id = ids.get(thread % ids.size());
                start.await();
                for (int i = 0; i < appendsPerThread; i++) {
                  store.appendAudit(id, new AuditEntry("writer-" + thread, "append-" + i, null));
                  store.appendLogs(id, "task-" + thread, List.of("line " + i));
                }
                return null;
              }));
    }
    long began = System.nanoTime();
    start.countDown();
    for (Future<?> writer : writers) {
      writer.get(10, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    pool.shutdown();
    int appends = threads * appendsPerThread;
    int audit = 0;
    int lines = 0;
    for (String id : ids) {
      WorkflowExecution written = store.get(id);
      audit += written.getAuditTrail().size();
      lines += written.getPerTaskLogs().values().stream().mapToInt(List::size).sum();
      assertThat(store.verify(id).valid()).as("the chain of %s", id).isTrue();
    }
    assertThat(audit).as("no audit entry lost").isEqualTo(appends);
    assertThat(lines).as("no log line lost").isEqualTo(appends);
    String prefix = oneExecution ? "concurrent.one" : "concurrent.own";
    return new Figures()
        .put(prefix + ".writers", threads)
        .put(prefix + ".appends", 2L * appends)
        .put(prefix + ".appends_per_s", 2 * appends / seconds);
  }

  // ------------------------------------------------------------------------------------ list

  /**
   * List latency (first page, and the 100th page by cursor; by workflow name and by status) with
   * {@code rows} executions stored in all, loading rows with batched SQL up to that number.
   */
  Figures list(String label, int rows, int samples, int pageSize) throws Exception {
    topUp(rows, SnapshotContent.of(new Workload().definition(0)));
    String name = "list-wf-3";
    Figures figures =
        new Figures()
            .put("list." + label + ".rows", count("SELECT COUNT(*) FROM workflow_execution"));
    measure(
        figures,
        "list." + label + ".by_name",
        ExecutionQuery.all().withWorkflowName(name).withLimit(pageSize),
        samples);
    measure(
        figures,
        "list." + label + ".by_status",
        ExecutionQuery.all().withStatuses(WorkflowStatus.FAILED).withLimit(pageSize),
        samples);
    // A label value carried by 1 % of the runs: pages of 1, so that a deep page exists at 10,000
    // rows too (the deepest there is, up to the 100th, recorded as .deep_page).
    measure(
        figures,
        "list." + label + ".by_label",
        ExecutionQuery.all().withLabels(LabelSelector.equal("shard", "s7")).withLimit(1),
        samples);
    // A word in the errors of 0.1 % of the runs: the first page at the API's default size, and
    // at the size of the other list figures.
    // On Derby the search scans every error (there is no trigram index): a few samples tell its
    // cost at the large size, where each takes seconds.
    int searchSamples = postgres ? samples : Math.min(samples, 10);
    for (int size : new int[] {ExecutionQuery.DEFAULT_LIMIT, pageSize}) {
      List<Double> search = new ArrayList<>();
      ExecutionQuery rare = ExecutionQuery.all().withErrorContaining(RARE_WORD).withLimit(size);
      for (int i = 0; i < searchSamples / 5; i++) {
        store.list(rare);
      }
      for (int i = 0; i < searchSamples; i++) {
        long start = System.nanoTime();
        ExecutionPage page = store.list(rare);
        search.add(Figures.millis(System.nanoTime() - start));
        assertThat(page.getItems()).isNotEmpty();
      }
      String prefix =
          "list." + label + ".error_contains" + (size == pageSize ? ".page" + size : "");
      figures
          .put(prefix + ".first_p50_ms", Figures.median(search))
          .put(prefix + ".first_p99_ms", Figures.percentile(search, 99));
    }
    figures
        .put("list." + label + ".labels", count("SELECT COUNT(*) FROM execution_label"))
        .put("list." + label + ".errors", count("SELECT COUNT(*) FROM execution_error"));
    return figures;
  }

  /**
   * Counts and a workflow's trends over the table {@link #list} filled: a count of every run
   * grouped by status, the same for one workflow over a 30-day window, and that workflow's daily
   * statistics over 90 days. Each answer is checked against plain SQL first, then timed.
   */
  /** What the insight part calls: the facade, the statistics from the rows, the kept figures. */
  record Insight(
      WorkflowInsight insight,
      WorkflowStatistics statistics,
      RunCounts counts,
      KeptStatistics kept) {}

  /**
   * Counts and statistics over the list part's tables. On PostgreSQL the deltas the load left are
   * first folded (timed); every answer is checked (the counts against plain SQL, the kept
   * statistics against the same computed from the rows) before it is timed; the statistics from the
   * rows are timed as well, for the ratio.
   */
  Figures insight(Insight beans, String label, int samples) throws Exception {
    WorkflowInsight insight = beans.insight();
    Figures figures = new Figures();
    if (beans.counts().kept()) {
      long start = System.nanoTime();
      long folded = beans.counts().fold();
      long deltas = beans.kept().fold();
      beans.kept().vacuumDeltas();
      figures
          .put("insight." + label + ".fold_s", (System.nanoTime() - start) / 1e9)
          .put("insight." + label + ".folded_statistics_deltas", deltas)
          .put("insight." + label + ".folded_count_groups", folded);
    }
    String name = "list-wf-3";
    Instant windowEnd = LOADED_FROM.plus(Duration.ofDays(30));
    ExecutionCounts all = insight.count(ExecutionQuery.all(), CountGrouping.STATUS);
    assertThat(all.getTotal()).isEqualTo(count("SELECT COUNT(*) FROM workflow_execution"));
    assertThat(all.countOf("Failed"))
        .isEqualTo(count("SELECT COUNT(*) FROM workflow_execution WHERE status = 'Failed'"));
    ExecutionQuery window =
        ExecutionQuery.all().withWorkflowName(name).withCreated(LOADED_FROM, windowEnd);
    long inWindow = insight.count(window, CountGrouping.STATUS).getTotal();
    assertThat(inWindow)
        .isEqualTo(
            count(
                "SELECT COUNT(*) FROM workflow_execution WHERE workflow_name = '"
                    + name
                    + "' AND created_at >= {ts '2020-01-01 00:00:00'}"
                    + " AND created_at < {ts '2020-01-31 00:00:00'}"));
    Instant statsEnd = LOADED_FROM.plus(Duration.ofDays(90));
    WorkflowStats stats = insight.stats(name, LOADED_FROM, statsEnd, StatsBucket.DAY);
    WorkflowStats rows = beans.statistics().fromRows(name, LOADED_FROM, statsEnd, StatsBucket.DAY);
    assertThat(stats.buckets()).hasSize(90);
    double worst = 0;
    for (int i = 0; i < 90; i++) {
      WorkflowStats.Bucket got = stats.buckets().get(i);
      WorkflowStats.Bucket want = rows.buckets().get(i);
      assertThat(got.runs()).isEqualTo(want.runs());
      assertThat(got.statuses()).isEqualTo(want.statuses());
      assertThat(got.successRate()).isEqualTo(want.successRate());
      assertThat(got.topErrors()).isEqualTo(want.topErrors());
      assertThat(got.duration().count()).isEqualTo(want.duration().count());
      worst = Math.max(worst, relative(got.duration().p50Ms(), want.duration().p50Ms()));
      worst = Math.max(worst, relative(got.duration().p95Ms(), want.duration().p95Ms()));
    }
    assertThat(stats.topErrors()).isEqualTo(rows.topErrors());
    assertThat(worst).isLessThanOrEqualTo(DurationSketch.RELATIVE_ERROR_PERCENT / 100.0);
    int few = Math.max(5, samples / 10);
    figures
        .put(
            "insight." + label + ".workflow_runs_90d",
            stats.buckets().stream().mapToLong(WorkflowStats.Bucket::runs).sum())
        .put("insight." + label + ".stats_worst_relative_error", worst);
    time(
        figures,
        "insight." + label + ".count_by_status_all",
        few,
        () -> insight.count(ExecutionQuery.all(), CountGrouping.STATUS));
    time(
        figures,
        "insight." + label + ".count_by_status_workflow_30d",
        few,
        () -> insight.count(window, CountGrouping.STATUS));
    time(
        figures,
        "insight." + label + ".stats_workflow_90d_daily",
        few,
        () -> insight.stats(name, LOADED_FROM, statsEnd, StatsBucket.DAY));
    time(
        figures,
        "insight." + label + ".stats_workflow_90d_daily_from_rows",
        5,
        () -> beans.statistics().fromRows(name, LOADED_FROM, statsEnd, StatsBucket.DAY));
    return figures;
  }

  private static double relative(Long got, Long want) {
    if (want == null || want == 0) {
      assertThat(got).isEqualTo(want);
      return 0;
    }
    return Math.abs(got - want) / (double) want;
  }

  private static void time(Figures figures, String prefix, int samples, Runnable call) {
    call.run();
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      call.run();
      times.add(Figures.millis(System.nanoTime() - start));
    }
    figures
        .put(prefix + ".p50_ms", Figures.median(times))
        .put(prefix + ".p95_ms", Figures.percentile(times, 95))
        .put(prefix + ".samples", samples);
  }

  /** In the error message of one run in a thousand. */
  static final String RARE_WORD = "Quasar-Overflow";

  private void measure(Figures figures, String prefix, ExecutionQuery query, int samples) {
    for (int i = 0; i < samples / 5; i++) {
      store.list(query);
    }
    List<Double> first = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      ExecutionPage page = store.list(query);
      first.add(Figures.millis(System.nanoTime() - start));
      assertThat(page.getItems()).isNotEmpty();
    }
    ExecutionPage page = store.list(query);
    String cursor = null;
    int deepPage = 1;
    while (deepPage < 100 && page.getNextCursor() != null) {
      cursor = page.getNextCursor();
      page = store.list(query.withCursor(cursor));
      deepPage++;
    }
    assertThat(cursor).as("a page beyond the first exists").isNotNull();
    figures.put(prefix + ".deep_page", deepPage);
    List<Double> deep = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      store.list(query.withCursor(cursor));
      deep.add(Figures.millis(System.nanoTime() - start));
    }
    figures
        .put(prefix + ".first_p50_ms", Figures.median(first))
        .put(prefix + ".first_p99_ms", Figures.percentile(first, 99))
        .put(prefix + ".page100_p50_ms", Figures.median(deep))
        .put(prefix + ".page100_p99_ms", Figures.percentile(deep, 99));
  }

  /**
   * Inserts executions (4 workflows, a quarter Failed, so that each filter matches a quarter of the
   * table and a 100th page exists even at 10,000 rows) until the table holds {@code rows}. Each has
   * 3 labels whose values each match 1 % of the runs, and one run in ten has an error, whose
   * message holds {@link #RARE_WORD} in one run of a thousand.
   */
  /** Creation time of the first loaded execution; execution {@code i} is {@code i} s later. */
  private static final Instant LOADED_FROM = Instant.parse("2020-01-01T00:00:00Z");

  /**
   * Executions removed per second by a purge of the {@code count} oldest loaded executions (each
   * with its labels, and an error for one in ten), through {@link Retention#purge} with the default
   * batch size, as {@code POST /api/purge} runs it.
   */
  Figures purge(Retention retention, String label, int count) throws Exception {
    long before = count("SELECT COUNT(*) FROM workflow_execution");
    RetentionPolicy policy =
        new RetentionPolicy(
                LOADED_FROM.plusSeconds(count),
                null,
                null,
                0,
                false,
                RetentionPolicy.DEFAULT_BATCH_SIZE)
            // Deleting, what this part measures: the archive has a part of its own (ArchiveBench).
            .withArchive(false);
    long start = System.nanoTime();
    PurgeResult result = retention.purge(policy);
    double seconds = (System.nanoTime() - start) / 1e9;
    long after = count("SELECT COUNT(*) FROM workflow_execution");
    assertThat(before - after).as("executions gone").isEqualTo(result.getExecutions());
    assertThat(result.getExecutions()).as("executions purged").isGreaterThan(count * 9L / 10);
    return new Figures()
        .put("purge." + label + ".rows_before", before)
        .put("purge." + label + ".executions", result.getExecutions())
        .put("purge." + label + ".seconds", seconds)
        .put("purge." + label + ".per_s", result.getExecutions() / seconds);
  }

  /**
   * Inserts the loaded executions {@code from} (inclusive) to {@code to} (exclusive), as {@link
   * #list} describes them, committing every 5,000: what {@code topUp} does inside the server, and
   * what {@code ExecutionStoreBench.loadLarge} does from the test's side on PostgreSQL, where ten
   * million rows take longer than one in-container request may last. {@code snapshotHash} must be
   * stored.
   */
  static void load(Connection connection, long from, long to, String snapshotHash)
      throws SQLException {
    connection.setAutoCommit(false);
    try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO workflow_execution (id, workflow_name, snapshot_hash, status,"
                    + " created_at, completed_at, success, updated_at, version)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)");
        PreparedStatement label =
            connection.prepareStatement(
                "INSERT INTO execution_label (execution_id, label_key, label_value, created_at)"
                    + " VALUES (?, ?, ?, ?)");
        PreparedStatement error =
            connection.prepareStatement(
                "INSERT INTO execution_error (row_id, seq, execution_id, message, task_id,"
                    + " occurred_at, message_key) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (long i = from; i < to; i++) {
        Timestamp created =
            Timestamp.valueOf(
                LocalDateTime.ofInstant(
                    LOADED_FROM.plusMillis(i * 1000 + (i % 7)), ZoneOffset.UTC));
        boolean failed = i % 4 == 1;
        String id = "list-" + i + "-" + UUID.randomUUID();
        insert.setString(1, id);
        insert.setString(2, "list-wf-" + (i % 4));
        insert.setString(3, snapshotHash);
        insert.setString(4, failed ? "Failed" : "Complete");
        insert.setTimestamp(5, created);
        // Runs take from 0 to 10 minutes, spread evenly.
        insert.setTimestamp(
            6,
            Timestamp.valueOf(
                LocalDateTime.ofInstant(
                    LOADED_FROM.plusMillis(i * 1000 + (i % 7) + (i * 7919) % 600_000),
                    ZoneOffset.UTC)));
        insert.setBoolean(7, !failed);
        insert.setTimestamp(8, created);
        insert.addBatch();
        String[][] labels = {
          {"shard", "s" + (i % 100)},
          {"tenant", "t" + ((i * 7 + 3) % 100)},
          {"region", "r" + ((i / 100) % 100)}
        };
        for (String[] pair : labels) {
          label.setString(1, id);
          label.setString(2, pair[0]);
          label.setString(3, pair[1]);
          label.setTimestamp(4, created);
          label.addBatch();
        }
        if (i % 10 == 3) {
          error.setString(1, UUID.randomUUID().toString());
          error.setLong(2, i);
          error.setString(3, id);
          String message =
              "Task t"
                  + (i % 5)
                  + " failed: connection reset by peer after "
                  + (i % 97)
                  + " retries"
                  + (i % 1000 == 3 ? " (" + RARE_WORD + " in shard " + (i % 100) + ")" : "");
          error.setString(4, message);
          error.setString(5, "t" + (i % 5));
          error.setTimestamp(6, created);
          error.setString(7, ErrorMessages.normalise(message));
          error.addBatch();
        }
        if (i % 5000 == 4999) {
          insert.executeBatch();
          label.executeBatch();
          error.executeBatch();
          connection.commit();
        }
      }
      insert.executeBatch();
      label.executeBatch();
      error.executeBatch();
      connection.commit();
    }
  }

  private void topUp(int rows, SnapshotContent snapshot) throws SQLException {
    store.create(new WorkflowExecution("list-seed", snapshot.json()));
    long existing = count("SELECT COUNT(*) FROM workflow_execution");
    try (Connection connection = dataSource.getConnection()) {
      load(connection, existing, rows, snapshot.hash());
    }
    if (postgres) {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        // What autovacuum does to a live table: statistics, and the visibility map that lets
        // index-only scans skip the heap.
        statement.execute("VACUUM ANALYZE workflow_execution");
        statement.execute("VACUUM ANALYZE execution_label");
        statement.execute("VACUUM ANALYZE execution_error");
      }
    }
  }

  /**
   * The plans the database uses for the list queries: by name, status and label, and the search.
   */
  String plans() throws SQLException {
    String columns =
        "id, workflow_name, status, created_at, completed_at, success, updated_at, version, snapshot_hash";
    String byName =
        "SELECT "
            + columns
            + " FROM workflow_execution WHERE workflow_name = 'list-wf-3'"
            + " AND created_at <= TIMESTAMP('2020-01-05 00:00:00')"
            + " AND (created_at < TIMESTAMP('2020-01-05 00:00:00') OR id < 'z')"
            + " ORDER BY created_at DESC, id DESC";
    String byStatus =
        "SELECT "
            + columns
            + " FROM workflow_execution WHERE status IN ('Failed')"
            + " ORDER BY created_at DESC, id DESC";
    String byLabel =
        "SELECT e.id, e.workflow_name, e.status, e.created_at, e.completed_at, e.success,"
            + " e.updated_at, e.version, e.snapshot_hash FROM execution_label d, workflow_execution e"
            + " WHERE d.execution_id = e.id AND d.label_key = 'shard' AND d.label_value = 's7'"
            + " AND d.created_at <= TIMESTAMP('2020-01-05 00:00:00')"
            + " AND (d.created_at < TIMESTAMP('2020-01-05 00:00:00') OR d.execution_id < 'z')"
            + " ORDER BY d.created_at DESC, d.execution_id DESC";
    String byError =
        "SELECT e.id, e.workflow_name, e.status, e.created_at, e.completed_at, e.success,"
            + " e.updated_at, e.version, e.snapshot_hash FROM workflow_execution e WHERE EXISTS"
            + " (SELECT x.execution_id FROM execution_error x WHERE x.execution_id = e.id"
            + " AND LOWER(x.message) LIKE LOWER('%"
            + RARE_WORD
            + "%') ESCAPE '!') ORDER BY e.created_at DESC, e.id DESC";
    StringBuilder out = new StringBuilder();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : List.of(byName, byStatus, byLabel, byError)) {
        out.append("-- ").append(sql).append('\n');
        if (postgres) {
          String pg =
              sql.replace("TIMESTAMP('2020-01-05 00:00:00')", "TIMESTAMP '2020-01-05 00:00:00'")
                  + " LIMIT 51";
          try (ResultSet plan = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + pg)) {
            while (plan.next()) {
              out.append(plan.getString(1)).append('\n');
            }
          }
        } else {
          statement.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
          try (ResultSet rows = statement.executeQuery(sql + " FETCH FIRST 51 ROWS ONLY")) {
            while (rows.next()) {
              // drain
            }
          }
          try (ResultSet plan =
              statement.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
            if (plan.next()) {
              out.append(plan.getString(1)).append('\n');
            }
          }
          statement.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(0)");
        }
      }
    }
    return out.toString();
  }

  // ------------------------------------------------------------------------------------ helpers

  private long count(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private double sumLong(String sql, Set<String> parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      int i = 1;
      for (String parameter : parameters) {
        statement.setString(i++, parameter);
      }
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
