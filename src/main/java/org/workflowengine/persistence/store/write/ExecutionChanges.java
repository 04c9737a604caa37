package org.workflowengine.persistence.store.write;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.validation.ConstraintViolation;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.workflowengine.persistence.chain.StoredLink;
import org.workflowengine.persistence.json.Timestamps;
import org.workflowengine.persistence.metrics.StoreMetrics;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.Labels;
import org.workflowengine.persistence.model.LogAppend;
import org.workflowengine.persistence.model.SnapshotRef;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.snapshot.SnapshotCache;
import org.workflowengine.persistence.snapshot.SnapshotContent;
import org.workflowengine.persistence.snapshot.SnapshotStore;
import org.workflowengine.persistence.store.error.ExecutionArchivedException;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.error.IllegalTransitionException;
import org.workflowengine.persistence.store.error.InvalidExecutionException;
import org.workflowengine.persistence.store.error.LabelNotFoundException;
import org.workflowengine.persistence.store.error.StaleExecutionException;
import org.workflowengine.persistence.store.event.ExecutionEvent;
import org.workflowengine.persistence.store.query.ExecutionAssembler;

/**
 * Every change the store makes to an execution, as its facade's methods describe them: each checks
 * what it is given (the model's rules, the expected version, the status move), writes through
 * {@link ExecutionWriter}, records who made it and fires its {@link ExecutionEvent}. The facade
 * ({@code store.ExecutionStore}) documents each for its callers and delegates here; export and
 * import store through {@link #restore} as well.
 */
@Dependent
public class ExecutionChanges {

  /** Who records what a caller without a principal writes. */
  public static final String SYSTEM = "system";

  private static final String ELYTRON_ANONYMOUS =
      "org.wildfly.security.auth.principal.AnonymousPrincipal";

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Inject ExecutionAssembler assembler;

  @Inject ExecutionWriter writer;

  @Inject ModelValidator validator;

  @Inject Event<ExecutionEvent> events;

  @Inject SecurityContext security;

  @Inject SnapshotStore snapshots;

  @Inject AppendGroups groups;

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject SnapshotLimit limit;

  @Inject SnapshotCache cache;

  @Inject StoreMetrics metrics;

  /**
   * Registers a workflow definition: stored once by content (the model's rules and the size limit
   * apply as to a {@code workflow_snapshot}); returns its handle, and whether it is new.
   */
  public Saved<SnapshotRef> registerSnapshot(JsonObject definition) {
    if (definition == null) {
      throw new InvalidExecutionException("a definition (a JSON object) is required");
    }
    List<String> violations =
        validator
            .get()
            .validateProperty(new WorkflowExecution("", definition), "workflowSnapshot")
            .stream()
            .map(ConstraintViolation::getMessage)
            .sorted()
            .toList();
    if (!violations.isEmpty()) {
      throw new InvalidExecutionException(violations);
    }
    SnapshotContent content = SnapshotContent.of(definition);
    limit.check(content);
    boolean created = !snapshots.exists(content.hash());
    if (created) {
      snapshots.insertIfAbsent(content);
    }
    cache.put(content);
    return new Saved<>(new SnapshotRef(content.hash()), created);
  }

  /** Stores a new execution; the primary key refuses a taken id (no look-up first). */
  public WorkflowExecution create(WorkflowExecution execution) {
    ExecutionRules.require(validator.get(), execution);
    String recordedBy = recordedBy();
    return ExecutionAssembler.asInserted(
        insertRow(execution, false, recordedBy, null), execution, recordedBy);
  }

  /** Stores an execution exactly as given, with its exported links if any; false if stored. */
  public boolean restore(WorkflowExecution execution, List<StoredLink> links) {
    ExecutionRules.require(validator.get(), execution);
    if (em.find(WorkflowExecution.class, execution.getId()) != null) {
      return false;
    }
    insertRow(execution, true, recordedBy(), links);
    return true;
  }

  /** Creates, or replaces the stored execution if it is at {@code expectedVersion} (any: null). */
  public Saved<WorkflowExecution> save(WorkflowExecution execution, Long expectedVersion) {
    ExecutionRules.require(validator.get(), execution);
    WorkflowExecution current = em.find(WorkflowExecution.class, execution.getId());
    if (current == null) {
      if (expectedVersion != null) {
        throw new StaleExecutionException(execution.getId(), expectedVersion);
      }
      String recordedBy = recordedBy();
      WorkflowExecution row = insertRow(execution, false, recordedBy, null);
      return new Saved<>(ExecutionAssembler.asInserted(row, execution, recordedBy), true);
    }
    return new Saved<>(replace(current, execution, expectedVersion), false);
  }

