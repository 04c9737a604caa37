package org.workflowengine.persistence.store;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.workflowengine.persistence.chain.ChainCheck;
import org.workflowengine.persistence.chain.ChainLink;
import org.workflowengine.persistence.chain.ChainVerification;
import org.workflowengine.persistence.chain.LinkRows;
import org.workflowengine.persistence.chain.StoredLink;
import org.workflowengine.persistence.json.Timestamps;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.Labels;
import org.workflowengine.persistence.model.LogAppend;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.TaskIds;
import org.workflowengine.persistence.model.TaskLogLine;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
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
 * concurrent appends never conflict; so are label changes. Every change fires an {@link
 * ExecutionEvent}.
 */
@Stateless
@Interceptors(DatabaseFailures.class)
public class ExecutionStore {

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Inject SnapshotStore snapshots;

  @Inject ExecutionAssembler assembler;

  @Inject ExecutionWriter writer;

  @Inject ModelValidator validator;

  @Inject Event<ExecutionEvent> events;

  @Inject SecurityContext security;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  // ---------------------------------------------------------------- writes of whole executions

  /**
   * Stores a new execution.
   *
   * @throws DuplicateExecutionException if its id is taken
   * @throws InvalidExecutionException if it breaks the model's rules
   * @throws SnapshotTooLargeException if its snapshot exceeds the limit
   */
  public WorkflowExecution create(WorkflowExecution execution) {
    ExecutionRules.require(validator.get(), execution);
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
    return restore(execution, null);
  }

  /**
   * Stores an execution exactly as given, with the links of its chain as exported (see {@link
   * #restore(WorkflowExecution)}); without links, it gets a new chain recorded by the caller.
   *
   * @throws InvalidImportException if the links stored would not hash as {@code links} says
   */
  public boolean restore(WorkflowExecution execution, List<StoredLink> links) {
    ExecutionRules.require(validator.get(), execution);
    if (em.find(WorkflowExecution.class, execution.getId()) != null) {
      return false;
    }
    insertRow(execution, true, recordedBy(), links);
    return true;
  }

  /**
   * Creates the execution, or replaces the stored one with the same id. When {@code execution}
   * carries a version (it came from this store), a stored execution at another version is not
   * overwritten: {@link StaleExecutionException}.
   */
  public WorkflowExecution save(WorkflowExecution execution) {
    return save(execution, execution.getVersion()).value();
  }

  /**
   * Creates the execution, or replaces the stored one with the same id if it is still at {@code
   * expectedVersion}. See {@link #update} for what a replacement keeps.
   *
   * @param expectedVersion the version the caller last saw, or null to create or replace whatever
   *     is stored; with a version, an execution that is not stored is not created
   * @throws StaleExecutionException if {@code expectedVersion} is given and the execution is stored
   *     at another version, or not stored at all (deleted since, or never stored)
   * @throws IllegalTransitionException if the status change is not allowed
   */
  public Saved<WorkflowExecution> save(WorkflowExecution execution, Long expectedVersion) {
    ExecutionRules.require(validator.get(), execution);
    WorkflowExecution current = em.find(WorkflowExecution.class, execution.getId());
    if (current == null) {
      if (expectedVersion != null) {
        throw new StaleExecutionException(execution.getId(), expectedVersion);
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
   * @throws ExecutionNotFoundException if it is not stored and {@code execution} carries no version
   * @throws StaleExecutionException if {@code execution} carries a version and the stored one has
   *     moved on, or is not stored
   * @throws IllegalTransitionException if the status change is not allowed
   */
  public WorkflowExecution update(WorkflowExecution execution) {
    return update(execution, execution == null ? null : execution.getVersion());
  }

  /**
   * Replaces a stored execution, as {@link #update(WorkflowExecution)} does, if it is still at
   * {@code expectedVersion} (whatever version {@code execution} carries); never creates one.
   *
   * @param expectedVersion the version the caller last saw, or null for any stored version
   * @throws ExecutionNotFoundException if it is not stored and {@code expectedVersion} is null
   * @throws StaleExecutionException if {@code expectedVersion} is given and the stored execution is
   *     at another version, or not stored
   * @throws IllegalTransitionException if the status change is not allowed
   */
  public WorkflowExecution update(WorkflowExecution execution, Long expectedVersion) {
    ExecutionRules.require(validator.get(), execution);
    return replace(require(execution.getId(), expectedVersion), execution, expectedVersion);
  }

  /**
   * Deletes an execution with everything recorded for it.
   *
   * @param expectedVersion the version the caller last saw, or null for any
   * @throws ExecutionNotFoundException if it is not stored and {@code expectedVersion} is null
   * @throws StaleExecutionException if {@code expectedVersion} is given and the execution is stored
   *     at another version, or not stored
   */
  public void delete(String id, Long expectedVersion) {
    WorkflowExecution current = require(id, expectedVersion);
    em.remove(current);
    writer.flush(id);
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
   * @throws ExecutionNotFoundException if it is not stored and {@code expectedVersion} is null
   * @throws StaleExecutionException if {@code expectedVersion} is given and the execution is stored
   *     at another version, or not stored
   */
  public WorkflowExecution transition(
      String id, WorkflowStatus target, Boolean success, Long expectedVersion) {
    if (target == null) {
      throw new InvalidExecutionException("status is required");
    }
    WorkflowExecution current = require(id, expectedVersion);
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
    writer.rows(id, recordedBy()).status(current).execute();
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.STATUS_CHANGED, id));
    return assembler.whole(current);
  }

  // ---------------------------------------------------------------- appends: one INSERT each

  /** Appends an entry to the execution's audit trail; returns the entry as stored. */
  public AuditEntry appendAudit(String id, AuditEntry entry) {
    ExecutionRules.require(validator.get(), entry, "audit entry");
    AuditEntry row = entry.copyFor(id);
    String recordedBy = recordedBy();
    writer.rows(id, recordedBy).audit(List.of(row), 0).execute();
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.AUDIT_APPENDED, id));
    return row.copyFor(id).recordedBy(recordedBy);
  }

