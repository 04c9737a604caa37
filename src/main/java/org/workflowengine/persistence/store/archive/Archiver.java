package org.workflowengine.persistence.store.archive;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.workflowengine.persistence.json.Timestamps;
import org.workflowengine.persistence.metrics.StoreMetrics;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.event.ExecutionEvent;
import org.workflowengine.persistence.store.lines.ExecutionLines;
import org.workflowengine.persistence.store.lines.ExportView;
import org.workflowengine.persistence.store.lines.ImportedChain;
import org.workflowengine.persistence.store.metrics.MeasuredOperations;
import org.workflowengine.persistence.store.query.ExecutionAssembler;
import org.workflowengine.persistence.store.write.ExecutionChanges;
import org.workflowengine.persistence.store.write.ExecutionRows;

/**
 * Moves executions into the archive and back, so that nothing is ever lost or half-moved:
 *
 * <ol>
 *   <li>each execution is read at one instant and its object written, then read back and compared
 *       (outside any transaction: no lock is held while the archive is written);
 *   <li>then, in one transaction per batch, each execution's row is locked, the execution read
 *       again and compared with what its object holds, and only if they are the same are its task
 *       records, audit entries, log lines and status changes deleted and the row marked archived
 *       with its object's SHA-256.
 * </ol>
 *
 * An archive that cannot be written stops the move before the database is touched; a crash at any
 * point leaves every execution either live (perhaps with an object a repeat overwrites) or
 * archived. An execution that changed between the two steps stays live and is written again by the
 * next purge. Objects are deleted only after the transaction that stops referring to them commits.
 */
@Stateless
@Interceptors(MeasuredOperations.class)
public class Archiver {

  private static final Logger LOG = Logger.getLogger(Archiver.class.getName());

  /** The rows an archived execution no longer keeps; its labels and errors stay for searches. */
  private static final List<String> CHILD_TABLES =
      List.of("task_execution", "audit_entry", "task_log_line", "execution_status_change");

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Resource SessionContext context;

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject Archive archive;

  @Inject StoreMetrics metrics;

  @Inject ExecutionChanges changes;

  @Inject ExecutionAssembler assembler;

  @Inject Event<ExecutionEvent> events;

  /**
   * Moves the live executions among {@code ids} into the archive; returns the ids moved (an id that
   * is gone, already archived, or changed while its object was written is not).
   *
   * @throws org.workflowengine.persistence.store.error.ArchiveUnavailableException if an object
   *     cannot be written: nothing of the batch is then changed in the database
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public List<String> archive(Collection<String> ids) {
    List<Written> written = new ArrayList<>();
    try (ExportView view = ExportView.open(dataSource)) {
      view.start();
      for (String id : ids) {
        Optional<ExportView.Exported> exported = view.execution(id);
        if (exported.isEmpty()) {
          continue;
        }
        WorkflowExecution execution = exported.get().execution();
        JsonObject snapshot =
            view.snapshot(execution.getSnapshotHash())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "Snapshot " + execution.getSnapshotHash() + " of " + id + " is gone"));
        ArchivedObject object =
            new ArchivedObject(
                ExecutionLines.snapshotLine(execution.getSnapshotHash(), snapshot),
                ExecutionLines.executionLine(
                    execution, ImportedChain.toJson(exported.get().links())));
        String sha256 = archive.write(id, object.encode());
        written.add(new Written(id, object.executionLine(), sha256));
      }
    }
    if (written.isEmpty()) {
      return List.of();
    }
    List<String> moved = context.getBusinessObject(Archiver.class).markArchived(written);
    metrics.archived(moved.size()); // committed: markArchived runs in a transaction of its own
    return moved;
  }

  /** An execution whose object is written: its execution line, and the object's SHA-256. */
  public record Written(String id, JsonObject line, String sha256) implements Serializable {}

  /** Step 2 of {@link #archive}, in one transaction. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<String> markArchived(List<Written> written) {
    List<String> moved = new ArrayList<>();
    Instant now = Timestamps.now();
    try (Connection connection = dataSource.getConnection()) {
      ExportView view = ExportView.within(connection);
      for (Written one : written) {
        try {
          ExecutionRows.lockChain(connection, one.id(), 0);
        } catch (ExecutionNotFoundException gone) {
          continue;
        }
        Optional<ExportView.Exported> now2 = view.execution(one.id());
        if (now2.isEmpty()
            || !ExecutionLines.executionLine(
                    now2.get().execution(), ImportedChain.toJson(now2.get().links()))
                .equals(one.line())) {
          LOG.info(() -> "Execution " + one.id() + " changed while it was archived; left live");
          continue;
        }
        for (String table : CHILD_TABLES) {
          update(connection, "DELETE FROM " + table + " WHERE execution_id = ?", one.id());
        }
        try (PreparedStatement mark =
            connection.prepareStatement(
                "UPDATE workflow_execution SET archived_at = ?, archive_sha256 = ? WHERE id = ?")) {
          mark.setTimestamp(1, Timestamp.from(now));
          mark.setString(2, one.sha256());
          mark.setString(3, one.id());
          mark.executeUpdate();
        }
        moved.add(one.id());
      }
    } catch (SQLException e) {
      throw new PersistenceException("Could not mark executions archived: " + e.getMessage(), e);
    }
    moved.forEach(id -> events.fire(new ExecutionEvent(ExecutionEvent.Kind.ARCHIVED, id)));
    return moved;
  }

  /**
   * Brings archived execution {@code row} back exactly as it was (record, version, lists, chain),
   * and deletes its object once that has committed.
   *
   * @throws org.workflowengine.persistence.store.error.ArchiveDamagedException if its object is
   *     missing or changed
   */
  public WorkflowExecution restore(WorkflowExecution row) {
    String id = row.getId();
    ArchivedObject.Restored restored =
        ArchivedObject.decode(id, archive.read(id, row.archiveSha256())).restore();
    long version = row.getVersion();
    em.remove(row);
    em.flush();
    changes.restore(restored.execution(), restored.links());
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE workflow_execution SET version = ? WHERE id = ?")) {
        update.setLong(1, version);
        update.setString(2, id);
        update.executeUpdate();
      }
    } catch (SQLException e) {
      throw new PersistenceException(
          "Could not restore execution " + id + ": " + e.getMessage(), e);
    }
    deleteObjectAfterCommit(id);
    events.fire(new ExecutionEvent(ExecutionEvent.Kind.RESTORED, id));
    WorkflowExecution stored = em.find(WorkflowExecution.class, id);
    em.refresh(stored);
    return assembler.whole(stored);
  }

  /**
   * Deletes archived execution {@code id} (at {@code expectedVersion}, any when null) and its
   * object.
   */
  public void delete(String id, Long expectedVersion) {
    changes.delete(id, expectedVersion);
    deleteObjectAfterCommit(id);
  }

  /**
   * Once the caller's transaction commits, deletes the objects of {@code ids}: an object is never
   * removed while a row may still refer to it. A deletion that fails leaves an object no row refers
   * to (logged; the next archiving of that id overwrites it).
   */
  public void deleteObjectsAfterCommit(Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    List<String> copy = List.copyOf(ids);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
              return;
            }
            for (String id : copy) {
              try {
                archive.delete(id);
              } catch (RuntimeException e) {
                LOG.log(
                    Level.WARNING,
                    "The archived object of deleted execution " + id + " could not be deleted",
                    e);
              }
            }
          }
        });
  }

  private void deleteObjectAfterCommit(String id) {
    deleteObjectsAfterCommit(List.of(id));
  }

  private static void update(Connection connection, String sql, String id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      statement.executeUpdate();
    }
  }
}
