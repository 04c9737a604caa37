package org.workflowengine.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.archive.Archive;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.retention.PurgeResult;
import org.workflowengine.persistence.store.retention.Retention;
import org.workflowengine.persistence.store.retention.RetentionPolicy;
import org.workflowengine.persistence.testing.Deployments;

/**
 * The one crash point a killed process lands on only by chance, made certain: every object of a
 * batch written and read back, then the database failing in the middle of the batch's transaction
 * (a trigger refuses to mark one run archived after the runs before it were stripped and marked).
 * Nothing is half-moved: every run of the batch is live and whole, and a repeat archives each
 * exactly once, over the objects the failed attempt left.
 */
@ExtendWith(ArquillianExtension.class)
class ArchivingFaultIT {

  private static final int RUNS = 6;

  @Deployment
  static WebArchive deployment() {
    return Deployments.application();
  }

  @Inject ExecutionStore store;

  @Inject Retention retention;

  @Inject Archive archive;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  @Test
  void theDatabaseFailingAfterTheObjectsAreWrittenMovesNothingAndARepeatMovesEachOnce()
      throws Exception {
    assertThat(archive.configured()).as("the tests run with an archive").isTrue();
    String workflow = unique("archiving-fault");
    List<String> ids = new ArrayList<>();
    Map<String, WorkflowExecution> before = new HashMap<>();
    for (int i = 0; i < RUNS; i++) {
      String id = store.create(run(workflow)).getId();
      ids.add(id);
      before.put(id, store.get(id));
    }
    RetentionPolicy policy =
        new RetentionPolicy(null, null, workflow, 0, false, RetentionPolicy.DEFAULT_BATCH_SIZE);

    String trigger = "fail_archiving_" + UUID.randomUUID().toString().substring(0, 8);
    refuseToMarkArchived(trigger, ids.get(RUNS / 2));
    try {
      assertThatThrownBy(() -> retention.purge(policy))
          .as("the batch's transaction fails at its fourth run")
          .satisfies(
              failure ->
                  assertThat(stackTrace(failure))
                      .containsAnyOf(trigger + ": injected fault", "cannot accept a NULL value"));
      for (String id : ids) {
        WorkflowExecution now = store.get(id);
        assertThat(now.archived()).as("%s stays live", id).isFalse();
        assertSameRun(now, before.get(id));
        assertThat(archive.readAsStored(id))
            .as("%s's object was written before the database failed", id)
            .isNotEmpty();
      }
      assertThat(store.count(ExecutionQuery.all().withWorkflowName(workflow))).isEqualTo(RUNS);
    } finally {
      drop(trigger);
    }

    PurgeResult repeat = retention.purge(policy);
    assertThat(repeat.getArchived()).isEqualTo(RUNS);
    assertThat(repeat.getDeleted()).isZero();
    assertThat(
            store.count(
                ExecutionQuery.all()
                    .withWorkflowName(workflow)
                    .withArchived(ExecutionQuery.Archived.ONLY)))
        .as("each run archived, once")
        .isEqualTo(RUNS);
    for (String id : ids) {
      WorkflowExecution archived = store.get(id);
      assertThat(archived.archived()).isTrue();
      assertSameRun(archived, before.get(id));
      assertThat(store.verify(id).valid()).as("%s verifies from its object", id).isTrue();
    }
  }

  private static void assertSameRun(WorkflowExecution now, WorkflowExecution before) {
    assertThat(now.getVersion()).isEqualTo(before.getVersion());
    assertThat(now.getStatus()).isEqualTo(before.getStatus());
    assertThat(now.getSnapshotHash()).isEqualTo(before.getSnapshotHash());
    assertThat(now.getTasks()).extracting(TaskExecution::getTaskId).containsExactly("a", "b", "c");
    assertThat(now.getAuditTrail()).hasSameSizeAs(before.getAuditTrail());
    assertThat(now.getPerTaskLogs()).isEqualTo(before.getPerTaskLogs());
  }

  private static WorkflowExecution run(String workflow) {
    WorkflowExecution run =
        new WorkflowExecution(workflow, Json.createObjectBuilder().add("name", workflow).build());
    run.setStatus(WorkflowStatus.COMPLETE);
    run.setTasks(
        List.of(
            new TaskExecution("a", "A", WorkflowStatus.COMPLETE),
            new TaskExecution("b", "B", WorkflowStatus.COMPLETE),
            new TaskExecution("c", "C", WorkflowStatus.COMPLETE)));
    run.setAuditTrail(List.of(new AuditEntry("engine", "finished", null)));
    run.setPerTaskLogs(Map.of("a", List.of("one", "two")));
    return run;
  }

  /**
   * A trigger that fails the statement marking execution {@code id} archived: on PostgreSQL by
   * raising an exception, on Derby by inserting a row with no id.
   */
  private void refuseToMarkArchived(String trigger, String id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      if (postgres(connection)) {
        statement.execute(
            "CREATE FUNCTION "
                + trigger
                + "() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '"
                + trigger
                + ": injected fault'; END $$ LANGUAGE plpgsql");
        statement.execute(
            "CREATE TRIGGER "
                + trigger
                + " BEFORE UPDATE ON workflow_execution FOR EACH ROW WHEN (NEW.id = '"
                + id
                + "' AND NEW.archived_at IS NOT NULL) EXECUTE FUNCTION "
                + trigger
                + "()");
      } else {
        statement.execute(
            "CREATE TRIGGER "
                + trigger
                + " AFTER UPDATE OF archived_at ON workflow_execution REFERENCING NEW AS n FOR"
                + " EACH ROW WHEN (n.id = '"
                + id
                + "' AND n.archived_at IS NOT NULL) INSERT INTO workflow_execution (id) VALUES"
                + " (NULL)");
      }
    }
  }

  private void drop(String trigger) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      if (postgres(connection)) {
        statement.execute("DROP TRIGGER " + trigger + " ON workflow_execution");
        statement.execute("DROP FUNCTION " + trigger + "()");
      } else {
        statement.execute("DROP TRIGGER " + trigger);
      }
    }
  }

  private static String stackTrace(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  private static boolean postgres(Connection connection) throws SQLException {
    return connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
  }
}
