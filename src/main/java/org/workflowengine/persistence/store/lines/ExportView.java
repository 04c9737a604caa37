package org.workflowengine.persistence.store.lines;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.PersistenceException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.workflowengine.persistence.chain.LinkRows;
import org.workflowengine.persistence.json.JsonFormats;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.write.ExecutionRows;

/**
 * What an export reads, by JDBC on one connection of its own, so that every execution it writes is
 * as it was at one instant: its record, labels, task records and chain read together.
 *
 * <p>On PostgreSQL the whole export is one read-only {@code REPEATABLE READ} transaction: every
 * read sees the database as it was when the first one ran, however long the export streams and
 * whatever is written meanwhile (writers are not blocked). An execution created after that instant
 * is not in the view and is left out; one deleted after it is exported as it was.
 *
 * <p>On Derby, a repeatable-read transaction would hold a read lock on every row read until the
 * export ends, stopping every writer for its whole length; instead each execution is read in a
 * transaction of its own that first takes the lock appends take (its row's), so each exported
 * execution is as it was at one instant, but two executions may be read at different instants.
 */
public final class ExportView implements AutoCloseable {

  private final Connection connection;
  private final boolean snapshotIsolation;
  private final boolean autoCommit;
  private final int isolation;
  private final boolean readOnly;

  /** Reads within the caller's transaction, holding its locks: settings untouched, no commits. */
  private final boolean managed;

  private ExportView(Connection connection, boolean managed) throws SQLException {
    this.connection = connection;
    this.managed = managed;
    this.autoCommit = connection.getAutoCommit();
    this.isolation = connection.getTransactionIsolation();
    this.readOnly = connection.isReadOnly();
    this.snapshotIsolation =
        connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    if (managed) {
      return;
    }
    connection.setAutoCommit(false);
    if (snapshotIsolation) {
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
    }
  }

  /** A view on a connection of {@code dataSource}'s; call outside any transaction. */
  public static ExportView open(DataSource dataSource) {
    try {
      Connection connection = dataSource.getConnection();
      try {
        return new ExportView(connection, false);
      } catch (SQLException | RuntimeException e) {
        connection.close();
        throw e;
      }
    } catch (SQLException e) {
      throw new PersistenceException("Could not open the export's view: " + e.getMessage(), e);
    }
  }

  /**
   * A view on {@code connection} of the caller's transaction, which already holds the lock of every
   * execution it reads (the archive's re-read before its rows are removed); closing it leaves the
   * connection as it was.
   */
  public static ExportView within(Connection connection) {
    try {
      return new ExportView(connection, true);
    } catch (SQLException e) {
      throw new PersistenceException("Could not open a view: " + e.getMessage(), e);
    }
  }

  /** Fixes the view's instant (on PostgreSQL, the transaction's snapshot is taken now). */
  public void start() {
    try (PreparedStatement select =
            connection.prepareStatement("SELECT COUNT(*) FROM workflow_execution WHERE 1 = 0");
        ResultSet row = select.executeQuery()) {
      row.next();
    } catch (SQLException e) {
      throw failure("its first row", e);
    } finally {
      endRead();
    }
  }

  /** The snapshot stored under {@code hash}, if the view has it. */
  public Optional<JsonObject> snapshot(String hash) {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT content FROM workflow_snapshot WHERE hash = ?")) {
      select.setString(1, hash);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(json(row.getString(1))) : Optional.empty();
      } finally {
        endRead();
      }
    } catch (SQLException e) {
      throw failure("snapshot " + hash, e);
    }
  }

  /** An execution and its chain's rows as one instant saw them, without its snapshot. */
  public record Exported(WorkflowExecution execution, List<LinkRows.Row> links) {}

  /**
   * Execution {@code id} as the view has it, or empty when it has none or holds it archived (its
   * rows are then in its archived object, not here).
   */
  public Optional<Exported> execution(String id) {
    try {
      if (!snapshotIsolation && !managed) {
        try {
          ExecutionRows.lockChain(connection, id, 0);
        } catch (ExecutionNotFoundException e) {
          return Optional.empty();
        }
      }
      WorkflowExecution execution = record(id);
      if (execution == null) {
        return Optional.empty();
      }
      execution.setLabels(labels(id));
      execution.setTasks(tasks(id));
      List<LinkRows.Row> links = LinkRows.read(connection, id);
      ExecutionLines.fill(execution, links.stream().map(LinkRows.Row::stored).toList());
      return Optional.of(new Exported(execution, links));
    } catch (SQLException e) {
      throw failure("execution " + id, e);
    } finally {
      endRead();
    }
  }

  private WorkflowExecution record(String id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT workflow_name, snapshot_hash, status, created_at, completed_at, success,"
                + " updated_at FROM workflow_execution WHERE id = ? AND archived_at IS NULL")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        WorkflowExecution execution = new WorkflowExecution();
        execution.setId(id);
        execution.setWorkflowName(row.getString(1));
        execution.attachSnapshot(JsonValue.EMPTY_JSON_OBJECT, row.getString(2));
        execution.setStatus(WorkflowStatus.fromWire(row.getString(3)));
        execution.setCreatedAt(LinkRows.instant(row.getTimestamp(4)));
        execution.setCompletedAt(LinkRows.instant(row.getTimestamp(5)));
        execution.setSuccess(LinkRows.bool(row, 6));
        execution.setTimestamp(LinkRows.instant(row.getTimestamp(7)));
        return execution;
      }
    }
  }

  private Map<String, String> labels(String id) throws SQLException {
    Map<String, String> labels = new TreeMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT label_key, label_value FROM execution_label WHERE execution_id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          labels.put(row.getString(1), row.getString(2));
        }
      }
    }
    return labels;
  }

  private List<TaskExecution> tasks(String id) throws SQLException {
    List<TaskExecution> tasks = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT task_id, name, status, started_at, completed_at, attempt, output_json, error"
                + " FROM task_execution WHERE execution_id = ? ORDER BY seq, row_id")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          TaskExecution task =
              new TaskExecution(
                  row.getString(1), row.getString(2), WorkflowStatus.fromWire(row.getString(3)));
          task.setStartedAt(LinkRows.instant(row.getTimestamp(4)));
          task.setCompletedAt(LinkRows.instant(row.getTimestamp(5)));
          task.setAttempt(row.getInt(6));
          String output = row.getString(7);
          task.setOutput(output == null ? null : json(output));
          task.setError(row.getString(8));
          tasks.add(task);
        }
      }
    }
    return tasks;
  }

  /** On Derby, ends the transaction of one read (releasing its locks); on PostgreSQL nothing. */
  private void endRead() {
    if (!snapshotIsolation && !managed) {
      try {
        connection.commit();
      } catch (SQLException e) {
        throw failure("the end of a read", e);
      }
    }
  }

  @Override
  public void close() {
    if (managed) {
      return;
    }
    try (connection) {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
      if (snapshotIsolation) {
        connection.setReadOnly(readOnly);
        connection.setTransactionIsolation(isolation);
      }
    } catch (SQLException e) {
      throw failure("closing", e);
    }
  }

  private static PersistenceException failure(String what, SQLException e) {
    return new PersistenceException("The export could not read " + what + ": " + e.getMessage(), e);
  }

  private static JsonObject json(String text) {
    try (JsonReader reader = JsonFormats.READERS.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
