package org.workflowengine.persistence.store.query;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.ExecutionLabel;
import org.workflowengine.persistence.model.StatusChange;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.TaskLogLine;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.snapshot.SnapshotStore;
import org.workflowengine.persistence.trace.CurrentTrace;

/**
 * Builds the detached copies of executions that the store hands out: the execution row with its
 * children (tasks, audit trail, errors, logs) read by their indexed execution id, and its snapshot
 * unless the caller does without it. Nothing handed out is managed, so changing it changes nothing
 * stored.
 */
@Dependent
public class ExecutionAssembler {

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Inject SnapshotStore snapshots;

  /** A complete copy of a stored execution, snapshot included. */
  public WorkflowExecution whole(WorkflowExecution row) {
    WorkflowExecution copy = withoutSnapshot(row);
    String hash = row.getSnapshotHash();
    JsonObject snapshot =
        snapshots
            .find(hash)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Snapshot " + hash + " of execution " + row.getId() + " is missing"));
    copy.attachSnapshot(snapshot, hash);
    return copy;
  }

  /** A copy with every child but not the snapshot, which is left null (its hash is set). */
  public WorkflowExecution withoutSnapshot(WorkflowExecution row) {
    String id = row.getId();
    WorkflowExecution copy = row.copyRecord();
    copy.setLabels(labels(id));
    copy.setTasks(tasks(id));
    copy.setAuditTrail(
        children("AuditEntry.findByExecution", AuditEntry.class, id).stream()
            .map(a -> a.copyFor(id))
            .toList());
    copy.setErrors(
        children("ExecutionError.findByExecution", ExecutionError.class, id).stream()
            .map(e -> e.copyFor(id))
            .toList());
    Map<String, List<String>> logs = new LinkedHashMap<>();
    for (TaskLogLine line : children("TaskLogLine.findByExecution", TaskLogLine.class, id)) {
      logs.computeIfAbsent(line.getTaskId(), k -> new ArrayList<>()).add(line.getLine());
    }
    copy.setPerTaskLogs(logs);
    copy.withStatusHistory(
        children("StatusChange.findByExecution", StatusChange.class, id).stream()
            .map(StatusChange::copy)
            .toList());
    return copy;
  }

  /** Execution {@code id}'s labels, by key. */
  public Map<String, String> labels(String id) {
    Map<String, String> labels = new TreeMap<>();
    for (ExecutionLabel label :
        children("ExecutionLabel.findByExecution", ExecutionLabel.class, id)) {
      labels.put(label.getKey(), label.getValue());
    }
    return labels;
  }

  /** Copies of execution {@code id}'s task records, in the order they were first recorded. */
  public List<TaskExecution> tasks(String id) {
    return children("TaskExecution.findByExecution", TaskExecution.class, id).stream()
        .map(t -> t.copyFor(id))
        .toList();
  }

  /**
   * What was just inserted as {@code row} from {@code given} by {@code recordedBy}, without reading
   * it back: the row's record and snapshot, the children as given (in the trace current on this
   * thread, as they were written), the record's first change.
   */
  public static WorkflowExecution asInserted(
      WorkflowExecution row, WorkflowExecution given, String recordedBy) {
    String id = row.getId();
    String traceId = CurrentTrace.id();
    WorkflowExecution stored = row.copyRecord();
    stored.attachSnapshot(row.getWorkflowSnapshot(), row.getSnapshotHash());
    stored.setLabels(given.getLabels());
    stored.setTasks(given.getTasks().stream().map(t -> t.copyFor(id)).toList());
    stored.setAuditTrail(
        given.getAuditTrail().stream()
            .map(a -> a.copyFor(id).recordedBy(recordedBy).inTrace(traceId))
            .toList());
    stored.setErrors(
        given.getErrors().stream()
            .map(e -> e.copyFor(id).recordedBy(recordedBy).inTrace(traceId))
            .toList());
    stored.withStatusHistory(List.of(StatusChange.of(row, recordedBy)));
    Map<String, List<String>> logs = new LinkedHashMap<>();
    given.getPerTaskLogs().forEach((task, lines) -> logs.put(task, List.copyOf(lines)));
    stored.setPerTaskLogs(logs);
    return stored;
  }

  /** Sets the labels of every summary of {@code page}, read in one query. */
  public void attachLabels(List<ExecutionSummary> page) {
    if (page.isEmpty()) {
      return;
    }
    Map<String, Map<String, String>> byExecution = new HashMap<>();
    for (ExecutionLabel label :
        em.createNamedQuery("ExecutionLabel.findByExecutions", ExecutionLabel.class)
            .setParameter(
                "executionIds", page.stream().map(ExecutionSummary::getId).distinct().toList())
            .getResultList()) {
      byExecution
          .computeIfAbsent(label.getExecutionId(), k -> new TreeMap<>())
          .put(label.getKey(), label.getValue());
    }
    for (ExecutionSummary summary : page) {
      summary.attachLabels(byExecution.getOrDefault(summary.getId(), Map.of()));
    }
  }

  private <T> List<T> children(String namedQuery, Class<T> type, String executionId) {
    return em.createNamedQuery(namedQuery, type)
        .setParameter("executionId", executionId)
        .getResultList();
  }
}
