package org.workflowengine.persistence.store.write;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.workflowengine.persistence.chain.ChainLink;
import org.workflowengine.persistence.chain.StoredLink;
import org.workflowengine.persistence.database.SqlStates;
import org.workflowengine.persistence.json.Timestamps;
import org.workflowengine.persistence.model.ExecutionLabel;
import org.workflowengine.persistence.model.Labels;
import org.workflowengine.persistence.model.SnapshotRef;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.snapshot.SnapshotCache;
import org.workflowengine.persistence.snapshot.SnapshotContent;
import org.workflowengine.persistence.snapshot.SnapshotStore;
import org.workflowengine.persistence.store.error.ExecutionArchivedException;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.error.InvalidExecutionException;
import org.workflowengine.persistence.store.error.InvalidImportException;
import org.workflowengine.persistence.store.error.LabelNotFoundException;
import org.workflowengine.persistence.store.error.StaleExecutionException;
import org.workflowengine.persistence.store.error.UnknownSnapshotException;

/**
 * Writes whole executions for {@code ExecutionStore}: the execution row with the values the store
 * derives (record timestamp, completion), its snapshot (once per content, within the size limit),
 * its task records and the entries of its append-only lists. The store decides whether a write is
 * allowed (version, status move) and fires the events; this class only writes, and flushes so that
 * conflicts surface before the store returns.
 */
@Dependent
public class ExecutionWriter {

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Inject SnapshotStore snapshots;

  @Inject SnapshotLimit limit;

  @Inject SnapshotCache cache;

  @Inject ExecutionRows rows;

  /** How often an execution's insert is tried while its snapshot keeps vanishing. */
  private static final int SNAPSHOT_ATTEMPTS = 3;

  /**
   * Inserts the execution with its children; returns its row as inserted (by JDBC, so not managed:
   * {@code em.find} gives the managed one).
   *
   * @param exact keep the given record timestamp and completion instead of deriving them
   */
  public WorkflowExecution insert(WorkflowExecution execution, boolean exact, String recordedBy) {
    return insert(execution, exact, recordedBy, null);
  }

  /**
   * Inserts the execution with its children, its chain's links in the order of {@code imported}
   * (each recorded by whom it names, its entry taken in turn from the execution's lists, see {@link
   * ImportedLinks}), or in the usual order when null: its record, then audit entries, errors, log
   * lines.
   *
   * @throws InvalidImportException if the links stored would not hash as {@code imported} says
   */
  public WorkflowExecution insert(
      WorkflowExecution execution, boolean exact, String recordedBy, List<StoredLink> imported) {
    String id = execution.getId();
    requireCompletionOrder(execution, execution.getCreatedAt());
    NamedSnapshot snapshot = named(execution);
    // By reference, the definition is attached from this instance's cache, or read once the row
    // is in (which proves it stored); the chain links only its hash.
    JsonObject definition = snapshot.definition(cache);
    WorkflowExecution row = new WorkflowExecution();
    row.setId(id);
    row.setCreatedAt(execution.getCreatedAt());
    copyRecordValues(
        execution,
        row,
        definition == null ? JsonObject.EMPTY_JSON_OBJECT : definition,
        snapshot.hash());
    if (exact) {
      row.setTimestamp(execution.getTimestamp());
      row.setCompletedAt(execution.getCompletedAt());
      row.setSuccess(execution.getSuccess());
    }
    // Most executions run a definition stored before: one statement inserts the row if so. When
    // it is new, the snapshot is stored (committed on its own, see SnapshotStore) and the insert
    // tried again; a retention purge may remove an unreferenced snapshot in between, hence tries.
    ExecutionRows.Batch children =
        rows.of(id, recordedBy)
            .labels(execution.getLabels(), row.getCreatedAt())
            .tasks(execution.getTasks());
    if (imported == null) {
      children.status(row);
      appendNewEntries(children, execution, 0, 0, Map.of(), Timestamps.now());
    } else {
      ImportedLinks.add(children, execution, imported);
    }
    ExecutionRows.Chain chain = children.chainFrom(ExecutionRows.Chain.EMPTY);
    if (imported != null) {
      ImportedLinks.requireSame(id, imported, children.hashes());
    }
    for (int attempt = 1; !rows.insertExecution(row, chain); attempt++) {
      if (snapshot.byReference()) {
        // Never stored, or purged since: refused, never re-stored from a copy kept here.
        throw new UnknownSnapshotException(snapshot.hash());
      }
      if (attempt == SNAPSHOT_ATTEMPTS) {
        throw new IllegalStateException(
            "Snapshot "
                + snapshot.hash()
                + " was removed each time it was stored, "
                + SNAPSHOT_ATTEMPTS
                + " times in a row, while execution "
                + id
                + " was being recorded");
      }
      snapshots.insertIfAbsent(snapshot.content());
    }
    if (definition == null) {
      row.attachSnapshot(referenced(snapshot.hash()), snapshot.hash());
    }
    children.execute();
    return row;
  }

