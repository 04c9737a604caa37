package org.workflowengine.persistence.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workflowengine.persistence.testing.Executions.newExecution;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.testing.Deployments;
import org.workflowengine.persistence.testing.Scrape;

/**
 * The store's counters from a Java caller's side: what a caller's transaction stores is counted
 * when it commits and never when it rolls back, while the operation itself is counted either way.
 */
@ExtendWith(ArquillianExtension.class)
class StoreMetricsIT {

  private static final String OPERATIONS = "executions_store_operations_seconds_count";

  @Deployment
  static WebArchive deployment() {
    return Deployments.application();
  }

  @Inject ExecutionStore store;

  @Inject StoreMetrics metrics;

  @Resource(lookup = "java:comp/UserTransaction")
  UserTransaction transaction;

  private Scrape scrape() {
    return Scrape.of(metrics.scrape(StoreMetrics.PROMETHEUS_TEXT));
  }

  @Test
  void whatARolledBackTransactionWroteIsNotCounted() throws Exception {
    Scrape before = scrape();

    transaction.begin();
    WorkflowExecution run = store.create(newExecution());
    store.appendAudit(run.getId(), new AuditEntry("metrics", "rolled back", null));
    store.transition(run.getId(), WorkflowStatus.FAILED, false, null);
    transaction.rollback();

    Scrape after = scrape();
    assertThat(store.find(run.getId())).isEmpty();
    assertThat(delta(before, after, OPERATIONS, "operation", "record", "outcome", "ok"))
        .as("the call succeeded")
        .isEqualTo(1);
    assertThat(delta(before, after, "executions_runs_recorded_total")).isZero();
    assertThat(delta(before, after, "executions_appends_total")).isZero();
    assertThat(delta(before, after, "executions_runs_finished_total")).isZero();
  }

  @Test
  void whatACommittedTransactionWroteIsCountedOnce() throws Exception {
    Scrape before = scrape();

    transaction.begin();
    WorkflowExecution run = store.create(newExecution());
    store.appendAudit(run.getId(), new AuditEntry("metrics", "one", null));
    store.appendLogs(run.getId(), "t1", List.of("a", "b"));
    store.transition(run.getId(), WorkflowStatus.CANCELLED, false, null);
    Scrape inside = scrape();
    transaction.commit();

    Scrape after = scrape();
    assertThat(delta(before, inside, "executions_runs_recorded_total"))
        .as("nothing counted before the commit")
        .isZero();
    assertThat(delta(before, after, "executions_runs_recorded_total")).isEqualTo(1);
    assertThat(delta(before, after, "executions_appends_total", "kind", "audit")).isEqualTo(1);
    assertThat(delta(before, after, "executions_appends_total", "kind", "log")).isEqualTo(1);
    assertThat(delta(before, after, "executions_log_lines_total")).isEqualTo(2);
    assertThat(delta(before, after, "executions_runs_finished_total", "status", "Cancelled"))
        .isEqualTo(1);
  }

  @Test
  void anAppendToNoExecutionIsANotFoundAndNoAppend() {
    Scrape before = scrape();

    assertThatThrownBy(
            () ->
                store.appendAudit(
                    "metrics-absent-" + System.nanoTime(), new AuditEntry("a", "b", null)))
        .isInstanceOf(ExecutionNotFoundException.class);

    Scrape after = scrape();
    assertThat(delta(before, after, OPERATIONS, "operation", "append", "outcome", "not_found"))
        .isEqualTo(1);
    assertThat(delta(before, after, "executions_appends_total")).isZero();
  }

  private static double delta(Scrape before, Scrape after, String name, String... labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }
}
