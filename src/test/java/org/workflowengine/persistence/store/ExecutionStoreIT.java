package org.workflowengine.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workflowengine.persistence.testing.Executions.json;
import static org.workflowengine.persistence.testing.Executions.newExecution;
import static org.workflowengine.persistence.testing.Executions.unique;
import static org.workflowengine.persistence.testing.Executions.uniqueSnapshot;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.error.DuplicateExecutionException;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.error.IllegalTransitionException;
import org.workflowengine.persistence.store.error.InvalidExecutionException;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.store.error.LabelNotFoundException;
import org.workflowengine.persistence.store.error.SnapshotTooLargeException;
import org.workflowengine.persistence.store.error.StaleExecutionException;
import org.workflowengine.persistence.store.query.ExecutionPage;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.query.ExecutionSummary;
import org.workflowengine.persistence.store.query.LabelSelector;
import org.workflowengine.persistence.store.write.Saved;
import org.workflowengine.persistence.testing.Deployments;
import org.workflowengine.persistence.testing.Rows;

/** The store's operations, in the container, on the real database (the seed's store tests). */
@ExtendWith(ArquillianExtension.class)
class ExecutionStoreIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application();
  }

  @Inject ExecutionStore store;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  @Resource(lookup = "java:comp/UserTransaction")
  UserTransaction transaction;

  // ------------------------------------------------------------------ save, find, update, delete

  @Test
  void labelsChangeInOneTransactionThatReadThemFirst() throws Exception {
    WorkflowExecution execution = newExecution();
    execution.setLabels(Map.of("env", "prod", "tenant", "acme", "team", "data"));
    store.create(execution);
    String id = execution.getId();

    transaction.begin();
    try {
      WorkflowExecution read = store.get(id); // the label rows are now held by this transaction
      read.setLabels(Map.of("env", "staging", "tenant", "acme", "owner", "ops"));
      store.save(read);
      store.removeLabel(id, "owner");
      assertThat(store.setLabel(id, "owner", "sre")).as("created again").isTrue();
      assertThat(store.setLabel(id, "env", "dev")).isFalse();
      transaction.commit();
    } catch (Exception | AssertionError e) {
      transaction.rollback();
      throw e;
    }

    assertThat(store.get(id).getLabels())
        .isEqualTo(Map.of("env", "dev", "tenant", "acme", "owner", "sre"));
    assertThat(
            store
                .list(
                    ExecutionQuery.all()
                        .withLabels(LabelSelector.equal("env", "dev"))
                        .withWorkflowName(execution.getWorkflowName()))
                .getItems())
        .extracting(ExecutionSummary::getId)
        .containsExactly(id);
    assertThatThrownBy(() -> store.removeLabel(id, "team"))
        .isInstanceOf(LabelNotFoundException.class);
    assertThatThrownBy(() -> store.setLabel(id, "Team", "x"))
        .isInstanceOf(InvalidExecutionException.class)
        .hasMessageContaining("'Team'");
    assertThatThrownBy(() -> store.setLabel(unique("missing"), "team", "x"))
        .isInstanceOf(ExecutionNotFoundException.class);
  }

  @Test
  void aCreatedExecutionIsFoundWhole() {
    WorkflowExecution execution = newExecution();
    execution.setTasks(List.of(new TaskExecution("t1", "fetch", WorkflowStatus.PENDING)));
    execution.setAuditTrail(List.of(new AuditEntry("alice", "submitted", null)));
    execution.setPerTaskLogs(Map.of("t1", List.of("queued")));
    execution.setErrors(List.of(new ExecutionError("warm-up failed", null)));

    WorkflowExecution created = store.create(execution);
    WorkflowExecution found = store.get(execution.getId());

    assertThat(created.getVersion()).isNotNull();
    assertThat(found.getVersion()).isEqualTo(created.getVersion());
    assertThat(found.getWorkflowName()).isEqualTo(execution.getWorkflowName());
    assertThat(found.getWorkflowSnapshot()).isEqualTo(execution.getWorkflowSnapshot());
    assertThat(found.getSnapshotHash()).hasSize(64);
    assertThat(found.getStatus()).isEqualTo(WorkflowStatus.PENDING);
    assertThat(found.getCreatedAt()).isEqualTo(execution.getCreatedAt());
    assertThat(found.getTasks()).extracting(TaskExecution::getTaskId).containsExactly("t1");
    assertThat(found.getAuditTrail())
        .extracting(AuditEntry::getAction)
        .containsExactly("submitted");
    assertThat(found.getPerTaskLogs()).isEqualTo(Map.of("t1", List.of("queued")));
    assertThat(found.getErrors())
        .extracting(ExecutionError::getMessage)
        .containsExactly("warm-up failed");
  }

  @Test
  void theSeedsSaveCreatesThenReplaces() {
    WorkflowExecution execution = newExecution();

    WorkflowExecution first = store.save(execution);
    execution.setStatus(WorkflowStatus.RUNNING);
    execution.setWorkflowName("renamed");
    WorkflowExecution second = store.save(execution);

    assertThat(second.getVersion()).isGreaterThan(first.getVersion());
    WorkflowExecution found = store.get(execution.getId());
    assertThat(found.getStatus()).isEqualTo(WorkflowStatus.RUNNING);
    assertThat(found.getWorkflowName()).isEqualTo("renamed");
  }

  @Test
  void saveReportsWhetherItCreated() {
    WorkflowExecution execution = newExecution();

    assertThat(store.save(execution, null).created()).isTrue();
    assertThat(store.save(execution, null).created()).isFalse();
  }

  @Test
  void updateReplacesTasksAndKeepsTheAppendOnlyEntries() {
    WorkflowExecution execution = newExecution();
    execution.setTasks(List.of(new TaskExecution("t1", "one", WorkflowStatus.PENDING)));
    execution.setAuditTrail(List.of(new AuditEntry("alice", "created", null)));
    WorkflowExecution stored = store.create(execution);

    stored.setTasks(
        List.of(
            new TaskExecution("t2", "two", WorkflowStatus.RUNNING),
            new TaskExecution("t1", "one", WorkflowStatus.COMPLETE)));
    List<AuditEntry> grown = new ArrayList<>(stored.getAuditTrail());
    grown.add(new AuditEntry("bob", "started", null));
    stored.setAuditTrail(grown);
    stored.setStatus(WorkflowStatus.RUNNING);
    store.update(stored);

    WorkflowExecution found = store.get(execution.getId());
    assertThat(found.getTasks())
        .extracting(TaskExecution::getTaskId, TaskExecution::getStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("t2", WorkflowStatus.RUNNING),
            org.assertj.core.groups.Tuple.tuple("t1", WorkflowStatus.COMPLETE));
    assertThat(found.getAuditTrail())
        .extracting(AuditEntry::getAction)
        .containsExactly("created", "started");
  }

  @Test
  void aReplacementWithAShorterAuditTrailRemovesNothing() {
    WorkflowExecution execution = newExecution();
    execution.setAuditTrail(List.of(new AuditEntry("a", "one", null)));
    store.create(execution);
    store.appendAudit(execution.getId(), new AuditEntry("b", "two", null));

    WorkflowExecution replacement = newExecution(execution.getWorkflowName());
    replacement.setId(execution.getId());
    store.save(replacement);

    assertThat(store.get(execution.getId()).getAuditTrail())
        .extracting(AuditEntry::getAction)
        .containsExactly("one", "two");
  }

  @Test
  void deleteRemovesTheExecutionAndEverythingRecordedForIt() throws SQLException {
    WorkflowExecution execution = newExecution();
    execution.setTasks(List.of(new TaskExecution("t1", "one", WorkflowStatus.PENDING)));
    store.create(execution);
    store.appendLogs(execution.getId(), "t1", List.of("line"));
    store.appendAudit(execution.getId(), new AuditEntry(null, "created", null));

    store.delete(execution.getId(), null);

    assertThat(store.find(execution.getId())).isEmpty();
    for (String table : List.of("task_execution", "task_log_line", "audit_entry")) {
      assertThat(rowsOf(table, execution.getId())).as(table).isZero();
    }
  }

  @Test
  void createKeepsTheGivenTerminalValuesAndFillsTheMissingOnes() {
    WorkflowExecution given = newExecution();
    given.setStatus(WorkflowStatus.COMPLETE);
    given.setCreatedAt(Instant.parse("2025-01-15T10:30:00Z"));
    given.setCompletedAt(Instant.parse("2025-01-15T10:31:30Z"));
    WorkflowExecution derived = newExecution();
    derived.setStatus(WorkflowStatus.FAILED);

    WorkflowExecution storedGiven = store.create(given);
    WorkflowExecution storedDerived = store.create(derived);

    assertThat(storedGiven.getCompletedAt()).isEqualTo(Instant.parse("2025-01-15T10:31:30Z"));
    assertThat(storedGiven.getSuccess()).isTrue();
    assertThat(storedDerived.getCompletedAt()).isNotNull();
    assertThat(storedDerived.getSuccess()).isFalse();
  }

  // ------------------------------------------------------------------ refusals

  @Test
  void aDuplicateCreateIsRefusedAndChangesNothing() {
    WorkflowExecution execution = newExecution();
    store.create(execution);
    WorkflowExecution again = newExecution();
    again.setId(execution.getId());

    assertThatThrownBy(() -> store.create(again))
        .isInstanceOf(DuplicateExecutionException.class)
        .hasMessageContaining(execution.getId());
    assertThat(store.get(execution.getId()).getWorkflowName())
        .isEqualTo(execution.getWorkflowName());
  }

  @Test
  void everyOperationOnAMissingExecutionReportsNotFound() {
    String missing = unique("missing");
    WorkflowExecution ghost = newExecution();
    ghost.setId(missing);

    assertThat(store.find(missing)).isEmpty();
    assertThatThrownBy(() -> store.get(missing)).isInstanceOf(ExecutionNotFoundException.class);
    assertThatThrownBy(() -> store.update(ghost)).isInstanceOf(ExecutionNotFoundException.class);
    assertThatThrownBy(() -> store.delete(missing, null))
        .isInstanceOf(ExecutionNotFoundException.class);
    assertThatThrownBy(() -> store.transition(missing, WorkflowStatus.RUNNING, null, null))
        .isInstanceOf(ExecutionNotFoundException.class);
    assertThatThrownBy(() -> store.appendAudit(missing, new AuditEntry(null, "x", null)))
        .isInstanceOf(ExecutionNotFoundException.class)
        .hasMessageContaining(missing);
    assertThatThrownBy(() -> store.appendLogs(missing, "t1", List.of("x")))
        .isInstanceOf(ExecutionNotFoundException.class);
    assertThatThrownBy(() -> store.recordError(missing, new ExecutionError("x", null)))
        .isInstanceOf(ExecutionNotFoundException.class);
    assertThatThrownBy(
            () -> store.upsertTask(missing, new TaskExecution("t", "t", WorkflowStatus.PENDING)))
        .isInstanceOf(ExecutionNotFoundException.class);
  }

  @Test
  void anExpectedVersionOfAMissingExecutionIsStaleAndCreatesNothing() {
    String missing = unique("missing");
    WorkflowExecution ghost = newExecution();
    ghost.setId(missing);

    assertThatThrownBy(() -> store.save(ghost, 1L))
        .isInstanceOf(StaleExecutionException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("not stored");
    assertThatThrownBy(() -> store.update(ghost, 1L)).isInstanceOf(StaleExecutionException.class);
    assertThatThrownBy(() -> store.update(ghost, null))
        .isInstanceOf(ExecutionNotFoundException.class);
    assertThatThrownBy(() -> store.delete(missing, 1L)).isInstanceOf(StaleExecutionException.class);
    assertThatThrownBy(() -> store.transition(missing, WorkflowStatus.RUNNING, null, 1L))
        .isInstanceOf(StaleExecutionException.class);
    assertThat(store.find(missing)).isEmpty();
  }

  @Test
  void updateWithAnExpectedVersionChecksThatOneNotTheCarriedOne() {
    WorkflowExecution stored = store.create(newExecution());
    WorkflowExecution newer = store.transition(stored.getId(), WorkflowStatus.RUNNING, null, null);
    stored.setStatus(WorkflowStatus.RUNNING);
    stored.setWorkflowName("renamed");

    assertThatThrownBy(() -> store.update(stored, stored.getVersion()))
        .isInstanceOf(StaleExecutionException.class);
    WorkflowExecution replaced = store.update(stored, null);

    assertThat(replaced.getWorkflowName()).isEqualTo("renamed");
    assertThat(replaced.getVersion()).isGreaterThan(newer.getVersion());
  }

  @Test
  void aStaleVersionIsRefusedAndTheStoredExecutionKept() {
    WorkflowExecution stored = store.create(newExecution());
    WorkflowExecution newer = store.transition(stored.getId(), WorkflowStatus.RUNNING, null, null);

    stored.setWorkflowName("written from a stale copy");
    assertThatThrownBy(() -> store.update(stored))
        .isInstanceOf(StaleExecutionException.class)
        .hasMessageContaining("version " + newer.getVersion());
    assertThatThrownBy(() -> store.delete(stored.getId(), stored.getVersion()))
        .isInstanceOf(StaleExecutionException.class);
    assertThatThrownBy(
            () ->
                store.transition(stored.getId(), WorkflowStatus.PAUSED, null, stored.getVersion()))
        .isInstanceOf(StaleExecutionException.class);

    WorkflowExecution found = store.get(stored.getId());
    assertThat(found.getWorkflowName()).isNotEqualTo("written from a stale copy");
    assertThat(found.getStatus()).isEqualTo(WorkflowStatus.RUNNING);
    assertThat(found.getVersion()).isEqualTo(newer.getVersion());
  }

  @Test
  void anIllegalTransitionIsRefused() {
    WorkflowExecution stored = store.create(newExecution());
    store.transition(stored.getId(), WorkflowStatus.RUNNING, null, null);
    store.transition(stored.getId(), WorkflowStatus.COMPLETE, null, null);

    assertThatThrownBy(() -> store.transition(stored.getId(), WorkflowStatus.RUNNING, null, null))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("Complete is terminal");
    WorkflowExecution replacement = store.get(stored.getId());
    replacement.setStatus(WorkflowStatus.PENDING);
    assertThatThrownBy(() -> store.update(replacement))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(store.get(stored.getId()).getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
  }

  @Test
  void pendingCannotJumpToComplete() {
    WorkflowExecution stored = store.create(newExecution());

    assertThatThrownBy(() -> store.transition(stored.getId(), WorkflowStatus.COMPLETE, null, null))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("from Pending to Complete");
  }

  @Test
  void aTransitionToTheCurrentStatusChangesNothing() {
    WorkflowExecution stored = store.create(newExecution());

    WorkflowExecution same = store.transition(stored.getId(), WorkflowStatus.PENDING, null, null);

    assertThat(same.getVersion()).isEqualTo(stored.getVersion());
    assertThat(same.getTimestamp()).isEqualTo(stored.getTimestamp());
  }

  @Test
  void enteringATerminalStatusRecordsCompletionAndOutcome() {
    WorkflowExecution stored = store.create(newExecution());
    store.transition(stored.getId(), WorkflowStatus.RUNNING, null, null);

    WorkflowExecution done = store.transition(stored.getId(), WorkflowStatus.COMPLETE, null, null);
    WorkflowExecution other = store.create(newExecution());
    WorkflowExecution cancelled =
        store.transition(other.getId(), WorkflowStatus.CANCELLED, true, null);

    assertThat(done.getCompletedAt()).isNotNull();
    assertThat(done.getSuccess()).isTrue();
    assertThat(done.getTimestamp()).isAfterOrEqualTo(stored.getTimestamp());
    assertThat(cancelled.getSuccess()).as("a given outcome wins").isTrue();
  }

  @Test
  void invalidInputIsRefusedWithEveryViolationAndStoresNothing() {
    WorkflowExecution bad = newExecution();
    bad.setId("has a space/and slash");
    bad.setWorkflowName(" ");
    bad.setTasks(
        List.of(
            new TaskExecution("t1", "a", WorkflowStatus.PENDING),
            new TaskExecution("t1", "b", WorkflowStatus.PENDING)));

    assertThatThrownBy(() -> store.create(bad))
        .isInstanceOfSatisfying(
            InvalidExecutionException.class,
            e ->
                assertThat(e.getViolations())
                    .anySatisfy(v -> assertThat(v).contains("id may contain only"))
                    .anySatisfy(v -> assertThat(v).contains("workflow_name is required"))
                    .anySatisfy(v -> assertThat(v).contains("'t1' appears more than once")));
    assertThat(store.find(bad.getId())).isEmpty();
  }

  @Test
  void invalidAppendsAreRefused() {
    WorkflowExecution stored = store.create(newExecution());

    assertThatThrownBy(() -> store.appendAudit(stored.getId(), new AuditEntry("a", "", null)))
        .isInstanceOf(InvalidExecutionException.class)
        .hasMessageContaining("action is required");
    assertThatThrownBy(() -> store.appendLogs(stored.getId(), "t1", List.of()))
        .isInstanceOf(InvalidExecutionException.class);
    assertThatThrownBy(() -> store.recordError(stored.getId(), new ExecutionError(null, null)))
        .isInstanceOf(InvalidExecutionException.class)
        .hasMessageContaining("message is required");
    assertThat(store.get(stored.getId()).getAuditTrail()).isEmpty();
  }

  @Test
  void logLinesKeepTheSameRulesInAnExecutionAndInAnAppend() {
    List<String> bad = new java.util.ArrayList<>(List.of("x".repeat(32_001), "nul\u0000"));
    bad.add(null);
    WorkflowExecution withBadLines = newExecution();
    withBadLines.setPerTaskLogs(java.util.Map.of("t1", bad));
    String stored = store.create(newExecution()).getId();

    for (Runnable write :
        List.<Runnable>of(
            () -> store.create(withBadLines), () -> store.appendLogs(stored, "t1", bad))) {
      assertThatThrownBy(write::run)
          .isInstanceOfSatisfying(
              InvalidExecutionException.class,
              e ->
                  assertThat(e.getViolations())
                      .anySatisfy(
                          v ->
                              assertThat(v)
                                  .startsWith("a log line must be at most 32000 characters"))
                      .anySatisfy(
                          v ->
                              assertThat(v)
                                  .startsWith(
                                      "a log line must be valid Unicode text without U+0000"))
                      .anySatisfy(v -> assertThat(v).startsWith("a log line must not be null"))
                      .hasSize(3));
    }
    assertThat(store.find(withBadLines.getId())).isEmpty();
    assertThat(store.get(stored).getPerTaskLogs()).isEmpty();
  }

  @Test
  void aSnapshotOverTheLimitIsRefusedAndNothingStored() {
    WorkflowExecution big = newExecution();
    big.setWorkflowSnapshot(
        Json.createObjectBuilder().add("blob", "x".repeat(4 * 1024 * 1024)).build());

    assertThatThrownBy(() -> store.create(big))
        .isInstanceOf(SnapshotTooLargeException.class)
        .hasMessageContaining("maximum is 4194304");
    assertThat(store.find(big.getId())).isEmpty();
  }

  // ------------------------------------------------------------------ appends and tasks

  @Test
  void appendsKeepTheirOrder() {
    WorkflowExecution stored = store.create(newExecution());
    String id = stored.getId();

    for (int i = 0; i < 5; i++) {
      store.appendAudit(id, new AuditEntry("engine", "step-" + i, json("{\"i\": " + i + "}")));
    }
    store.appendLogs(id, "t1", List.of("one", "two"));
    store.appendLogs(id, "t2", List.of("alpha"));
    store.appendLogs(id, "t1", List.of("three"));
    store.recordError(id, new ExecutionError("first", "t1"));
    store.recordError(id, new ExecutionError("second", null));

    WorkflowExecution found = store.get(id);
    assertThat(found.getAuditTrail())
        .extracting(AuditEntry::getAction)
        .containsExactly("step-0", "step-1", "step-2", "step-3", "step-4");
    assertThat(found.getAuditTrail().get(3).getDetails()).isEqualTo(json("{\"i\": 3}"));
    assertThat(found.getPerTaskLogs())
        .containsExactly(
            Map.entry("t1", List.of("one", "two", "three")), Map.entry("t2", List.of("alpha")));
    assertThat(found.getErrors())
        .extracting(ExecutionError::getMessage, ExecutionError::getTaskId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("first", "t1"),
            org.assertj.core.groups.Tuple.tuple("second", null));
    assertThat(found.getVersion())
        .as("appends do not touch the record")
        .isEqualTo(stored.getVersion());
  }

  @Test
  void upsertTaskCreatesThenReplacesOneTask() {
    WorkflowExecution stored = store.create(newExecution());
    String id = stored.getId();
    TaskExecution task = new TaskExecution("load", "Load rows", WorkflowStatus.RUNNING);
    task.setStartedAt(Instant.parse("2025-01-15T10:30:00Z"));
    Saved<TaskExecution> created = store.upsertTask(id, task);
    store.upsertTask(id, new TaskExecution("other", "Other", WorkflowStatus.PENDING));

    task.setStatus(WorkflowStatus.COMPLETE);
    task.setAttempt(2);
    task.setOutput(json("{\"rows\": 1.50}"));
    Saved<TaskExecution> replaced = store.upsertTask(id, task);

    assertThat(created.created()).isTrue();
    assertThat(replaced.created()).isFalse();
    assertThat(replaced.value().getStatus()).isEqualTo(WorkflowStatus.COMPLETE);

    List<TaskExecution> tasks = store.get(id).getTasks();
    assertThat(tasks).extracting(TaskExecution::getTaskId).containsExactly("load", "other");
    assertThat(tasks.get(0).getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(tasks.get(0).getAttempt()).isEqualTo(2);
    assertThat(tasks.get(0).getStartedAt()).isEqualTo(Instant.parse("2025-01-15T10:30:00Z"));
    assertThat(tasks.get(0).getOutput().toString()).isEqualTo("{\"rows\":1.50}");
  }

  // ------------------------------------------------------------------ snapshots

  @Test
  void theSameSnapshotSavedTwiceIsStoredOnce() throws SQLException {
    JsonObject snapshot = uniqueSnapshot();
    WorkflowExecution one = store.create(new WorkflowExecution("wf", snapshot));
    WorkflowExecution two = store.create(new WorkflowExecution("wf", snapshot));

    assertThat(two.getSnapshotHash()).isEqualTo(one.getSnapshotHash());
    assertThat(snapshotRows(one.getSnapshotHash())).isEqualTo(1);
  }

  @Test
  void theSameSnapshotWithOtherKeyOrderIsStoredOnceAndReadBackEqual() throws SQLException {
    String name = unique("wf");
    JsonObject written = json("{\"name\": \"" + name + "\", \"tasks\": [1, 2], \"v\": 1.50}");
    JsonObject reordered = json("{\"v\": 1.50, \"tasks\": [1, 2], \"name\": \"" + name + "\"}");

    WorkflowExecution one = store.create(new WorkflowExecution("wf", written));
    WorkflowExecution two = store.create(new WorkflowExecution("wf", reordered));

    assertThat(two.getSnapshotHash()).isEqualTo(one.getSnapshotHash());
    assertThat(snapshotRows(one.getSnapshotHash())).isEqualTo(1);
    assertThat(store.get(two.getId()).getWorkflowSnapshot()).isEqualTo(reordered);
    assertThat(store.findSnapshot(one.getSnapshotHash())).contains(written);
  }

  @Test
  void jsonColumnsAreClobsOnDerbyAndTextOnPostgresqlNeverLargeObjects() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metadata = connection.getMetaData();
      boolean postgres = metadata.getDatabaseProductName().equals("PostgreSQL");
      String expected = postgres ? "text" : "CLOB";
      for (String[] column :
          new String[][] {
            {"workflow_snapshot", "content"},
            {"task_execution", "output_json"},
            {"audit_entry", "details_json"}
          }) {
        String table = postgres ? column[0] : column[0].toUpperCase();
        String name = postgres ? column[1] : column[1].toUpperCase();
        try (ResultSet columns = metadata.getColumns(null, connection.getSchema(), table, name)) {
          assertThat(columns.next()).as(column[0] + "." + column[1] + " exists").isTrue();
          assertThat(columns.getString("TYPE_NAME"))
              .as(column[0] + "." + column[1])
              .isEqualTo(expected);
          if (!postgres) {
            assertThat(columns.getInt("DATA_TYPE")).isEqualTo(Types.CLOB);
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------ listing

  @Test
  void listFiltersByNameAndStatusNewestFirst() {
    String name = unique("listed");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      WorkflowExecution execution = newExecution(name);
      execution.setCreatedAt(Instant.parse("2025-01-15T10:30:00Z").plusSeconds(i));
      if (i % 2 == 0) {
        execution.setStatus(WorkflowStatus.RUNNING);
      }
      ids.add(store.create(execution).getId());
    }
    store.create(newExecution());

    ExecutionPage all = store.list(ExecutionQuery.all().withWorkflowName(name));
    ExecutionPage running =
        store.list(
            ExecutionQuery.all().withWorkflowName(name).withStatuses(WorkflowStatus.RUNNING));

    assertThat(all.getItems())
        .extracting(ExecutionSummary::getId)
        .containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
    assertThat(all.getNextCursor()).isNull();
    assertThat(running.getItems())
        .extracting(ExecutionSummary::getId)
        .containsExactly(ids.get(4), ids.get(2), ids.get(0));
    assertThat(store.count(ExecutionQuery.all().withWorkflowName(name))).isEqualTo(5);
  }

  @Test
  void pagesOfALimitWalkEveryMatchOnceByCursor() {
    String name = unique("paged");
    Instant sameTime = Instant.parse("2025-02-01T00:00:00Z");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      WorkflowExecution execution = newExecution(name);
      execution.setCreatedAt(i < 4 ? sameTime : sameTime.plusSeconds(i));
      store.create(execution);
      expected.add(execution.getId());
    }

    List<String> walked = new ArrayList<>();
    ExecutionQuery query = ExecutionQuery.all().withWorkflowName(name).withLimit(3);
    ExecutionPage page = store.list(query);
    walked.addAll(page.getItems().stream().map(ExecutionSummary::getId).toList());
    while (page.getNextCursor() != null) {
      page = store.list(query.withCursor(page.getNextCursor()));
      walked.addAll(page.getItems().stream().map(ExecutionSummary::getId).toList());
    }

    assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void badQueriesAreRefusedNamingTheParameter() {
    assertThatThrownBy(() -> store.list(ExecutionQuery.all().withCursor("%%%")))
        .isInstanceOfSatisfying(
            InvalidQueryException.class, e -> assertThat(e.getParameter()).isEqualTo("cursor"));
    assertThatThrownBy(() -> ExecutionQuery.all().withLimit(0))
        .isInstanceOfSatisfying(
            InvalidQueryException.class, e -> assertThat(e.getParameter()).isEqualTo("limit"));
    assertThatThrownBy(() -> ExecutionQuery.all().withLimit(501))
        .isInstanceOf(InvalidQueryException.class);
  }

  // ------------------------------------------------------------------ helpers

  private long rowsOf(String table, String executionId) throws SQLException {
    return Rows.count(dataSource, table, "execution_id", executionId);
  }

  private long snapshotRows(String hash) throws SQLException {
    return Rows.count(dataSource, "workflow_snapshot", "hash", hash);
  }
}
