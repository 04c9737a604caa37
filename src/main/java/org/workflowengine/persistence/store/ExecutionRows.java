package org.workflowengine.persistence.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.workflowengine.persistence.database.SqlStates;
import org.workflowengine.persistence.json.CanonicalJson;
import org.workflowengine.persistence.model.AppendOrder;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;

/**
 * Inserts an execution's row ({@link #insertExecution}) and the rows that belong to it — labels,
 * task records, audit entries, errors, log lines — by JDBC, one batch per table, on the connection
 * of the caller's transaction.
 *
 * <p>Why not through the entity manager: this path inserts these rows whole and never changes them
 * (a replaced task list is deleted and inserted again; task upserts and label changes go through
 * the entity manager), and recording an execution writes some forty of them. Managed as entities,
 * each was registered, cloned, compared and converted by the provider's unit of work at flush; as
 * batches they are what a hand-written DAO would send. The columns and values are the entities'
 * mappings (the entities read them back): the same row id and ordering number ({@link
 * AppendOrder}), instants as UTC wall-clock time, JSON objects as canonical text, statuses by their
 * wire name, versions from 1.
 *
 * <p>The connection: inside a JTA transaction the server hands out the connection already enlisted
 * for this datasource — the one the persistence unit reads and writes with ({@code
 * eclipselink.transaction.join-existing} in {@code persistence.xml}) — so these rows commit or roll
 * back with the transaction, the persistence unit's queries in it see them, and no second
 * connection is taken. What the entity manager holds must be flushed first (the store flushes every
 * write); a missing execution is reported by the foreign key, as an append through the entity
 * manager would be.
 */
