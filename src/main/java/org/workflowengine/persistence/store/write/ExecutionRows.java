package org.workflowengine.persistence.store.write;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.workflowengine.persistence.chain.ChainLink;
import org.workflowengine.persistence.database.SqlStates;
import org.workflowengine.persistence.json.CanonicalJson;
import org.workflowengine.persistence.model.AppendOrder;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ErrorMessages;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.store.error.DuplicateExecutionException;
import org.workflowengine.persistence.store.error.ExecutionArchivedException;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.error.StaleExecutionException;
import org.workflowengine.persistence.trace.CurrentTrace;

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
 * mappings (the entities read them back): a random row id; as ordering number the link's position
 * in the execution's chain for audit entries, errors, log lines and status changes (see {@link
 * Batch}), {@link AppendOrder} for task records; instants as UTC wall-clock time, JSON objects as
 * canonical text, statuses by their wire name, versions from 1.
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
public class ExecutionRows {

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  /**
   * Inserts the execution's row if its snapshot is stored, in one statement: the look-up of the
   * snapshot is the insert's own {@code SELECT … WHERE hash = ?}, by primary key.
   *
   * @return false when the snapshot is not stored (nothing was inserted)
   * @throws DuplicateExecutionException if the id is taken
   */
  public boolean insertExecution(WorkflowExecution row, Chain chain) {
    row.firstVersion();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO workflow_execution (id, workflow_name, snapshot_hash, status,"
                    + " created_at, completed_at, success, updated_at, version, chain_head,"
                    + " chain_links)"
                    + " SELECT CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(255)), hash,"
                    + " CAST(? AS VARCHAR(16)), CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP),"
                    + " CAST(? AS BOOLEAN), CAST(? AS TIMESTAMP), CAST(? AS BIGINT),"
                    + " CAST(? AS VARCHAR(64)), CAST(? AS BIGINT)"
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
        chain.head(),
        chain.links(),
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

  /**
   * A batch of rows of execution {@code executionId}, its links recorded by {@code recordedBy} in
   * the trace current on this thread ({@link CurrentTrace}; {@link Batch#inTrace} says otherwise).
   */
  public Batch of(String executionId, String recordedBy) {
    return new Batch(executionId, recordedBy).inTrace(CurrentTrace.id());
  }

  /**
   * Where an execution's chain stands: its head and number of links, and whether the execution is
   * archived (its chain then continues nowhere: it is read, not appended to).
   */
  public record Chain(String head, long links, boolean archived) {
    /** The chain of an execution with no link yet. */
    public static final Chain EMPTY = new Chain(ChainLink.GENESIS, 0);

    public Chain(String head, long links) {
      this(head, links, false);
    }
  }

  /**
   * Rows to insert for one execution; nothing is sent before {@link #execute}. Audit entries,
   * errors, log lines and status changes are links of the execution's chain ({@link ChainLink}):
   * their positions (their {@code seq}) and hashes are given when they are sent, after the chain's
   * head, under the execution row's lock (see {@link #execute}), unless {@link #chainFrom} placed
   * them first.
   */
  public final class Batch {
    private final String executionId;
    private String recordedBy;
    private String traceId;
    private final Map<String, List<Object[]>> rowsBySql = new LinkedHashMap<>();
    private final List<Pending> links = new ArrayList<>();
    private boolean placed;

    /**
     * A link to insert: the link, its hash once placed, and its table's statement with the values
     * after the key and chain columns.
     */
    private record Pending(ChainLink link, String hash, String sql, Object[] values) {}

    private Batch(String executionId, String recordedBy) {
      this.executionId = executionId;
      this.recordedBy = recordedBy;
    }

    public Batch labels(Map<String, String> labels, Instant createdAt) {
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

    public Batch tasks(List<TaskExecution> tasks) {
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

    /** A link recording the execution's record as {@code row} holds it now. */
    public Batch status(WorkflowExecution row) {
      return status(
          row.getStatus().wireName(),
          row.getSuccess(),
          row.getCompletedAt(),
          row.getSnapshotHash(),
          row.getWorkflowName(),
          row.getTimestamp());
    }

    /** A link recording the execution's record with these values (see {@link ChainLink#status}). */
    public Batch status(
        String status,
        Boolean success,
        Instant completedAt,
        String snapshotHash,
        String workflowName,
        Instant at) {
      return link(
          ChainLink.status(status, success, completedAt, snapshotHash, workflowName, at),
          ChainLink.Kind.STATUS,
          "INSERT INTO execution_status_change (row_id, seq, execution_id, chain_hash,"
              + " recorded_by, status, success, completed_at, snapshot_hash, workflow_name,"
              + " changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          status,
          success == null ? new SqlNull(Types.BOOLEAN) : success,
          instant(completedAt),
          snapshotHash,
          workflowName,
          at);
    }

    /** The audit entries of {@code audit} from index {@code from} on. */
    public Batch audit(List<AuditEntry> audit, int from) {
      for (AuditEntry entry : audit.subList(Math.min(from, audit.size()), audit.size())) {
        link(
            ChainLink.audit(
                entry.getTimestamp(), entry.getActor(), entry.getAction(), entry.getDetails()),
            ChainLink.Kind.AUDIT,
            "INSERT INTO audit_entry (row_id, seq, execution_id, chain_hash, recorded_by,"
                + " trace_id, occurred_at, actor, action, details_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            entry.getTimestamp(),
            text(entry.getActor()),
            entry.getAction(),
            text(json(entry.getDetails())));
      }
      return this;
    }

    /** The errors of {@code errors} from index {@code from} on. */
    public Batch errors(List<ExecutionError> errors, int from) {
      for (ExecutionError error : errors.subList(Math.min(from, errors.size()), errors.size())) {
        link(
            ChainLink.error(error.getMessage(), error.getTaskId(), error.getOccurredAt()),
            ChainLink.Kind.ERROR,
            "INSERT INTO execution_error (row_id, seq, execution_id, chain_hash, recorded_by,"
                + " trace_id, message, task_id, occurred_at, message_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            error.getMessage(),
            text(error.getTaskId()),
            error.getOccurredAt(),
            ErrorMessages.normalise(error.getMessage()));
      }
      return this;
    }

    /** The lines of {@code lines} from index {@code from} on, to the log of {@code taskId}. */
    public Batch logs(String taskId, List<String> lines, int from, Instant loggedAt) {
      for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
        link(
            ChainLink.log(taskId, line, loggedAt),
            ChainLink.Kind.LOG,
            "INSERT INTO task_log_line (row_id, seq, execution_id, chain_hash, recorded_by,"
                + " trace_id, task_id, line, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            taskId,
            line,
            loggedAt);
      }
      return this;
    }

    /** Who the links added from now on were recorded by (an import keeps each link's own). */
    public Batch as(String recordedBy) {
      this.recordedBy = recordedBy;
      return this;
    }

    /**
     * The trace the audit entries, errors and log lines added from now on were recorded in (null:
     * none); status changes carry none.
     */
    public Batch inTrace(String traceId) {
      this.traceId = traceId;
      return this;
    }

    /** The links' hashes in chain order, once placed ({@link #chainFrom}). */
    public List<String> hashes() {
      return links.stream().map(Pending::hash).toList();
    }

    private Batch link(JsonObject entry, ChainLink.Kind kind, String sql, Object... values) {
      String trace = kind == ChainLink.Kind.STATUS ? null : traceId;
      links.add(new Pending(new ChainLink(kind, 0, recordedBy, trace, entry), null, sql, values));
      return this;
    }

    /**
     * Places the links after {@code start} (an execution not stored yet, whose chain this batch
     * begins): their positions and hashes are computed now, and {@link #execute} takes no lock.
     *
     * @return the chain after them
     */
    public Chain chainFrom(Chain start) {
      placed = true;
      return place(start);
    }

    private Chain place(Chain start) {
      String head = start.head();
      long position = start.links();
      List<Pending> placed = new ArrayList<>(links.size());
      for (Pending pending : links) {
        position++;
        ChainLink link = pending.link().at(position);
        head = link.hash(executionId, head);
        placed.add(new Pending(link, head, pending.sql(), pending.values()));
      }
      links.clear();
      links.addAll(placed);
      return new Chain(head, position);
    }

    private void add(String sql, Object... values) {
      rowsBySql.computeIfAbsent(sql, s -> new ArrayList<>()).add(values);
    }

    /**
     * Sends the rows, one batch per table, on the transaction's connection. Links not placed yet
     * are placed after the chain's head under the execution row's lock, taken by an update of the
     * row (held to the end of the transaction): appends to one execution are serialised, appends to
     * different executions never wait on each other.
     *
     * @return the number of links of the execution's chain after these (its head's position), or 0
     *     when this batch placed none under the lock
     * @throws ExecutionNotFoundException if the execution is not stored
     * @throws StaleExecutionException if a row collides with one stored meanwhile (a label added by
     *     a concurrent request)
     */
    public long execute() {
      if (rowsBySql.isEmpty() && links.isEmpty()) {
        return 0;
      }
      try (Connection connection = dataSource.getConnection()) {
        Chain end = null;
        if (!links.isEmpty() && !placed) {
          Chain start = lockChain(connection, executionId, links.size());
          if (start.archived()) {
            throw new ExecutionArchivedException(executionId);
          }
          end = place(start);
        }
        for (Pending link : links) {
          boolean traced = link.link().kind() != ChainLink.Kind.STATUS;
          int keys = traced ? 6 : 5;
          Object[] values = new Object[link.values().length + keys];
          values[0] = AppendOrder.newId();
          values[1] = link.link().position();
          values[2] = executionId;
          values[3] = link.hash();
          values[4] = text(link.link().recordedBy());
          if (traced) {
            values[5] = text(link.link().traceId());
          }
          System.arraycopy(link.values(), 0, values, keys, link.values().length);
          add(link.sql(), values);
        }
        links.clear();
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
        rowsBySql.clear();
        if (end != null) {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE workflow_execution SET chain_head = ? WHERE id = ?")) {
            update.setString(1, end.head());
            update.setString(2, executionId);
            update.executeUpdate();
          }
        }
        return end == null ? 0 : end.links();
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

  /**
   * Locks execution {@code id}'s row for the rest of the transaction and makes room for {@code
   * count} links; returns where its chain stood.
   *
   * @throws ExecutionNotFoundException if it is not stored
   */
  public static Chain lockChain(Connection connection, String id, long count) throws SQLException {
    if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
      // One round trip fewer while the lock is held: PostgreSQL returns what it updated.
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE workflow_execution SET chain_links = chain_links + ? WHERE id = ?"
                  + " RETURNING chain_head, chain_links, archived_at")) {
        update.setLong(1, count);
        update.setString(2, id);
        try (ResultSet row = update.executeQuery()) {
          if (!row.next()) {
            throw new ExecutionNotFoundException(id);
          }
          return chainOf(row, count);
        }
      }
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE workflow_execution SET chain_links = chain_links + ? WHERE id = ?")) {
      update.setLong(1, count);
      update.setString(2, id);
      if (update.executeUpdate() == 0) {
        throw new ExecutionNotFoundException(id);
      }
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT chain_head, chain_links, archived_at FROM workflow_execution WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return chainOf(row, count);
      }
    }
  }

  /** Where the chain stood before {@code count} links were made room for, from its row. */
  private static Chain chainOf(ResultSet row, long count) throws SQLException {
    String head = row.getString(1);
    return new Chain(
        head == null ? ChainLink.GENESIS : head,
        row.getLong(2) - count,
        row.getTimestamp(3) != null);
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
