package org.workflowengine.persistence.store;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.workflowengine.persistence.database.SqlStates;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.TaskLogLine;
import org.workflowengine.persistence.model.Timestamps;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.snapshot.SnapshotContent;
import org.workflowengine.persistence.snapshot.SnapshotStore;

/**
 * The execution history store: the one entry point through which executions are written and read.
 *
 * <p>Other modules {@code @Inject} or {@code @EJB} it; every method joins the caller's JTA
 * transaction (or runs in its own). Failures are {@link ExecutionStoreException}s, application
 * exceptions that roll the transaction back and reach the caller unwrapped. Every write is flushed
 * before the method returns, so conflicts surface here and not at the caller's commit.
 *
 * <p>What callers get back are copies: changing them changes nothing stored until they are passed
 * to a write method again. Appends (audit entries, log lines, errors) and task upserts are single
 * rows: they neither rewrite what is already stored nor change the execution's version, so
 * concurrent appends never conflict. Every change fires an {@link ExecutionEvent}.
 */
@Stateless
public class ExecutionStore {

  /** Summaries read only the execution row's small, indexed columns. */
  static final String SUMMARY_SELECT =
      "SELECT NEW org.workflowengine.persistence.store.ExecutionSummary("
          + "e.id, e.workflowName, e.status, e.createdAt, e.completedAt, e.success,"
          + " e.timestamp, e.version, e.snapshotHash) FROM WorkflowExecution e";

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Inject SnapshotStore snapshots;

  @Inject Validator validator;

  @Inject Event<ExecutionEvent> events;

  @Inject
  @ConfigProperty(name = "executions.snapshot.max-bytes", defaultValue = "4194304")
  long maxSnapshotBytes;

  // ---------------------------------------------------------------- writes of whole executions

  /**
   * Stores a new execution.
   *
   * @throws DuplicateExecutionException if its id is taken
   * @throws InvalidExecutionException if it breaks the model's rules
   * @throws SnapshotTooLargeException if its snapshot exceeds the limit
   */
  public WorkflowExecution create(WorkflowExecution execution) {
    validate(execution);
    // No look-up first: the primary key refuses a taken id, and insert reports it as a duplicate.
    return insert(execution);
  }

  /**
   * Stores an execution exactly as given, as an import does: its record timestamp and completion
   * are kept, not derived (its version starts afresh). An execution whose id is already stored is
   * left alone.
   *
   * @return true when it was stored, false when its id existed
   */
  public boolean restore(WorkflowExecution execution) {
    validate(execution);
    if (em.find(WorkflowExecution.class, execution.getId()) != null) {
      return false;
    }
    insertRow(execution, true);
    return true;
  }

  /**
   * The seed's {@code save_workflow_execution}: creates the execution, or replaces the stored one
   * with the same id. When {@code execution} carries a version (it came from this store), a stored
   * execution at another version is not overwritten: {@link StaleExecutionException}.
   */
  public WorkflowExecution save(WorkflowExecution execution) {
    return save(execution, execution.getVersion()).value();
  }

  /**
   * Creates the execution, or replaces the stored one with the same id if it is still at {@code
   * expectedVersion} (any version when null). See {@link #update} for what a replacement keeps.
   */
  public Saved<WorkflowExecution> save(WorkflowExecution execution, Long expectedVersion) {
    validate(execution);
    WorkflowExecution current = em.find(WorkflowExecution.class, execution.getId());
    if (current == null) {
      if (expectedVersion != null) {
        throw new ExecutionNotFoundException(execution.getId());
      }
      return new Saved<>(insert(execution), true);
    }
    return new Saved<>(replace(current, execution, expectedVersion), false);
  }

  /**
   * Replaces a stored execution: name, snapshot, status (by an allowed move), completion and the
   * task records become those given. The audit trail, logs and errors are append-only: what is
   * stored stays, and entries of the given lists beyond the stored count are appended (so an engine
   * that saves its whole, growing execution each time loses nothing). The creation time never
   * changes.
   *
   * @throws ExecutionNotFoundException if it is not stored
   * @throws StaleExecutionException if {@code execution} carries a version and the stored one has
   *     moved on
   * @throws IllegalTransitionException if the status change is not allowed
   */
  public WorkflowExecution update(WorkflowExecution execution) {
    validate(execution);
    return replace(require(execution.getId()), execution, execution.getVersion());
  }

