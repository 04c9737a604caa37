package org.workflowengine.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workflowengine.persistence.testing.Executions.json;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.snapshot.SnapshotContent;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.retention.PurgeResult;
import org.workflowengine.persistence.store.retention.Retention;
import org.workflowengine.persistence.store.retention.RetentionPolicy;
import org.workflowengine.persistence.testing.Deployments;
import org.workflowengine.persistence.testing.Rows;

/** Retention: previewable, batched, never touching running work or the newest runs. */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {

  private static final Instant OLD = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant CUTOFF = Instant.parse("2024-06-01T00:00:00Z");

  @Deployment
  static WebArchive deployment() {
    return Deployments.application();
  }

  @Inject ExecutionStore store;

  @Inject Retention retention;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  /** A policy that deletes: what a purge does with no archive, or with {@code archive=false}. */
  private RetentionPolicy policy(String workflow, int keepLast, boolean dryRun, int batchSize) {
    return new RetentionPolicy(CUTOFF, null, workflow, keepLast, dryRun, batchSize)
        .withArchive(false);
  }

  @Test
  void aDryRunCountsAndDeletesNothing() throws Exception {
    String name = unique("dry");
    insertExecutions(name, 30, WorkflowStatus.COMPLETE);

    PurgeResult result = retention.purge(policy(name, 0, true, 500));

    assertThat(result.isDryRun()).isTrue();
    assertThat(result.getExecutions()).isEqualTo(30);
    assertThat(result.getBatches()).isZero();
    assertThat(Rows.count(dataSource, "workflow_execution", "workflow_name", name)).isEqualTo(30);
  }

  @Test
  void aPurgeOfTenThousandRunsInBatchesAndKeepsRunningWorkAndTheNewest() throws Exception {
    String name = unique("bulk");
    insertExecutions(name, 10_000, WorkflowStatus.COMPLETE);
    insertExecutions(name, 40, WorkflowStatus.RUNNING);
    insertExecutions(name, 10, WorkflowStatus.PAUSED);

    PurgeResult result = retention.purge(policy(name, 25, false, 500));

    // Row i was created at OLD + i seconds: the 25 newest are Complete rows 9975 to 9999.
    assertThat(result.isDryRun()).isFalse();
    assertThat(result.getExecutions()).isEqualTo(9_975);
    assertThat(result.getBatches()).as("9975 in batches of 500").isEqualTo(20);
    long left = Rows.count(dataSource, "workflow_execution", "workflow_name", name);
    assertThat(left).isEqualTo(75);
    assertThat(countByStatus(name, "Running")).isEqualTo(40);
    assertThat(countByStatus(name, "Paused")).isEqualTo(10);
    assertThat(store.list(ExecutionQuery.all().withWorkflowName(name).withLimit(25)).getItems())
        .as("the 25 newest of the workflow are kept")
        .allSatisfy(summary -> assertThat(store.find(summary.getId())).isPresent());
    assertThat(countByStatus(name, "Complete")).isEqualTo(25);
    assertThat(retention.purge(policy(name, 25, true, 500)).getExecutions())
        .as("nothing left to purge")
        .isZero();
  }

  @Test
  void referencedSnapshotsSurviveAndUnreferencedOnesGo() throws Exception {
    String name = unique("gc");
    WorkflowExecution keep = new WorkflowExecution(name, json("{\"keep\": \"" + name + "\"}"));
    keep.setStatus(WorkflowStatus.RUNNING);
    store.create(keep);
    WorkflowExecution drop = new WorkflowExecution(name, json("{\"drop\": \"" + name + "\"}"));
    drop.setStatus(WorkflowStatus.COMPLETE);
    drop.setCreatedAt(OLD);
    drop.setCompletedAt(OLD);
    String dropped = store.create(drop).getSnapshotHash();
    String kept = store.get(keep.getId()).getSnapshotHash();

    PurgeResult result = retention.purge(policy(name, 0, false, 100));

    assertThat(result.getExecutions()).isEqualTo(1);
    assertThat(result.getSnapshots()).isGreaterThanOrEqualTo(1);
    assertThat(Rows.count(dataSource, "workflow_snapshot", "hash", dropped)).isZero();
    assertThat(Rows.count(dataSource, "workflow_snapshot", "hash", kept)).isEqualTo(1);
    assertThat(store.get(keep.getId()).getWorkflowSnapshot())
        .isEqualTo(json("{\"keep\": \"" + name + "\"}"));
  }

  @Test
  void aDryRunReportsTheExecutionsAndSnapshotsTheSamePurgeThenRemoves() throws Exception {
    String name = unique("preview");
    String other = unique("preview-other");
    String onlyPurged = run(name, name + "/only-purged", WorkflowStatus.COMPLETE, 0);
    run(name, name + "/only-purged", WorkflowStatus.FAILED, 1);
    String alsoRunning = run(name, name + "/also-running", WorkflowStatus.COMPLETE, 2);
    run(name, name + "/also-running", WorkflowStatus.RUNNING, 3);
    String sharedWithOther = run(name, name + "/shared", WorkflowStatus.CANCELLED, 4);
    run(other, name + "/shared", WorkflowStatus.COMPLETE, 5);
    String newest = run(name, name + "/newest", WorkflowStatus.COMPLETE, 6);
    // Snapshots other tests left unreferenced would count in both runs; collect them first so
    // that the figures below are this test's alone.
    retention.purge(policy(unique("nothing"), 0, false, 500));
    RetentionPolicy keepOne = policy(name, 1, true, 2);

    PurgeResult preview = retention.purge(keepOne);
    PurgeResult purge =
        retention.purge(
            new RetentionPolicy(CUTOFF, null, name, 1, false, keepOne.batchSize())
                .withArchive(false));

    assertThat(preview.getExecutions()).as("the four finished runs but the newest").isEqualTo(4);
    assertThat(preview.getSnapshots()).as("only the first definition loses every run").isEqualTo(1);
    assertThat(purge.getExecutions()).isEqualTo(preview.getExecutions());
    assertThat(purge.getSnapshots()).isEqualTo(preview.getSnapshots());
    assertThat(Rows.count(dataSource, "workflow_snapshot", "hash", onlyPurged)).isZero();
    for (String kept : new String[] {alsoRunning, sharedWithOther, newest}) {
      assertThat(Rows.count(dataSource, "workflow_snapshot", "hash", kept)).isEqualTo(1);
    }
    assertThat(Rows.count(dataSource, "workflow_execution", "workflow_name", name)).isEqualTo(2);
  }

  /**
   * Stores a run of {@code workflow} under the definition named {@code definition} (the same name,
   * the same snapshot, whatever the workflow), created {@code second} seconds after {@link #OLD}
   * (and completed a second later if terminal); its hash.
   */
  private String run(String workflow, String definition, WorkflowStatus status, int second) {
    WorkflowExecution execution =
        new WorkflowExecution(workflow, json("{\"definition\": \"" + definition + "\"}"));
    execution.setStatus(status);
    execution.setCreatedAt(OLD.plusSeconds(second));
    if (status.isTerminal()) {
      execution.setCompletedAt(OLD.plusSeconds(second + 1));
    }
    return store.create(execution).getSnapshotHash();
  }

  @Test
  void onlyTerminalStatusesCanBePurged() {
    assertThatThrownBy(
            () -> new RetentionPolicy(null, EnumSet.of(WorkflowStatus.RUNNING), null, 0, true, 500))
        .isInstanceOfSatisfying(
            InvalidQueryException.class, e -> assertThat(e.getParameter()).isEqualTo("status"));
  }

  private long countByStatus(String workflow, String status) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM workflow_execution WHERE workflow_name = ? AND status = ?")) {
      query.setString(1, workflow);
      query.setString(2, status);
      try (var result = query.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /**
   * Inserts {@code count} executions of one snapshot with batched SQL (the store would take minutes
   * for ten thousand); they were created and, if terminal, completed before the cutoff.
   */
  private void insertExecutions(String workflow, int count, WorkflowStatus status)
      throws Exception {
    SnapshotContent snapshot = SnapshotContent.of(json("{\"bulk\": \"" + workflow + "\"}"));
    try (Connection connection = dataSource.getConnection()) {
      if (Rows.count(dataSource, "workflow_snapshot", "hash", snapshot.hash()) == 0) {
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO workflow_snapshot (hash, content, size_bytes, created_at)"
                    + " VALUES (?, ?, ?, ?)")) {
          insert.setString(1, snapshot.hash());
          insert.setString(2, snapshot.canonicalText());
          insert.setLong(3, snapshot.sizeBytes());
          insert.setTimestamp(4, utc(OLD));
          insert.executeUpdate();
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO workflow_execution (id, workflow_name, snapshot_hash, status,"
                  + " created_at, completed_at, success, updated_at, version)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
        for (int i = 0; i < count; i++) {
          Instant created = OLD.plusSeconds(i);
          insert.setString(1, unique(workflow));
          insert.setString(2, workflow);
          insert.setString(3, snapshot.hash());
          insert.setString(4, status.wireName());
          insert.setTimestamp(5, utc(created));
          if (status.isTerminal()) {
            insert.setTimestamp(6, utc(created.plusSeconds(1)));
            insert.setBoolean(7, status == WorkflowStatus.COMPLETE);
          } else {
            insert.setNull(6, java.sql.Types.TIMESTAMP);
            insert.setNull(7, java.sql.Types.BOOLEAN);
          }
          insert.setTimestamp(8, utc(created));
          insert.addBatch();
          if (i % 1000 == 999) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
    }
  }

  private static Timestamp utc(Instant instant) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }
}
