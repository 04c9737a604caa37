package org.workflowengine.persistence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workflowengine.persistence.testing.Executions.newExecution;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.event.ExecutionEvent.Kind;
import org.workflowengine.persistence.testing.Deployments;
import org.workflowengine.persistence.testing.Rows;

/**
 * The store as another module of the same application uses it: injected into a CDI bean, called
 * inside that bean's transactions, observed through CDI events.
 */
@ExtendWith(ArquillianExtension.class)
class EngineIntegrationIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application(WorkflowRunner.class.getPackageName());
  }

  @Inject WorkflowRunner runner;

  @Inject EventRecorder recorder;

  @Inject ExecutionStore store;

  @EJB ExecutionStore storeByEjbReference;

  @Inject UserTransaction transaction;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  @Test
  void anotherBeanDrivesAWholeLifecycleThroughTheInjectedStore() {
    WorkflowExecution execution = newExecution();

    WorkflowExecution done = runner.runToCompletion(execution);

    WorkflowExecution stored = store.get(execution.getId());
    assertThat(done.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(stored.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(stored.getSuccess()).isTrue();
    assertThat(stored.getCompletedAt()).isNotNull();
    assertThat(stored.getWorkflowSnapshot()).isEqualTo(execution.getWorkflowSnapshot());
    assertThat(stored.getTasks())
        .extracting(TaskExecution::getTaskId, TaskExecution::getStatus)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("extract", WorkflowStatus.COMPLETE));
    assertThat(stored.getPerTaskLogs())
        .isEqualTo(Map.of("extract", List.of("connecting", "read 42 rows")));
    assertThat(stored.getAuditTrail())
        .extracting(a -> a.getAction())
        .containsExactly("started", "finished");
    assertThat(stored.getErrors())
        .extracting(e -> e.getMessage())
        .containsExactly("retry after timeout");
  }

  @Test
  void theStoreCanAlsoBeInjectedAsAnEjb() {
    WorkflowExecution execution = newExecution();

    storeByEjbReference.create(execution);

    assertThat(store.get(execution.getId()).getWorkflowName())
        .isEqualTo(execution.getWorkflowName());
  }

  @Test
  void observersHearOfEveryChangeOnceTheTransactionCommits() {
    WorkflowExecution execution = newExecution();

    runner.runToCompletion(execution);

    // CDI leaves the order of AFTER_SUCCESS notifications open: Payara delivers them in firing
    // order, WildFly (Narayana runs afterCompletion synchronizations last-registered first) in
    // reverse. Every change is heard exactly once either way.
    assertThat(recorder.kindsFor(execution.getId()))
        .containsExactlyInAnyOrder(
            Kind.CREATED,
            Kind.STATUS_CHANGED,
            Kind.AUDIT_APPENDED,
            Kind.TASK_UPSERTED,
            Kind.LOGS_APPENDED,
            Kind.TASK_UPSERTED,
            Kind.ERROR_RECORDED,
            Kind.AUDIT_APPENDED,
            Kind.STATUS_CHANGED);
  }

  @Test
  void observersHearNothingBeforeTheCommit() throws Exception {
    WorkflowExecution execution = newExecution();

    transaction.begin();
    try {
      store.create(execution);
      store.transition(execution.getId(), WorkflowStatus.RUNNING, null, null);
      assertThat(recorder.kindsFor(execution.getId())).as("before commit").isEmpty();
    } finally {
      transaction.commit();
    }

    assertThat(recorder.kindsFor(execution.getId()))
        .as("after commit")
        .containsExactlyInAnyOrder(Kind.CREATED, Kind.STATUS_CHANGED);
  }

  @Test
  void aRolledBackTransactionLeavesNothingAndFiresNothing() throws Exception {
    WorkflowExecution execution = newExecution();

    assertThatThrownBy(() -> runner.startThenFail(execution))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the engine crashed");

    assertThat(store.find(execution.getId())).isEmpty();
    assertThat(recorder.kindsFor(execution.getId())).isEmpty();
    for (String table : List.of("workflow_execution", "audit_entry")) {
      String column = table.equals("workflow_execution") ? "id" : "execution_id";
      assertThat(Rows.count(dataSource, table, column, execution.getId())).as(table).isZero();
    }
  }

  @Test
  void aStoreFailureRollsBackTheCallersWholeTransaction() throws Exception {
    WorkflowExecution first = newExecution();
    WorkflowExecution duplicate = newExecution();
    WorkflowExecution existing = store.create(newExecution());
    duplicate.setId(existing.getId());

    transaction.begin();
    try {
      store.create(first);
      assertThatThrownBy(() -> store.create(duplicate))
          .isInstanceOf(
              org.workflowengine.persistence.store.error.DuplicateExecutionException.class);
      assertThat(transaction.getStatus()).isEqualTo(Status.STATUS_MARKED_ROLLBACK);
    } finally {
      transaction.rollback();
    }

    assertThat(store.find(first.getId())).as("the caller's earlier write").isEmpty();
    assertThat(recorder.kindsFor(first.getId())).isEmpty();
  }
}