  /**
   * Deletes an execution with everything recorded for it.
   *
   * @param expectedVersion the version the caller last saw, or null for any
   */
  public void delete(String id, Long expectedVersion) {
    WorkflowExecution current = require(id);
    checkVersion(current, expectedVersion);
    em.remove(current);
    flush(id);
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.DELETED, id));
  }

  // ---------------------------------------------------------------- status

  /**
   * Moves an execution to {@code target}. Entering a terminal status sets {@code completed_at} to
   * now and {@code success} to the given value, or to whether the status is {@code Complete}. A
   * move to the current status changes nothing.
   *
   * @param success the outcome to record when {@code target} is terminal; ignored otherwise
   * @param expectedVersion the version the caller last saw, or null for any
   * @throws IllegalTransitionException if the move is not allowed (for one, out of a terminal
   *     status)
   */
  public WorkflowExecution transition(
      String id, WorkflowStatus target, Boolean success, Long expectedVersion) {
    if (target == null) {
      throw new InvalidExecutionException("status is required");
    }
    WorkflowExecution current = require(id);
    checkVersion(current, expectedVersion);
    if (current.getStatus() == target) {
      return assemble(current);
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
    flush(id);
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.STATUS_CHANGED, id));
    return assemble(current);
  }

  // ---------------------------------------------------------------- appends: one INSERT each

  /** Appends an entry to the execution's audit trail; returns the entry as stored. */
  public AuditEntry appendAudit(String id, AuditEntry entry) {
    requireValid(entry, "audit entry");
    AuditEntry row = entry.copyFor(id);
    insertChild(id, row);
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.AUDIT_APPENDED, id));
    return row.copyFor(id);
  }

  /** Appends lines, in order, to the log of task {@code taskId}. */
  public void appendLogs(String id, String taskId, List<String> lines) {
    List<String> violations = new ArrayList<>();
    if (taskId == null || taskId.length() > 128 || !taskId.matches(WorkflowExecution.ID_PATTERN)) {
      violations.add("task_id must be 1 to 128 letters, digits and . _ : -");
    }
    if (lines == null || lines.isEmpty()) {
      violations.add("lines must hold at least one line");
    } else {
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line == null) {
          violations.add("lines[" + i + "] must not be null");
        } else if (line.length() > TaskLogLine.MAX_LENGTH) {
          violations.add("lines[" + i + "] must be at most " + TaskLogLine.MAX_LENGTH + " chars");
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidExecutionException(violations);
    }
    Instant now = Timestamps.now();
    for (String line : lines) {
      em.persist(new TaskLogLine(id, taskId, line, now));
    }
    flushAppend(id);
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.LOGS_APPENDED, id));
  }

  /** Records an error against the execution; returns it as stored. */
  public ExecutionError recordError(String id, ExecutionError error) {
    requireValid(error, "error");
    ExecutionError row = error.copyFor(id);
    insertChild(id, row);
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.ERROR_RECORDED, id));
    return row.copyFor(id);
  }

  /** Creates the task record {@code task.task_id} of the execution, or replaces its values. */
  public Saved<TaskExecution> upsertTask(String id, TaskExecution task) {
    requireValid(task, "task");
    List<TaskExecution> existing =
        em.createNamedQuery("TaskExecution.findByExecutionAndTaskId", TaskExecution.class)
            .setParameter("executionId", id)
            .setParameter("taskId", task.getTaskId())
            .getResultList();
    TaskExecution row;
    if (existing.isEmpty()) {
      row = task.copyFor(id);
      insertChild(id, row);
    } else {
      row = existing.get(0);
      row.replaceValuesWith(task);
      flushAppend(id);
    }
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.TASK_UPSERTED, id));
    return new Saved<>(row.copyFor(id), existing.isEmpty());
  }

  // ---------------------------------------------------------------- reads

  /** The execution with this id, whole (snapshot, tasks, audit trail, logs, errors). */
  public Optional<WorkflowExecution> find(String id) {
    WorkflowExecution row = id == null ? null : em.find(WorkflowExecution.class, id);
    return row == null ? Optional.empty() : Optional.of(assemble(row));
  }

  /**
   * The execution with this id, whole.
   *
   * @throws ExecutionNotFoundException if there is none
   */
  public WorkflowExecution get(String id) {
    return assemble(require(id));
  }

  /**
   * The hash of the snapshot an execution ran, read without loading the snapshot.
   *
   * @throws ExecutionNotFoundException if there is no such execution
   */
  public String getSnapshotHash(String id) {
    return require(id).getSnapshotHash();
  }

  /** The snapshot stored under {@code hash}, if any. */
  public Optional<JsonObject> findSnapshot(String hash) {
    return hash == null ? Optional.empty() : snapshots.find(hash);
  }

  /** One page of summaries matching {@code query}, newest first. */
  public ExecutionPage list(ExecutionQuery query) {
    ExecutionCursor after = query.cursor() == null ? null : ExecutionCursor.decode(query.cursor());
    Map<String, Object> parameters = new LinkedHashMap<>();
    List<String> conditions = criteria(query, parameters);
    if (after != null) {
      conditions.add(
          "(e.createdAt < :afterCreated OR (e.createdAt = :afterCreated AND e.id < :afterId))");
      parameters.put("afterCreated", after.createdAt());
      parameters.put("afterId", after.id());
    }
    String jpql = SUMMARY_SELECT + where(conditions) + " ORDER BY e.createdAt DESC, e.id DESC";
    TypedQuery<ExecutionSummary> select = em.createQuery(jpql, ExecutionSummary.class);
    parameters.forEach(select::setParameter);
    List<ExecutionSummary> rows = select.setMaxResults(query.limit() + 1).getResultList();
    if (rows.size() <= query.limit()) {
      return new ExecutionPage(rows, null);
    }
    List<ExecutionSummary> page = rows.subList(0, query.limit());
    return new ExecutionPage(page, ExecutionCursor.after(page.get(page.size() - 1)).encode());
  }

  /** How many executions match {@code query} (its limit and cursor aside). */
  public long count(ExecutionQuery query) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    String jpql = "SELECT COUNT(e) FROM WorkflowExecution e" + where(criteria(query, parameters));
    TypedQuery<Long> select = em.createQuery(jpql, Long.class);
    parameters.forEach(select::setParameter);
    return select.getSingleResult();
  }

  // ---------------------------------------------------------------- internals

  /** The JPQL conditions of {@code query}, filling in their parameters. */
  static List<String> criteria(ExecutionQuery query, Map<String, Object> parameters) {
    List<String> conditions = new ArrayList<>();
    if (query.workflowName() != null) {
      conditions.add("e.workflowName = :workflowName");
      parameters.put("workflowName", query.workflowName());
    }
    if (!query.statuses().isEmpty()) {
      conditions.add("e.status IN :statuses");
      parameters.put("statuses", new ArrayList<>(query.statuses()));
    }
    if (query.success() != null) {
      conditions.add("e.success = :success");
      parameters.put("success", query.success());
    }
    if (query.createdAfter() != null) {
      conditions.add("e.createdAt >= :createdAfter");
      parameters.put("createdAfter", query.createdAfter());
    }
    if (query.createdBefore() != null) {
      conditions.add("e.createdAt < :createdBefore");
      parameters.put("createdBefore", query.createdBefore());
    }
    if (query.completedAfter() != null) {
      conditions.add("e.completedAt >= :completedAfter");
      parameters.put("completedAfter", query.completedAfter());
    }
    if (query.completedBefore() != null) {
      conditions.add("e.completedAt < :completedBefore");
      parameters.put("completedBefore", query.completedBefore());
    }
    return conditions;
  }

  static String where(List<String> conditions) {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private WorkflowExecution insert(WorkflowExecution execution) {
    WorkflowExecution row = insertRow(execution, false);
    // What was just written, without reading it back: the snapshot and children as given.
    WorkflowExecution stored = row.copyRecord();
    stored.attachSnapshot(row.getWorkflowSnapshot(), row.getSnapshotHash());
    String id = row.getId();
    stored.setTasks(execution.getTasks().stream().map(t -> t.copyFor(id)).toList());
    stored.setAuditTrail(execution.getAuditTrail().stream().map(a -> a.copyFor(id)).toList());
    stored.setErrors(execution.getErrors().stream().map(e -> e.copyFor(id)).toList());
    Map<String, List<String>> logs = new LinkedHashMap<>();
    execution.getPerTaskLogs().forEach((task, lines) -> logs.put(task, List.copyOf(lines)));
    stored.setPerTaskLogs(logs);
    return stored;
  }

  /**
   * Inserts the execution with its children and fires CREATED; returns the managed row.
   *
   * @param exact keep the given record timestamp and completion instead of deriving them
   */
  private WorkflowExecution insertRow(WorkflowExecution execution, boolean exact) {
    String id = execution.getId();
    SnapshotContent snapshot = storeSnapshot(execution.getWorkflowSnapshot());
    WorkflowExecution row = new WorkflowExecution();
    row.setId(id);
    row.setCreatedAt(execution.getCreatedAt());
    copyRecordValues(execution, row, snapshot);
    if (exact) {
      row.setTimestamp(execution.getTimestamp());
      row.setCompletedAt(execution.getCompletedAt());
      row.setSuccess(execution.getSuccess());
    }
    em.persist(row);
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (SqlStates.isUniqueViolation(e)) {
        throw new DuplicateExecutionException(id);
      }
      throw e;
    }
    for (TaskExecution task : execution.getTasks()) {
      em.persist(task.copyFor(id));
    }
    appendNewEntries(id, execution, 0, 0, Map.of());
    flush(id);
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.CREATED, id));
    return row;
  }

  private WorkflowExecution replace(
      WorkflowExecution current, WorkflowExecution execution, Long expectedVersion) {
    String id = current.getId();
    checkVersion(current, expectedVersion);
    if (!current.getStatus().canMoveTo(execution.getStatus())) {
      throw new IllegalTransitionException(id, current.getStatus(), execution.getStatus());
    }
    SnapshotContent snapshot = storeSnapshot(execution.getWorkflowSnapshot());
    copyRecordValues(execution, current, snapshot);
    // The version must move even if only child rows changed: they are part of the replacement.
    em.lock(current, LockModeType.OPTIMISTIC_FORCE_INCREMENT);

    em.createNamedQuery("TaskExecution.deleteByExecution")
        .setParameter("executionId", id)
        .executeUpdate();
    for (TaskExecution task : execution.getTasks()) {
      em.persist(task.copyFor(id));
    }
    long storedAudit = countOf("AuditEntry.countByExecution", id);
    long storedErrors = countOf("ExecutionError.countByExecution", id);
    Map<String, Long> storedLines = new LinkedHashMap<>();
    for (String taskId : execution.getPerTaskLogs().keySet()) {
      storedLines.put(
          taskId,
          em.createNamedQuery("TaskLogLine.countByExecutionAndTask", Long.class)
              .setParameter("executionId", id)
              .setParameter("taskId", taskId)
              .getSingleResult());
    }
    appendNewEntries(id, execution, storedAudit, storedErrors, storedLines);
    flush(id);
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.REPLACED, id));
    return assemble(current);
  }

  /** Sets everything but id and creation time, applying the completion defaults. */
  private static void copyRecordValues(
      WorkflowExecution from, WorkflowExecution to, SnapshotContent snapshot) {
    Instant now = Timestamps.now();
    to.setWorkflowName(from.getWorkflowName());
    to.attachSnapshot(snapshot.json(), snapshot.hash());
    to.setStatus(from.getStatus());
    to.setTimestamp(now);
    if (from.getStatus().isTerminal()) {
      to.setCompletedAt(from.getCompletedAt() != null ? from.getCompletedAt() : now);
      to.setSuccess(
          from.getSuccess() != null
              ? from.getSuccess()
              : from.getStatus() == WorkflowStatus.COMPLETE);
    } else {
      to.setCompletedAt(null);
      to.setSuccess(null);
    }
  }

  private void appendNewEntries(
      String id,
      WorkflowExecution execution,
      long storedAudit,
      long storedErrors,
      Map<String, Long> storedLines) {
    List<AuditEntry> audit = execution.getAuditTrail();
    for (int i = (int) Math.min(storedAudit, audit.size()); i < audit.size(); i++) {
      em.persist(audit.get(i).copyFor(id));
    }
    List<ExecutionError> errors = execution.getErrors();
    for (int i = (int) Math.min(storedErrors, errors.size()); i < errors.size(); i++) {
      em.persist(errors.get(i).copyFor(id));
    }
    Instant now = Timestamps.now();
    for (Map.Entry<String, List<String>> log : execution.getPerTaskLogs().entrySet()) {
      List<String> lines = log.getValue();
      long stored = storedLines.getOrDefault(log.getKey(), 0L);
      for (int i = (int) Math.min(stored, lines.size()); i < lines.size(); i++) {
        em.persist(new TaskLogLine(id, log.getKey(), lines.get(i), now));
      }
    }
  }

  private long countOf(String namedQuery, String id) {
    return em.createNamedQuery(namedQuery, Long.class)
        .setParameter("executionId", id)
        .getSingleResult();
  }

  /** A detached, complete copy of a stored execution. */
  private WorkflowExecution assemble(WorkflowExecution row) {
    String id = row.getId();
    WorkflowExecution copy = row.copyRecord();
    JsonObject snapshot =
        snapshots
            .find(row.getSnapshotHash())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Snapshot "
                            + row.getSnapshotHash()
                            + " of execution "
                            + id
                            + " is missing"));
    copy.attachSnapshot(snapshot, row.getSnapshotHash());
    copy.setTasks(
        em
            .createNamedQuery("TaskExecution.findByExecution", TaskExecution.class)
            .setParameter("executionId", id)
            .getResultList()
            .stream()
            .map(t -> t.copyFor(id))
            .toList());
    copy.setAuditTrail(
        em
            .createNamedQuery("AuditEntry.findByExecution", AuditEntry.class)
            .setParameter("executionId", id)
            .getResultList()
            .stream()
            .map(a -> a.copyFor(id))
            .toList());
    copy.setErrors(
        em
            .createNamedQuery("ExecutionError.findByExecution", ExecutionError.class)
            .setParameter("executionId", id)
            .getResultList()
            .stream()
            .map(e -> e.copyFor(id))
            .toList());
    Map<String, List<String>> logs = new LinkedHashMap<>();
    for (TaskLogLine line :
        em.createNamedQuery("TaskLogLine.findByExecution", TaskLogLine.class)
            .setParameter("executionId", id)
            .getResultList()) {
      logs.computeIfAbsent(line.getTaskId(), k -> new ArrayList<>()).add(line.getLine());
    }
    copy.setPerTaskLogs(logs);
    return copy;
  }

  private WorkflowExecution require(String id) {
    WorkflowExecution row = id == null ? null : em.find(WorkflowExecution.class, id);
    if (row == null) {
      throw new ExecutionNotFoundException(id);
    }
    return row;
  }

  private static void checkVersion(WorkflowExecution current, Long expectedVersion) {
    if (expectedVersion != null && !expectedVersion.equals(current.getVersion())) {
      throw new StaleExecutionException(current.getId(), expectedVersion, current.getVersion());
    }
  }

  private SnapshotContent storeSnapshot(JsonObject json) {
    SnapshotContent snapshot = SnapshotContent.of(json);
    if (snapshot.sizeBytes() > maxSnapshotBytes) {
      throw new SnapshotTooLargeException(snapshot.sizeBytes(), maxSnapshotBytes);
    }
    snapshots.store(snapshot);
    return snapshot;
  }

  private void insertChild(String id, Object row) {
    em.persist(row);
    flushAppend(id);
  }

  /** Flushes an append; the foreign key tells whether the execution exists. */
  private void flushAppend(String id) {
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (SqlStates.isForeignKeyViolation(e)) {
        throw new ExecutionNotFoundException(id);
      }
      if (SqlStates.isUniqueViolation(e)) {
        throw new StaleExecutionException(id, e);
      }
      throw e;
    }
  }

  /** Flushes a write of the execution's row, translating a lost optimistic race. */
  private void flush(String id) {
    try {
      em.flush();
    } catch (OptimisticLockException e) {
      throw new StaleExecutionException(id, e);
    }
  }

  private void validate(WorkflowExecution execution) {
    if (execution == null) {
      throw new InvalidExecutionException("an execution is required");
    }
    List<String> violations = violationsOf(execution);
    Set<String> taskIds = new HashSet<>();
    for (TaskExecution task : execution.getTasks()) {
      if (task != null && task.getTaskId() != null && !taskIds.add(task.getTaskId())) {
        violations.add("tasks: task_id '" + task.getTaskId() + "' appears more than once");
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidExecutionException(violations);
    }
  }

  private void requireValid(Object value, String what) {
    if (value == null) {
      throw new InvalidExecutionException(what + " is required");
    }
    List<String> violations = violationsOf(value);
    if (!violations.isEmpty()) {
      throw new InvalidExecutionException(violations);
    }
  }

  private <T> List<String> violationsOf(T value) {
    Set<String> sorted = new TreeSet<>();
    for (ConstraintViolation<T> violation : validator.validate(value)) {
      String path = Objects.toString(violation.getPropertyPath(), "");
      sorted.add(violation.getMessage() + (path.isEmpty() ? "" : " (at " + path + ")"));
    }
    return new ArrayList<>(sorted);
  }
}
