package org.workflowengine.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.Executions.newExecution;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.chain.ChainVerification;
import org.workflowengine.persistence.database.ChainMigration;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.testing.Deployments;

/**
 * The hash chain in the container, on the real database: what a recorded execution's chain holds,
 * and each kind of change made to its rows behind the store's back (by JDBC, as anyone with write
 * access to the database could) found by {@code verify} at the link it touched.
 *
 * <p>Every execution here is recorded the same way, so its positions are known: 1 its creation
 * (status), 2–3 two audit entries, 4 an error, 5–7 three lines of task {@code t1}'s log, 8 an audit
 * entry appended, 9 the move to {@code Running}.
 */
@ExtendWith(ArquillianExtension.class)
class ChainIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application();
  }

  @Inject ExecutionStore store;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  private String recorded() {
    WorkflowExecution execution = newExecution();
    execution.setAuditTrail(
        List.of(new AuditEntry("alice", "created", null), new AuditEntry("bob", "queued", null)));
    execution.setErrors(List.of(new ExecutionError("disk almost full", "t1")));
    execution.setPerTaskLogs(Map.of("t1", List.of("one", "two", "three")));
    String id = store.create(execution).getId();
    store.appendAudit(id, new AuditEntry("carol", "approved", null));
    store.transition(id, WorkflowStatus.RUNNING, null, null);
    return id;
  }

  private int change(String sql, Object... values) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      return statement.executeUpdate();
    }
  }

  private ChainVerification.Broken brokenAfter(String id) {
    ChainVerification verification = store.verify(id);
    assertThat(verification.valid()).as("valid after tampering: %s", verification).isFalse();
    return verification.firstBroken();
  }

  @Test
  void anUntouchedExecutionVerifiesWithEveryLinkAndWhoRecordedIt() {
    String id = recorded();

    ChainVerification verification = store.verify(id);

    assertThat(verification.valid()).as("%s", verification).isTrue();
    assertThat(verification.links()).isEqualTo(9);
    assertThat(verification.head()).matches("[0-9a-f]{64}");
    assertThat(verification.firstBroken()).isNull();
    WorkflowExecution read = store.get(id);
    assertThat(read.getStatusHistory())
        .extracting(s -> s.getStatus(), s -> s.getRecordedBy())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(WorkflowStatus.PENDING, ExecutionStore.SYSTEM),
            org.assertj.core.groups.Tuple.tuple(WorkflowStatus.RUNNING, ExecutionStore.SYSTEM));
    assertThat(read.getAuditTrail())
        .extracting(AuditEntry::getRecordedBy)
        .containsOnly(ExecutionStore.SYSTEM);
    assertThat(read.getErrors())
        .extracting(ExecutionError::getRecordedBy)
        .containsOnly(ExecutionStore.SYSTEM);
  }

  @Test
  void aChangedLogLineIsFoundAtItsLink() throws SQLException {
    String id = recorded();
    assertThat(
            change(
                "UPDATE task_log_line SET line = ? WHERE execution_id = ? AND line = ?",
                "TWO",
                id,
                "two"))
        .isEqualTo(1);

    assertThat(brokenAfter(id)).returns("log", b -> b.kind()).returns(6L, b -> b.position());
  }

  @Test
  void aDeletedAuditEntryIsFoundAtItsPosition() throws SQLException {
    String id = recorded();
    assertThat(
            change("DELETE FROM audit_entry WHERE execution_id = ? AND action = ?", id, "queued"))
        .isEqualTo(1);

    ChainVerification.Broken broken = brokenAfter(id);
    assertThat(broken.position()).isEqualTo(3);
    assertThat(broken.problem()).contains("removed");
  }

  @Test
  void theLastLinkDeletedIsFoundByTheHead() throws SQLException {
    String id = recorded();
    assertThat(
            change(
                "DELETE FROM execution_status_change WHERE execution_id = ? AND status = ?",
                id,
                "Running"))
        .isEqualTo(1);

    ChainVerification.Broken broken = brokenAfter(id);
    assertThat(broken.position()).isEqualTo(9);
    assertThat(broken.problem()).contains("missing");
  }

  @Test
  void anInsertedErrorIsFoundWhereItWasPut() throws SQLException {
    String id = recorded();
    assertThat(
            change(
                "INSERT INTO execution_error (row_id, seq, execution_id, message, task_id,"
                    + " occurred_at, chain_hash, recorded_by, message_key) VALUES (?, ?, ?, ?, ?,"
                    + " CURRENT_TIMESTAMP, ?, ?, ?)",
                "00000000-0000-0000-0000-000000000000",
                4L,
                id,
                "a convenient error",
                "t1",
                "0".repeat(64),
                "system",
                "a convenient error"))
        .isEqualTo(1);

    assertThat(brokenAfter(id)).returns("error", b -> b.kind()).returns(4L, b -> b.position());
  }

  @Test
  void anEntryAppendedBehindTheStoresBackIsFoundAfterTheHead() throws SQLException {
    String id = recorded();
    assertThat(
            change(
                "INSERT INTO task_log_line (row_id, seq, execution_id, task_id, line, logged_at,"
                    + " chain_hash, recorded_by) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, ?, ?)",
                "00000000-0000-0000-0000-000000000000",
                10L,
                id,
                "t1",
                "all good",
                "0".repeat(64),
                "system"))
        .isEqualTo(1);

    assertThat(brokenAfter(id)).returns("log", b -> b.kind()).returns(10L, b -> b.position());
  }

  @Test
  void twoSwappedLinesAreFoundAtTheFirstOfThem() throws SQLException {
    String id = recorded();
    // Lines "one" (position 5) and "three" (position 7) trade places: the log now reads three,
    // two, one.
    change("UPDATE task_log_line SET seq = -1 WHERE execution_id = ? AND seq = 5", id);
    change("UPDATE task_log_line SET seq = 5 WHERE execution_id = ? AND seq = 7", id);
    change("UPDATE task_log_line SET seq = 7 WHERE execution_id = ? AND seq = -1", id);
    assertThat(store.get(id).getPerTaskLogs().get("t1")).containsExactly("three", "two", "one");

    assertThat(brokenAfter(id)).returns("log", b -> b.kind()).returns(5L, b -> b.position());
  }

  @Test
  void anEditedStatusChangeIsFoundAtItsLink() throws SQLException {
    String id = recorded();
    assertThat(
            change(
                "UPDATE execution_status_change SET recorded_by = ? WHERE execution_id = ?"
                    + " AND seq = 9",
                "mallory",
                id))
        .isEqualTo(1);

    assertThat(brokenAfter(id)).returns("status", b -> b.kind()).returns(9L, b -> b.position());
  }

  @Test
  void aStatusChangedOnTheExecutionAloneIsFoundAtItsLastStatusLink() throws SQLException {
    String id = recorded();
    assertThat(
            change(
                "UPDATE workflow_execution SET status = ?, success = ? WHERE id = ?",
                "Complete",
                true,
                id))
        .isEqualTo(1);

    ChainVerification.Broken broken = brokenAfter(id);
    assertThat(broken).returns("status", b -> b.kind()).returns(9L, b -> b.position());
    assertThat(broken.problem()).contains("record");
  }

  @Test
  void anExecutionWithTenThousandLinksVerifies() {
    String id = store.create(newExecution()).getId();
    for (int append = 0; append < 10; append++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        lines.add("append " + append + " line " + i);
      }
      store.appendLogs(id, "long", lines);
    }

    ChainVerification verification = store.verify(id);

    assertThat(verification.valid()).as("%s", verification).isTrue();
    assertThat(verification.links()).isEqualTo(10_001);
  }

  @Test
  void theUpgradeGivesAnExecutionStoredBeforeChainsOne() throws Exception {
    String id = recorded();
    // As the previous release left it: no chain columns set, no status changes, seq the write
    // order in microseconds.
    change("DELETE FROM execution_status_change WHERE execution_id = ?", id);
    change("UPDATE workflow_execution SET chain_head = NULL, chain_links = 0 WHERE id = ?", id);
    for (String table : List.of("audit_entry", "execution_error", "task_log_line")) {
      change(
          "UPDATE "
              + table
              + " SET seq = seq + 1700000000000000, chain_hash = NULL, recorded_by = NULL,"
              + " trace_id = NULL"
              + " WHERE execution_id = ?",
          id);
    }
    assertThat(store.verify(id).valid()).isFalse();

    try (Connection connection = dataSource.getConnection()) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      new ChainMigration().execute(database);
    }

    ChainVerification verification = store.verify(id);
    assertThat(verification.valid()).as("%s", verification).isTrue();
    assertThat(verification.links()).isEqualTo(8);
    WorkflowExecution read = store.get(id);
    assertThat(read.getStatusHistory()).hasSize(1);
    assertThat(read.getStatusHistory().get(0).getRecordedBy())
        .isEqualTo(ChainMigration.RECORDED_BY);
    assertThat(read.getAuditTrail())
        .extracting(AuditEntry::getAction)
        .containsExactly("created", "queued", "approved");
    assertThat(read.getPerTaskLogs().get("t1")).containsExactly("one", "two", "three");
  }
}