@Dependent
class ExecutionRows {

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  /**
   * Inserts the execution's row if its snapshot is stored, in one statement: the look-up of the
   * snapshot is the insert's own {@code SELECT … WHERE hash = ?}, by primary key.
   *
   * @return false when the snapshot is not stored (nothing was inserted)
   * @throws DuplicateExecutionException if the id is taken
   */
  boolean insertExecution(WorkflowExecution row) {
    row.firstVersion();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO workflow_execution (id, workflow_name, snapshot_hash, status,"
                    + " created_at, completed_at, success, updated_at, version)"
                    + " SELECT CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(255)), hash,"
                    + " CAST(? AS VARCHAR(16)), CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP),"
                    + " CAST(? AS BOOLEAN), CAST(? AS TIMESTAMP), CAST(? AS BIGINT)"
                    + " FROM workflow_snapshot WHERE hash = ?")) {
      Object[] values = {
        row.getId(),
        row.getWorkflowName(),
        row.getStatus().wireName(),
        row.getCreatedAt(),
        instant(row.getCompletedAt()),
        row.getSuccess() == null ? new SqlNull(Types.BOOLEAN) : row.getSuccess(),
        row.getTimestamp(),
        row.getVersion(),
        row.getSnapshotHash()
      };
      for (int i = 0; i < values.length; i++) {
        bind(insert, i + 1, values[i]);
      }
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      if (SqlStates.isUniqueViolation(e)) {
        throw new DuplicateExecutionException(row.getId());
      }
      throw new PersistenceException(
          "Could not store execution " + row.getId() + ": " + e.getMessage(), e);
    }
  }

  /** A batch of rows of execution {@code executionId}. */
  Batch of(String executionId) {
    return new Batch(executionId);
  }

  /** Rows to insert for one execution; nothing is sent before {@link #execute}. */
  final class Batch {
    private final String executionId;
    private final Map<String, List<Object[]>> rowsBySql = new LinkedHashMap<>();

    private Batch(String executionId) {
      this.executionId = executionId;
    }

    Batch labels(Map<String, String> labels, Instant createdAt) {
      labels.forEach(
          (key, value) ->
              add(
                  "INSERT INTO execution_label (execution_id, label_key, label_value, created_at)"
                      + " VALUES (?, ?, ?, ?)",
                  executionId,
                  key,
                  value,
                  createdAt));
      return this;
    }

    Batch tasks(List<TaskExecution> tasks) {
      for (TaskExecution task : tasks) {
        add(
            "INSERT INTO task_execution (row_id, seq, execution_id, task_id, name, status,"
                + " started_at, completed_at, attempt, output_json, error)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            AppendOrder.newId(),
            AppendOrder.next(),
            executionId,
            task.getTaskId(),
            text(task.getName()),
            task.getStatus().wireName(),
            instant(task.getStartedAt()),
            instant(task.getCompletedAt()),
            task.getAttempt(),
            text(json(task.getOutput())),
            text(task.getError()));
      }
      return this;
    }

    /** The audit entries of {@code audit} from index {@code from} on. */
    Batch audit(List<AuditEntry> audit, int from) {
      for (AuditEntry entry : audit.subList(Math.min(from, audit.size()), audit.size())) {
        add(
            "INSERT INTO audit_entry (row_id, seq, execution_id, occurred_at, actor, action,"
                + " details_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
            AppendOrder.newId(),
            AppendOrder.next(),
            executionId,
            entry.getTimestamp(),
            text(entry.getActor()),
            entry.getAction(),
            text(json(entry.getDetails())));
      }
      return this;
    }

    /** The errors of {@code errors} from index {@code from} on. */
    Batch errors(List<ExecutionError> errors, int from) {
      for (ExecutionError error : errors.subList(Math.min(from, errors.size()), errors.size())) {
        add(
            "INSERT INTO execution_error (row_id, seq, execution_id, message, task_id,"
                + " occurred_at) VALUES (?, ?, ?, ?, ?, ?)",
            AppendOrder.newId(),
            AppendOrder.next(),
            executionId,
            error.getMessage(),
            text(error.getTaskId()),
            error.getOccurredAt());
      }
      return this;
    }

    /** The lines of {@code lines} from index {@code from} on, to the log of {@code taskId}. */
    Batch logs(String taskId, List<String> lines, int from, Instant loggedAt) {
      for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
        add(
            "INSERT INTO task_log_line (row_id, seq, execution_id, task_id, line, logged_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)",
            AppendOrder.newId(),
            AppendOrder.next(),
            executionId,
            taskId,
            line,
            loggedAt);
      }
      return this;
    }

    private void add(String sql, Object... values) {
      rowsBySql.computeIfAbsent(sql, s -> new ArrayList<>()).add(values);
    }

    /**
     * Sends the rows, one batch per table, on the transaction's connection.
     *
     * @throws ExecutionNotFoundException if the execution is not stored
     * @throws StaleExecutionException if a row collides with one stored meanwhile (a label added by
     *     a concurrent request)
     */
    void execute() {
      if (rowsBySql.isEmpty()) {
        return;
      }
      try (Connection connection = dataSource.getConnection()) {
        for (Map.Entry<String, List<Object[]>> table : rowsBySql.entrySet()) {
          try (PreparedStatement insert = connection.prepareStatement(table.getKey())) {
            for (Object[] values : table.getValue()) {
              for (int i = 0; i < values.length; i++) {
                bind(insert, i + 1, values[i]);
              }
              insert.addBatch();
            }
            insert.executeBatch();
          }
        }
      } catch (SQLException e) {
        RuntimeException failure = ExecutionWriter.appendFailure(executionId, e);
        if (failure != null) {
          throw failure;
        }
        throw new PersistenceException(
            "Could not store the rows of execution " + executionId + ": " + e.getMessage(), e);
      }
    }
  }

  /** A null of a column's type: each database wants a null bound as what the column holds. */
  private record SqlNull(int type) {}

  private static Object text(String value) {
    return value == null ? new SqlNull(Types.VARCHAR) : value;
  }

  private static Object instant(Instant value) {
    return value == null ? new SqlNull(Types.TIMESTAMP) : value;
  }

  private static String json(JsonObject value) {
    return value == null ? null : CanonicalJson.of(value);
  }

  private static void bind(PreparedStatement statement, int index, Object value)
      throws SQLException {
    if (value instanceof Instant instant) {
      statement.setTimestamp(
          index, Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
    } else if (value instanceof String text) {
      statement.setString(index, text);
    } else if (value instanceof Long number) {
      statement.setLong(index, number);
    } else if (value instanceof Integer number) {
      statement.setInt(index, number);
    } else if (value instanceof Boolean flag) {
      statement.setBoolean(index, flag);
    } else if (value instanceof SqlNull none) {
      statement.setNull(index, none.type());
    } else {
      throw new IllegalArgumentException("No column type for " + value.getClass());
    }
  }
}
