package org.workflowengine.persistence.chain;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.workflowengine.persistence.json.JsonFormats;

/**
 * Reads an execution's links back from the four tables that hold them ({@code
 * execution_status_change}, {@code audit_entry}, {@code execution_error}, {@code task_log_line}),
 * by JDBC on a connection the caller holds, in the order of their {@code seq} (the link's
 * position), then row id. The values read are what the store wrote, in the form {@link ChainLink}
 * hashes.
 */
public final class LinkRows {

  private LinkRows() {}

  /** One stored link with the table and key of its row. */
  public record Row(String table, String rowId, long seq, StoredLink stored) {}

  /** The execution's links, ordered by seq, then row id. */
  public static List<Row> read(Connection connection, String executionId) throws SQLException {
    return readAll(connection, List.of(executionId)).getOrDefault(executionId, List.of());
  }

  /**
   * The links of each of {@code executionIds} (a page: they are bound as one {@code IN} list), in
   * four queries, each execution's ordered by seq, then row id; an execution without links has no
   * entry.
   */
  public static Map<String, List<Row>> readAll(Connection connection, List<String> executionIds)
      throws SQLException {
    if (executionIds.isEmpty()) {
      return new HashMap<>();
    }
    return read(
        connection,
        "execution_id IN ("
            + String.join(", ", Collections.nCopies(executionIds.size(), "?"))
            + ")",
        select -> {
          for (int i = 0; i < executionIds.size(); i++) {
            select.setString(i + 1, executionIds.get(i));
          }
        });
  }

  /**
   * Execution {@code executionId}'s links at positions after {@code after} up to {@code upTo}, in
   * order: a range of the primary key (execution_id, seq, row_id) in each table.
   */
  public static List<Row> readRange(
      Connection connection, String executionId, long after, long upTo) throws SQLException {
    return read(
            connection,
            "execution_id = ? AND seq > ? AND seq <= ?",
            select -> {
              select.setString(1, executionId);
              select.setLong(2, after);
              select.setLong(3, upTo);
            })
        .getOrDefault(executionId, List.of());
  }

  private interface Binder {
    void bind(PreparedStatement select) throws SQLException;
  }

  private static Map<String, List<Row>> read(Connection connection, String where, Binder binder)
      throws SQLException {
    Map<String, List<Row>> rows = new HashMap<>();
    query(
        connection,
        "execution_status_change",
        "status, success, completed_at, snapshot_hash, workflow_name, changed_at",
        where,
        binder,
        ChainLink.Kind.STATUS,
        r ->
            ChainLink.status(
                r.getString(5),
                bool(r, 6),
                instant(r.getTimestamp(7)),
                r.getString(8),
                r.getString(9),
                instant(r.getTimestamp(10))),
        rows);
    query(
        connection,
        "audit_entry",
        "occurred_at, actor, action, details_json",
        where,
        binder,
        ChainLink.Kind.AUDIT,
        r ->
            ChainLink.audit(
                instant(r.getTimestamp(5)), r.getString(6), r.getString(7), json(r.getString(8))),
        rows);
    query(
        connection,
        "execution_error",
        "message, task_id, occurred_at",
        where,
        binder,
        ChainLink.Kind.ERROR,
        r -> ChainLink.error(r.getString(5), r.getString(6), instant(r.getTimestamp(7))),
        rows);
    query(
        connection,
        "task_log_line",
        "task_id, line, logged_at",
        where,
        binder,
        ChainLink.Kind.LOG,
        r -> ChainLink.log(r.getString(5), r.getString(6), instant(r.getTimestamp(7))),
        rows);
    for (List<Row> links : rows.values()) {
      links.sort(Comparator.comparingLong(Row::seq).thenComparing(Row::rowId));
    }
    return rows;
  }

  /** The stored links of {@code rows}, in their order. */
  public static List<StoredLink> links(List<Row> rows) {
    return rows.stream().map(Row::stored).toList();
  }

  private interface Entry {
    JsonObject of(ResultSet row) throws SQLException;
  }

  /**
   * Reads {@code table}'s links of {@code executionIds}: its key and chain columns (1–4), then
   * {@code columns} (from 5, as {@code entry} reads them), then the execution's id, then the trace
   * id (status changes have none: they are not recorded within a request's trace).
   */
  private static void query(
      Connection connection,
      String table,
      String columns,
      String where,
      Binder binder,
      ChainLink.Kind kind,
      Entry entry,
      Map<String, List<Row>> rows)
      throws SQLException {
    int executionColumn = 5 + columns.split(",").length;
    boolean traced = kind != ChainLink.Kind.STATUS;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT row_id, seq, recorded_by, chain_hash, "
                + columns
                + ", execution_id"
                + (traced ? ", trace_id" : "")
                + " FROM "
                + table
                + " WHERE "
                + where)) {
      binder.bind(select);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          long seq = r.getLong(2);
          ChainLink link =
              new ChainLink(
                  kind,
                  seq,
                  r.getString(3),
                  traced ? r.getString(executionColumn + 1) : null,
                  entry.of(r));
          rows.computeIfAbsent(r.getString(executionColumn), id -> new ArrayList<>())
              .add(new Row(table, r.getString(1), seq, new StoredLink(link, r.getString(4))));
        }
      }
    }
  }

  /** A nullable boolean column. */
  public static Boolean bool(ResultSet row, int column) throws SQLException {
    boolean value = row.getBoolean(column);
    return row.wasNull() ? null : value;
  }

  /** A stored timestamp column (UTC wall-clock time) as an instant. */
  public static Instant instant(Timestamp value) {
    return value == null ? null : value.toLocalDateTime().toInstant(ZoneOffset.UTC);
  }

  private static JsonObject json(String text) {
    if (text == null) {
      return null;
    }
    try (JsonReader reader = JsonFormats.READERS.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