  /** Appends lines, in order, to the log of task {@code taskId}. */
  public void appendLogs(String id, String taskId, List<String> lines) {
    ExecutionRules.require(validator.get(), new LogAppend(taskId, lines), "log lines");
    writer.rows(id, recordedBy()).logs(taskId, lines, 0, Timestamps.now()).execute();
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.LOGS_APPENDED, id));
  }

  /** Records an error against the execution; returns it as stored. */
  public ExecutionError recordError(String id, ExecutionError error) {
    ExecutionRules.require(validator.get(), error, "error");
    ExecutionError row = error.copyFor(id);
    String recordedBy = recordedBy();
    writer.rows(id, recordedBy).errors(List.of(row), 0).execute();
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.ERROR_RECORDED, id));
    return row.copyFor(id).recordedBy(recordedBy);
  }

  /** Creates the task record {@code task.task_id} of the execution, or replaces its values. */
  public Saved<TaskExecution> upsertTask(String id, TaskExecution task) {
    ExecutionRules.require(validator.get(), task, "task");
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
    return new Saved<>(row.copyFor(id), existing.isEmpty());
  }

  // ---------------------------------------------------------------- labels: one row each

  /**
   * Sets label {@code key} of an execution to {@code value}, touching nothing else of it: neither
   * its version nor its record timestamp change, so it never conflicts with a concurrent append or
   * with a writer holding the execution's version.
   *
   * @return true when the execution did not carry the label before
   * @throws InvalidExecutionException if the key or value breaks the label rules
   * @throws ExecutionNotFoundException if there is no such execution
   */
  public boolean setLabel(String id, String key, String value) {
    requireLabel(key, value);
    boolean created = writer.setLabel(id, key, value);
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.LABEL_SET, id));
    return created;
  }

  /**
   * Removes label {@code key} of an execution, touching nothing else of it.
   *
   * @throws InvalidExecutionException if {@code key} is not a label key: no label can be set under
   *     it, and a removal is held to the rule a setting is
   * @throws ExecutionNotFoundException if there is no such execution
   * @throws LabelNotFoundException if it does not carry the label
   */
  public void removeLabel(String id, String key) {
    String problem = Labels.keyViolation(key);
    if (problem != null) {
      throw new InvalidExecutionException(problem);
    }
    if (!writer.removeLabel(id, key)) {
      require(id);
      throw new LabelNotFoundException(id, key);
    }
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.LABEL_REMOVED, id));
  }

  // ---------------------------------------------------------------- the chain

  /**
   * Checks the execution's hash chain against what is stored: every link at its position, hashing
   * to its stored hash from the previous one, ending at the execution's head, and the execution's
   * record as its last status link says. Appends to the execution wait while it is read (it holds
   * the lock they take), so a concurrent append never looks like tampering.
   *
   * @throws ExecutionNotFoundException if there is no such execution
   */
  public ChainVerification verify(String id) {
    try (Connection connection = dataSource.getConnection()) {
      // The lock appends take, and where the chain stands: its head and number of links.
      ExecutionRows.Chain chain = ExecutionRows.lockChain(connection, id, 0);
      JsonObject record;
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT status, success, completed_at, snapshot_hash, workflow_name"
                  + " FROM workflow_execution WHERE id = ?")) {
        select.setString(1, id);
        try (ResultSet row = select.executeQuery()) {
          row.next();
          record =
              ChainLink.status(
                  row.getString(1),
                  LinkRows.bool(row, 2),
                  LinkRows.instant(row.getTimestamp(3)),
                  row.getString(4),
                  row.getString(5),
                  null);
        }
      }
      return ChainCheck.verify(
          id, LinkRows.links(LinkRows.read(connection, id)), chain.head(), chain.links(), record);
    } catch (SQLException e) {
      throw new PersistenceException(
          "Could not read the chain of execution " + id + ": " + e.getMessage(), e);
    }
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

  private static final String ELYTRON_ANONYMOUS =
      "org.wildfly.security.auth.principal.AnonymousPrincipal";

  /** Who records what a caller without a principal writes. */
  public static final String SYSTEM = "system";

  // ---------------------------------------------------------------- reads

  /** The execution with this id, whole (snapshot, tasks, audit trail, logs, errors). */
  public Optional<WorkflowExecution> find(String id) {
    WorkflowExecution row = id == null ? null : em.find(WorkflowExecution.class, id);
    return row == null ? Optional.empty() : Optional.of(assembler.whole(row));
  }

  /**
   * The execution with this id, whole.
   *
   * @throws ExecutionNotFoundException if there is none
   */
  public WorkflowExecution get(String id) {
    return assembler.whole(require(id));
  }

  /**
   * The hash of the snapshot an execution ran, read without loading the snapshot.
   *
   * @throws ExecutionNotFoundException if there is no such execution
   */
  public String getSnapshotHash(String id) {
    return require(id).getSnapshotHash();
  }

  /**
   * The lines of task {@code taskId}'s log, in order, each with when it was appended and by whom;
   * empty when the task has logged nothing.
   *
   * @throws InvalidQueryException if {@code taskId} is not a task id ({@link TaskIds}): no log can
   *     be stored under it
   * @throws ExecutionNotFoundException if there is no such execution
   */
  public List<TaskLogLine> getLogLines(String id, String taskId) {
    if (!TaskIds.isValid(taskId)) {
      throw new InvalidQueryException("task_id", "must be " + TaskIds.RULE);
    }
    require(id);
    return em.createNamedQuery("TaskLogLine.findByExecutionAndTask", TaskLogLine.class)
        .setParameter("executionId", id)
        .setParameter("taskId", taskId)
        .getResultList();
  }

  /** The snapshot stored under {@code hash}, if any. */
  public Optional<JsonObject> findSnapshot(String hash) {
    return hash == null ? Optional.empty() : snapshots.find(hash);
  }

  /** One page of summaries matching {@code query}, newest first. */
  public ExecutionPage list(ExecutionQuery query) {
    ExecutionCriteria criteria = ExecutionCriteria.of(query);
    if (query.cursor() != null) {
      ExecutionCursor after = ExecutionCursor.decode(query);
      criteria.olderThan(after.createdAt(), after.id());
    }
    List<ExecutionSummary> rows =
        criteria
            .query(em, ExecutionCriteria.SUMMARIES, criteria.newestFirst(), ExecutionSummary.class)
            .setMaxResults(query.limit() + 1)
            .getResultList();
    if (rows.size() <= query.limit()) {
      assembler.attachLabels(rows);
      return new ExecutionPage(rows, null);
    }
    List<ExecutionSummary> page = rows.subList(0, query.limit());
    assembler.attachLabels(page);
    return new ExecutionPage(
        page, ExecutionCursor.after(query, page.get(page.size() - 1)).encode());
  }

  /** How many executions match {@code query} (its limit and cursor aside). */
  public long count(ExecutionQuery query) {
    return ExecutionCriteria.of(query)
        .query(em, "SELECT COUNT(e)", "", Long.class)
        .getSingleResult();
  }

  // ---------------------------------------------------------------- internals

  private WorkflowExecution insert(WorkflowExecution execution) {
    String recordedBy = recordedBy();
    return ExecutionAssembler.asInserted(
        insertRow(execution, false, recordedBy, null), execution, recordedBy);
  }

  /** Inserts the execution with its children and fires CREATED; returns the row. */
  private WorkflowExecution insertRow(
      WorkflowExecution execution, boolean exact, String recordedBy, List<StoredLink> links) {
    WorkflowExecution row = writer.insert(execution, exact, recordedBy, links);
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.CREATED, row.getId()));
    return row;
  }

  private WorkflowExecution replace(
      WorkflowExecution current, WorkflowExecution execution, Long expectedVersion) {
    checkVersion(current, expectedVersion);
    if (!current.getStatus().canMoveTo(execution.getStatus())) {
      throw new IllegalTransitionException(
          current.getId(), current.getStatus(), execution.getStatus());
    }
    writer.replace(current, execution, recordedBy());
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.REPLACED, current.getId()));
    return assembler.whole(current);
  }

  private WorkflowExecution require(String id) {
    WorkflowExecution row = id == null ? null : em.find(WorkflowExecution.class, id);
    if (row == null) {
      throw new ExecutionNotFoundException(id);
    }
    return row;
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

  private static void requireLabel(String key, String value) {
    String problem = Labels.keyViolation(key);
    if (problem == null) {
      problem = Labels.valueViolation(key, value);
    }
    if (problem != null) {
      throw new InvalidExecutionException(problem);
    }
  }

  private static void checkVersion(WorkflowExecution current, Long expectedVersion) {
    if (expectedVersion != null && !expectedVersion.equals(current.getVersion())) {
      throw new StaleExecutionException(current.getId(), expectedVersion, current.getVersion());
    }
  }
}
