package org.workflowengine.persistence.store;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.workflowengine.persistence.chain.ChainVerification;
import org.workflowengine.persistence.chain.StoredLink;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.SnapshotRef;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.TaskIds;
import org.workflowengine.persistence.model.TaskLogLine;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.snapshot.SnapshotStore;
import org.workflowengine.persistence.store.error.ArchiveDamagedException;
import org.workflowengine.persistence.store.error.ArchiveUnavailableException;
import org.workflowengine.persistence.store.error.DuplicateExecutionException;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.error.ExecutionStoreException;
import org.workflowengine.persistence.store.error.IllegalTransitionException;
import org.workflowengine.persistence.store.error.InvalidExecutionException;
import org.workflowengine.persistence.store.error.InvalidImportException;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.store.error.LabelNotFoundException;
import org.workflowengine.persistence.store.error.SnapshotTooLargeException;
import org.workflowengine.persistence.store.error.StaleExecutionException;
import org.workflowengine.persistence.store.error.UnknownSnapshotException;
import org.workflowengine.persistence.store.event.ExecutionEvent;
import org.workflowengine.persistence.store.metrics.MeasuredOperations;
import org.workflowengine.persistence.store.query.ExecutionPage;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.query.ExecutionReader;
import org.workflowengine.persistence.store.write.ExecutionChanges;
import org.workflowengine.persistence.store.write.Saved;

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
 * ExecutionEvent}. Appends ({@code SUPPORTS}) within the caller's transaction are part of it;
 * without one, appends to one execution that arrive together commit together (group commit, see
 * {@code store/write/AppendGroups}), each call returning once its own append has committed.
 */
@Stateless
@Interceptors({MeasuredOperations.class, DatabaseFailures.class})
public class ExecutionStore {

  @Inject ExecutionChanges changes;

  @Resource SessionContext context;

  @Inject ExecutionReader reader;

  @Inject StoredExecutions stored;

  @Inject SnapshotStore snapshots;

  /**
   * Stores a new execution, with its snapshot by value or by reference ({@link #snapshot}).
   *
   * @throws DuplicateExecutionException if its id is taken
   * @throws UnknownSnapshotException if it names a snapshot by reference that is not stored
   * @throws InvalidExecutionException if it breaks the model's rules
   * @throws SnapshotTooLargeException if its snapshot exceeds the limit
   */
  public WorkflowExecution create(WorkflowExecution execution) {
    return changes.create(execution);
  }

  /**
   * Registers a workflow definition once and returns its handle, to record runs of it by reference
   * ({@link WorkflowExecution#of(String, SnapshotRef)}): no definition sent, canonicalised or
   * hashed per run; the same definition answers the same handle. A purge removes snapshots no
   * execution runs: a write with a handle it removed is refused ({@link UnknownSnapshotException}).
   *
   * @throws InvalidExecutionException if the definition breaks the model's rules for a snapshot
   * @throws SnapshotTooLargeException if it exceeds the limit
   */
  public SnapshotRef snapshot(JsonObject definition) {
    return changes.registerSnapshot(definition).value();
  }

  /** {@link #snapshot}, also saying whether the definition was new ({@code created}). */
  public Saved<SnapshotRef> registerSnapshot(JsonObject definition) {
    return changes.registerSnapshot(definition);
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
    return changes.restore(execution, links);
  }

  /**
   * Creates the execution, or replaces the stored one with the same id. When {@code execution}
   * carries a version (it came from this store), a stored execution at another version is not
   * overwritten: {@link StaleExecutionException}.
   */
  public WorkflowExecution save(WorkflowExecution execution) {
    // Through the container, so that the call is measured as the record or replacement it is.
    return context
        .getBusinessObject(ExecutionStore.class)
        .save(execution, execution.getVersion())
        .value();
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
    return changes.save(execution, expectedVersion);
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
    return changes.update(execution, expectedVersion);
  }

  /**
   * Deletes an execution with everything recorded for it; an archived one with its archived object,
   * once the deletion has committed.
   *
   * @param expectedVersion the version the caller last saw, or null for any
   * @throws ExecutionNotFoundException if it is not stored and {@code expectedVersion} is null
   * @throws StaleExecutionException if {@code expectedVersion} is given and the execution is stored
   *     at another version, or not stored
   */
  public void delete(String id, Long expectedVersion) {
    stored.delete(id, expectedVersion);
  }

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
    return changes.transition(id, target, success, expectedVersion);
  }

  /** Appends an entry to the execution's audit trail; returns the entry as stored. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public AuditEntry appendAudit(String id, AuditEntry entry) {
    return changes.appendAudit(id, entry);
  }

  /** Appends lines, in order, to the log of task {@code taskId}. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public void appendLogs(String id, String taskId, List<String> lines) {
    changes.appendLogs(id, taskId, lines);
  }

  /** Records an error against the execution; returns it as stored. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public ExecutionError recordError(String id, ExecutionError error) {
    return changes.recordError(id, error);
  }

  /** Creates the task record {@code task.task_id} of the execution, or replaces its values. */
  public Saved<TaskExecution> upsertTask(String id, TaskExecution task) {
    return changes.upsertTask(id, task);
  }

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
    return changes.setLabel(id, key, value);
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
    changes.removeLabel(id, key);
  }

  /**
   * Checks the execution's hash chain against what is stored (for an archived execution, against
   * its archived object, which must also be the bytes archived): every link at its position,
   * hashing to its stored hash from the previous one, ending at the execution's head, and the
   * execution's record as its last status link says. Appends to the execution wait while it is read
   * (it holds the lock they take), so a concurrent append never looks like tampering.
   *
   * @throws ExecutionNotFoundException if there is no such execution
   */
  public ChainVerification verify(String id) {
    return stored.verify(id);
  }

  /** Who records what a caller without a principal writes. */
  public static final String SYSTEM = ExecutionChanges.SYSTEM;

  /**
   * The execution with this id, whole (snapshot, tasks, audit trail, logs, errors); an archived one
   * as it was, read from its archived object, with its {@code archived_at}.
   */
  public Optional<WorkflowExecution> find(String id) {
    return stored.find(id);
  }

  /**
   * The execution with this id, whole.
   *
   * @throws ExecutionNotFoundException if there is none
   */
  public WorkflowExecution get(String id) {
    return stored.get(id);
  }

  /**
   * The hash of the snapshot an execution ran, read without loading the snapshot.
   *
   * @throws ExecutionNotFoundException if there is no such execution
   */
  public String getSnapshotHash(String id) {
    return reader.require(id).getSnapshotHash();
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
    return stored.logLines(id, taskId);
  }

  /** The snapshot stored under {@code hash}, if any. */
  public Optional<JsonObject> findSnapshot(String hash) {
    return hash == null ? Optional.empty() : snapshots.find(hash);
  }

  /** One page of summaries matching {@code query}, newest first. */
  public ExecutionPage list(ExecutionQuery query) {
    return reader.list(query);
  }

  /** How many executions match {@code query} (its limit and cursor aside). */
  public long count(ExecutionQuery query) {
    return reader.count(query);
  }

  /**
   * Brings an archived execution back into the database exactly as it was before it was archived:
   * its record, version (so its ETag), task records, audit trail, logs, errors, labels and chain;
   * its object is deleted once that has committed. An execution that is not archived is returned as
   * it is.
   *
   * @throws ExecutionNotFoundException if there is no such execution
   * @throws ArchiveDamagedException if its archived object is missing or not the one archived
   * @throws ArchiveUnavailableException if the archive cannot be read
   */
  public WorkflowExecution restoreFromArchive(String id) {
    return stored.restoreFromArchive(id);
  }
}