  /**
   * Replaces the stored {@code current} by {@code execution} (see {@code ExecutionStore#update}):
   * its record and task records, and the entries of its append-only lists beyond those stored.
   */
  public void replace(WorkflowExecution current, WorkflowExecution execution, String recordedBy) {
    String id = current.getId();
    requireCompletionOrder(execution, current.getCreatedAt());
    NamedSnapshot snapshot = named(execution);
    JsonObject definition;
    if (snapshot.byReference()) {
      definition = snapshot.definition(cache);
      if (definition == null) {
        definition = referenced(snapshot.hash());
      } else if (!snapshots.exists(snapshot.hash())) {
        throw new UnknownSnapshotException(snapshot.hash());
      }
    } else {
      snapshots.store(snapshot.content());
      definition = snapshot.content().json();
    }
    List<Object> before = recordOf(current);
    copyRecordValues(execution, current, definition, snapshot.hash());
    boolean recordChanged = !before.equals(recordOf(current));
    // The version must move even if only child rows changed: they are part of the replacement.
    em.lock(current, LockModeType.OPTIMISTIC_FORCE_INCREMENT);

    replaceLabels(id, execution.getLabels(), current.getCreatedAt());
    em.createNamedQuery("TaskExecution.deleteByExecution")
        .setParameter("executionId", id)
        .executeUpdate();
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
    // The version's increment and the label changes first, then the rows as batches.
    flush(id);
    ExecutionRows.Batch children = rows.of(id, recordedBy).tasks(execution.getTasks());
    if (recordChanged) {
      children.status(current);
    }
    appendNewEntries(children, execution, storedAudit, storedErrors, storedLines, Timestamps.now());
    children.execute();
  }

  /** What a status link records of an execution (see {@link ChainLink#status}), but its time. */
  private static List<Object> recordOf(WorkflowExecution row) {
    return Arrays.asList(
        row.getStatus(),
        row.getSuccess(),
        row.getCompletedAt(),
        row.getSnapshotHash(),
        row.getWorkflowName());
  }

  /**
   * Makes the stored labels {@code labels}: removes, changes and adds rows as entities (not by a
   * bulk delete), so that label rows this transaction already holds stay consistent with the
   * database whichever provider manages them.
   */
  private void replaceLabels(String id, Map<String, String> labels, Instant createdAt) {
    Map<String, ExecutionLabel> stored = new HashMap<>();
    for (ExecutionLabel label :
        em.createNamedQuery("ExecutionLabel.findByExecution", ExecutionLabel.class)
            .setParameter("executionId", id)
            .getResultList()) {
      stored.put(label.getKey(), label);
    }
    stored.forEach(
        (key, label) -> {
          if (!labels.containsKey(key)) {
            em.remove(label);
          }
        });
    labels.forEach(
        (key, value) -> {
          ExecutionLabel label = stored.get(key);
          if (label == null) {
            em.persist(new ExecutionLabel(id, key, value, createdAt));
          } else if (!label.getValue().equals(value)) {
            label.setValue(value);
          }
        });
  }

  /**
   * Removes label {@code key} of execution {@code id}.
   *
   * @return false when the execution does not carry it
   */
  public boolean removeLabel(String id, String key) {
    ExecutionLabel label = em.find(ExecutionLabel.class, new ExecutionLabel.Key(id, key));
    if (label == null) {
      return false;
    }
    em.remove(label);
    try {
      flushAppend(id);
    } catch (OptimisticLockException e) {
      // Removed by a concurrent request meanwhile (Hibernate reports the deletion of a row that is
      // gone; EclipseLink says nothing): for this request it was not there to remove.
      throw new LabelNotFoundException(id, key);
    }
    return true;
  }

