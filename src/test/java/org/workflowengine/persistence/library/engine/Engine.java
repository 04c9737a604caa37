package org.workflowengine.persistence.library.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.event.ExecutionEvent;
import org.workflowengine.persistence.store.retention.Retention;
import org.workflowengine.persistence.store.retention.RetentionPolicy;

/** A workflow engine's own code: it records its runs through the injected store. */
@ApplicationScoped
public class Engine {

  @Inject ExecutionStore store;

  @Inject Retention retention;

  /** The store's events this engine observed after their commit, by execution. */
  private final Map<String, List<String>> committed = new ConcurrentHashMap<>();

  /** Records one whole run in one transaction of the engine's; returns its id. */
  @Transactional
  public String run(String workflow, String caller) {
    WorkflowExecution execution =
        new WorkflowExecution(workflow, Json.createObjectBuilder().add("name", workflow).build());
    execution.setLabels(Map.of("recorded-by", caller));
    String id = store.create(execution).getId();
    store.transition(id, WorkflowStatus.RUNNING, null, null);
    store.upsertTask(id, new TaskExecution("only", "Only task", WorkflowStatus.COMPLETE));
    store.appendLogs(id, "only", List.of("done"));
    store.appendAudit(id, new AuditEntry(caller, "finished", null));
    store.transition(id, WorkflowStatus.COMPLETE, null, null);
    return id;
  }

  public WorkflowExecution read(String id) {
    return store.get(id);
  }

  /** Moves the engine's finished runs of {@code workflow} into the archive; returns how many. */
  public long archive(String workflow) {
    return retention
        .purge(
            new RetentionPolicy(null, null, workflow, 0, false, RetentionPolicy.DEFAULT_BATCH_SIZE))
        .getArchived();
  }

  public boolean verify(String id) {
    return store.verify(id).valid();
  }

  public WorkflowExecution restore(String id) {
    return store.restoreFromArchive(id);
  }

  /**
   * Public: the bean is intercepted ({@code @Transactional}), so the container calls its observer
   * through a generated subclass, which on Payara lives in another class loader than the engine's
   * classes and cannot call a package-private method (IllegalAccessError, and no event).
   */
  public void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ExecutionEvent event) {
    committed
        .computeIfAbsent(event.executionId(), k -> new CopyOnWriteArrayList<>())
        .add(event.kind().name());
  }

  public List<String> committedEvents(String id) {
    return committed.getOrDefault(id, List.of());
  }
}