  /** Replaces a stored execution if it is at {@code expectedVersion} (any: null). */
  public WorkflowExecution update(WorkflowExecution execution, Long expectedVersion) {
    ExecutionRules.require(validator.get(), execution);
    return replace(require(execution.getId(), expectedVersion), execution, expectedVersion);
  }

  /** Deletes an execution at {@code expectedVersion} (any: null) with everything recorded. */
  public void delete(String id, Long expectedVersion) {
    WorkflowExecution current = require(id, expectedVersion);
    em.remove(current);
    writer.flush(id);
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.DELETED, id));
  }

  /** Moves an execution to {@code target}, completing it when the status is terminal. */
  public WorkflowExecution transition(
      String id, WorkflowStatus target, Boolean success, Long expectedVersion) {
    if (target == null) {
      throw new InvalidExecutionException("status is required");
    }
    WorkflowExecution current = require(id, expectedVersion);
    requireLive(current);
    if (current.getStatus() == target) {
      return assembler.whole(current);
    }
    if (!current.getStatus().canMoveTo(target)) {
      throw new IllegalTransitionException(id, current.getStatus(), target);
    }
    Instant now = Timestamps.now();
    current.setStatus(target);
    if (target.isTerminal()) {
      current.setCompletedAt(now);
      current.setSuccess(success != null ? success : target == WorkflowStatus.COMPLETE);
    }
    current.setTimestamp(now);
    writer.flush(id);
    long position = writer.rows(id, recordedBy()).status(current).execute();
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.STATUS_CHANGED, id, position));
    countFinished(target, current.getWorkflowName());
    return assembler.whole(current);
  }

  /** Appends an audit entry; returns it as stored. */
  public AuditEntry appendAudit(String id, AuditEntry entry) {
    ExecutionRules.require(validator.get(), entry, "audit entry");
    AuditEntry row = entry.copyFor(id);
    String recordedBy = recordedBy();
    append(id, recordedBy, rows -> rows.audit(List.of(row), 0), ExecutionEvent.Kind.AUDIT_APPENDED);
    countAppend("audit", 0);
    return row.copyFor(id).recordedBy(recordedBy);
  }

  /** Appends lines to a task's log. */
  public void appendLogs(String id, String taskId, List<String> lines) {
    ExecutionRules.require(validator.get(), new LogAppend(taskId, lines), "log lines");
    Instant loggedAt = Timestamps.now();
    append(
        id,
        recordedBy(),
        rows -> rows.logs(taskId, lines, 0, loggedAt),
        ExecutionEvent.Kind.LOGS_APPENDED);
    countAppend("log", lines.size());
  }

  /** Records an error; returns it as stored. */
  public ExecutionError recordError(String id, ExecutionError error) {
    ExecutionRules.require(validator.get(), error, "error");
    ExecutionError row = error.copyFor(id);
    String recordedBy = recordedBy();
    append(
        id, recordedBy, rows -> rows.errors(List.of(row), 0), ExecutionEvent.Kind.ERROR_RECORDED);
    countAppend("error", 0);
    return row.copyFor(id).recordedBy(recordedBy);
  }

  /** Creates or replaces a task record. */
  public Saved<TaskExecution> upsertTask(String id, TaskExecution task) {
    ExecutionRules.require(validator.get(), task, "task");
    requireLive(id);
    List<TaskExecution> existing =
        em.createNamedQuery("TaskExecution.findByExecutionAndTaskId", TaskExecution.class)
            .setParameter("executionId", id)
            .setParameter("taskId", task.getTaskId())
            .getResultList();
    TaskExecution row;
    if (existing.isEmpty()) {
      row = task.copyFor(id);
      writer.append(id, row);
    } else {
      row = existing.get(0);
      row.replaceValuesWith(task);
      writer.flushAppend(id);
    }
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.TASK_UPSERTED, id));
    countAppend("task", 0);
    return new Saved<>(row.copyFor(id), existing.isEmpty());
  }

  /** Sets a label; true when the execution did not carry it before. */
  public boolean setLabel(String id, String key, String value) {
    String problem = Labels.keyViolation(key);
    if (problem == null) {
      problem = Labels.valueViolation(key, value);
    }
    if (problem != null) {
      throw new InvalidExecutionException(problem);
    }
    boolean created = writer.setLabel(id, key, value); // refuses an archived execution
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.LABEL_SET, id));
    return created;
  }

  /** Removes a label the execution carries. */
  public void removeLabel(String id, String key) {
    String problem = Labels.keyViolation(key);
    if (problem != null) {
      throw new InvalidExecutionException(problem);
    }
    requireLive(id);
    if (!writer.removeLabel(id, key)) {
      require(id, null);
      throw new LabelNotFoundException(id, key);
    }
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.LABEL_REMOVED, id));
  }

  /**
   * Appends links to execution {@code id}'s chain: within the caller's transaction directly, as
   * part of it; without one, with the appends to the same execution waiting at the same moment, in
   * one transaction of their own ({@link AppendGroups}).
   */
  private void append(
      String id, String recordedBy, Consumer<ExecutionRows.Batch> rows, ExecutionEvent.Kind event) {
    if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
      groups.append(id, new AppendGroups.Append(recordedBy, rows, event));
      return;
    }
    ExecutionRows.Batch batch = writer.rows(id, recordedBy);
    rows.accept(batch);
    long position = batch.execute();
    events.fire(new ExecutionEvent(event, id, position));
  }

  /** Counts a run that entered terminal {@code status} once that has committed. */
  private void countFinished(WorkflowStatus status, String workflow) {
    if (status.isTerminal()) {
      metrics.afterCommit(transactions, () -> metrics.runFinished(status.wireName(), workflow));
    }
  }

  /**
   * Counts an append once it has committed: after the call without a caller's transaction (its
   * group has committed when {@link AppendGroups#append} returns), at the caller's commit within
   * one.
   */
  private void countAppend(String kind, int lines) {
    metrics.afterCommit(transactions, () -> metrics.appended(kind, lines));
  }

  /**
   * Who the links written now are recorded by: the caller's principal (over HTTP, the authenticated
   * caller), or {@value #SYSTEM} when there is none.
   */
  private String recordedBy() {
    Principal caller = security.getCallerPrincipal();
    // Payara has no principal for a caller nobody authenticated; WildFly (Elytron) has one, named
    // "anonymous", of its own class.
    return caller == null
            || caller.getName() == null
            || caller.getClass().getName().equals(ELYTRON_ANONYMOUS)
        ? SYSTEM
        : caller.getName();
  }

  /** Inserts the execution with its children and fires CREATED; returns the row. */
  private WorkflowExecution insertRow(
      WorkflowExecution execution, boolean exact, String recordedBy, List<StoredLink> links) {
    WorkflowExecution row = writer.insert(execution, exact, recordedBy, links);
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.CREATED, row.getId()));
    if (!exact) {
      String workflow = row.getWorkflowName();
      metrics.afterCommit(transactions, () -> metrics.runRecorded(workflow));
      countFinished(row.getStatus(), workflow);
    }
    return row;
  }

  private WorkflowExecution replace(
      WorkflowExecution current, WorkflowExecution execution, Long expectedVersion) {
    checkVersion(current, expectedVersion);
    requireLive(current);
    if (!current.getStatus().canMoveTo(execution.getStatus())) {
      throw new IllegalTransitionException(
          current.getId(), current.getStatus(), execution.getStatus());
    }
    boolean wasFinished = current.getStatus().isTerminal();
    writer.replace(current, execution, recordedBy());
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.REPLACED, current.getId()));
    if (!wasFinished) {
      countFinished(current.getStatus(), current.getWorkflowName());
    }
    return assembler.whole(current);
  }

  /**
   * The stored execution if it is at {@code expectedVersion} (any when null). A write that names a
   * version of an execution that is not stored is stale as well: the caller's copy is of an
   * execution deleted since (or never stored), and the write must not go ahead as if it were not.
   */
  private WorkflowExecution require(String id, Long expectedVersion) {
    WorkflowExecution row = id == null ? null : em.find(WorkflowExecution.class, id);
    if (row == null) {
      if (expectedVersion != null) {
        throw new StaleExecutionException(id, expectedVersion);
      }
      throw new ExecutionNotFoundException(id);
    }
    checkVersion(row, expectedVersion);
    return row;
  }

  /** Refuses a change to an archived execution (a missing one is left to the write to report). */
  private void requireLive(String id) {
    WorkflowExecution row = id == null ? null : em.find(WorkflowExecution.class, id);
    if (row != null) {
      requireLive(row);
    }
  }

  private static void requireLive(WorkflowExecution row) {
    if (row.archived()) {
      throw new ExecutionArchivedException(row.getId());
    }
  }

  private static void checkVersion(WorkflowExecution current, Long expectedVersion) {
    if (expectedVersion != null && !expectedVersion.equals(current.getVersion())) {
      throw new StaleExecutionException(current.getId(), expectedVersion, current.getVersion());
    }
  }
}