  /**
   * Sets label {@code key} of execution {@code id} to {@code value}: one row inserted or updated,
   * nothing else of the execution changed. The execution's row is locked first, so that label
   * changes of one execution are serialised (their count stays within the limit, and two that add
   * the same key do not collide); appends to it wait for the lock at most the length of this short
   * transaction, and changes to other executions not at all.
   *
   * @return true when the label was new
   * @throws ExecutionNotFoundException if there is no such execution
   * @throws ExecutionArchivedException if it is archived
   * @throws InvalidExecutionException if the execution already has the most labels allowed
   */
  public boolean setLabel(String id, String key, String value) {
    WorkflowExecution execution =
        em.find(WorkflowExecution.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (execution == null) {
      throw new ExecutionNotFoundException(id);
    }
    if (execution.archived()) {
      throw new ExecutionArchivedException(id);
    }
    ExecutionLabel label = em.find(ExecutionLabel.class, new ExecutionLabel.Key(id, key));
    if (label != null) {
      label.setValue(value);
      flushAppend(id);
      return false;
    }
    long count = countOf("ExecutionLabel.countByExecution", id);
    if (count >= Labels.MAX_LABELS) {
      throw new InvalidExecutionException(
          "labels: at most "
              + Labels.MAX_LABELS
              + " labels are allowed and execution "
              + id
              + " has "
              + count
              + "; remove one before adding '"
              + key
              + "'");
    }
    append(id, new ExecutionLabel(id, key, value, execution.getCreatedAt()));
    return true;
  }

  /** Sets everything but id and creation time, applying the completion defaults. */
  private static void copyRecordValues(
      WorkflowExecution from, WorkflowExecution to, JsonObject snapshot, String snapshotHash) {
    Instant now = Timestamps.now();
    to.setWorkflowName(from.getWorkflowName());
    to.attachSnapshot(snapshot, snapshotHash);
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

  /** Adds the entries of the execution's append-only lists beyond those stored. */
  private static void appendNewEntries(
      ExecutionRows.Batch children,
      WorkflowExecution execution,
      long storedAudit,
      long storedErrors,
      Map<String, Long> storedLines,
      Instant now) {
    children.audit(execution.getAuditTrail(), (int) Math.min(storedAudit, Integer.MAX_VALUE));
    children.errors(execution.getErrors(), (int) Math.min(storedErrors, Integer.MAX_VALUE));
    for (Map.Entry<String, List<String>> log : execution.getPerTaskLogs().entrySet()) {
      long stored = storedLines.getOrDefault(log.getKey(), 0L);
      children.logs(log.getKey(), log.getValue(), (int) Math.min(stored, Integer.MAX_VALUE), now);
    }
  }

  private long countOf(String namedQuery, String id) {
    return em.createNamedQuery(namedQuery, Long.class)
        .setParameter("executionId", id)
        .getSingleResult();
  }

  /**
   * The snapshot a write names: by value ({@code workflow_snapshot}: canonicalized, hashed and held
   * to the size limit now) or by reference ({@code snapshot_hash} alone: nothing computed).
   *
   * @throws InvalidExecutionException if the hash is malformed, or names another definition than
   *     the one sent with it
   */
  private NamedSnapshot named(WorkflowExecution execution) {
    String reference = execution.snapshotReference();
    if (reference != null && !SnapshotRef.isHash(reference)) {
      throw new InvalidExecutionException(
          "snapshot_hash: must be the 64 lower-case hex digits of a stored snapshot's SHA-256, was '"
              + (reference.length() > 80 ? reference.substring(0, 80) + "…" : reference)
              + "'");
    }
    if (reference != null && !execution.snapshotGiven()) {
      return new NamedSnapshot(null, reference);
    }
    SnapshotContent content = SnapshotContent.of(execution.getWorkflowSnapshot());
    if (reference != null && !reference.equals(content.hash())) {
      throw new InvalidExecutionException(
          "snapshot_hash: '"
              + reference
              + "' is not the hash of the workflow_snapshot sent with it ("
              + content.hash()
              + "); send one of them, or both agreeing");
    }
    limit.check(content);
    return new NamedSnapshot(content, content.hash());
  }

  /** A write's snapshot: its content when given by value, null when named by reference. */
  private record NamedSnapshot(SnapshotContent content, String hash) {

    boolean byReference() {
      return content == null;
    }

    /** The definition when it is at hand: sent, or kept by this instance; else null. */
    JsonObject definition(SnapshotCache cache) {
      return content != null ? content.json() : cache.get(hash).orElse(null);
    }
  }

  /**
   * The stored definition {@code hash} names, read and kept in the cache.
   *
   * @throws UnknownSnapshotException if none is stored under it
   */
  private JsonObject referenced(String hash) {
    JsonObject definition =
        snapshots.find(hash).orElseThrow(() -> new UnknownSnapshotException(hash));
    cache.put(hash, definition, definition.toString().length());
    return definition;
  }

  /**
   * Rows to append to execution {@code id}, sent as batches by {@link ExecutionRows.Batch#execute}.
   */
  public ExecutionRows.Batch rows(String id, String recordedBy) {
    return rows.of(id, recordedBy);
  }

  /** Inserts one child row of execution {@code id} (an append or a new task record). */
  public void append(String id, Object row) {
    em.persist(row);
    flushAppend(id);
  }

  /** Flushes an append; the foreign key tells whether the execution exists. */
  public void flushAppend(String id) {
    try {
      em.flush();
    } catch (PersistenceException e) {
      RuntimeException failure = appendFailure(id, e);
      throw failure != null ? failure : e;
    }
  }

  /**
   * What a failed append to execution {@code id} means, whichever way it was written: the foreign
   * key says the execution is not stored, a unique key that a concurrent request stored the same
   * row first.
   *
   * @return the store's exception for it, or null when it is neither
   */
  public static RuntimeException appendFailure(String id, Exception e) {
    if (SqlStates.isForeignKeyViolation(e)) {
      return new ExecutionNotFoundException(id);
    }
    if (SqlStates.isUniqueViolation(e)) {
      return new StaleExecutionException(id, e);
    }
    return null;
  }

  /** Flushes a write of the execution's row, translating a lost optimistic race. */
  public void flush(String id) {
    try {
      em.flush();
    } catch (OptimisticLockException e) {
      throw new StaleExecutionException(id, e);
    }
  }

  private static void requireCompletionOrder(WorkflowExecution execution, Instant createdAt) {
    String violation = ExecutionRules.completionOrderViolation(execution, createdAt);
    if (violation != null) {
      throw new InvalidExecutionException(violation);
    }
  }
}
