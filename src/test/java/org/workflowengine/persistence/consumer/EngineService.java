package org.workflowengine.persistence.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;
import java.util.List;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionStore;

/** A bean of another application that depends on the store's JAR: the engine's own code. */
@ApplicationScoped
public class EngineService {

  @Inject ExecutionStore store;

  @Transactional
  public String runWorkflow(String name) {
    WorkflowExecution execution =
        new WorkflowExecution(name, Json.createObjectBuilder().add("name", name).build());
    String id = store.create(execution).getId();
    store.transition(id, WorkflowStatus.RUNNING, null, null);
    store.upsertTask(id, new TaskExecution("only", "Only task", WorkflowStatus.COMPLETE));
    store.appendLogs(id, "only", List.of("done"));
    store.appendAudit(id, new AuditEntry("engine", "finished", null));
    store.transition(id, WorkflowStatus.COMPLETE, null, null);
    return id;
  }
}
