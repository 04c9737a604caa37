package org.workflowengine.persistence.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionStore;

/**
 * Stands in for another module of the application (the workflow engine): a CDI bean that injects
 * the store and records a run in its own JTA transactions.
 */
@ApplicationScoped
public class WorkflowRunner {

  @Inject ExecutionStore store;

  /** Records a whole successful run in one transaction. */
  @Transactional
  public WorkflowExecution runToCompletion(WorkflowExecution execution) {
    String id = store.create(execution).getId();
    store.transition(id, WorkflowStatus.RUNNING, null, null);
    store.appendAudit(id, new AuditEntry("engine", "started", null));
    TaskExecution task = new TaskExecution("extract", "Extract", WorkflowStatus.RUNNING);
    store.upsertTask(id, task);
    store.appendLogs(id, "extract", List.of("connecting", "read 42 rows"));
    task.setStatus(WorkflowStatus.COMPLETE);
    store.upsertTask(id, task);
    store.recordError(id, new ExecutionError("retry after timeout", "extract"));
    store.appendAudit(id, new AuditEntry("engine", "finished", null));
    return store.transition(id, WorkflowStatus.COMPLETE, null, null);
  }

  /** Records the start of a run, then fails: the transaction rolls back. */
  @Transactional
  public void startThenFail(WorkflowExecution execution) {
    String id = store.create(execution).getId();
    store.transition(id, WorkflowStatus.RUNNING, null, null);
    store.appendAudit(id, new AuditEntry("engine", "started", null));
    throw new IllegalStateException("the engine crashed");
  }
}
