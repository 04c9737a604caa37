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
import java.util.Comparator;
import java.util.List;
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
    List<Row> rows = new ArrayList<>();
    query(
        connection,
        "SELECT row_id, seq, recorded_by, chain_hash, status, success, completed_at,"
            + " snapshot_hash, workflow_name, changed_at FROM execution_status_change"
            + " WHERE execution_id = ?",
        executionId,
        "execution_status_change",
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
        "SELECT row_id, seq, recorded_by, chain_hash, occurred_at, actor, action, details_json"
            + " FROM audit_entry WHERE execution_id = ?",
        executionId,
        "audit_entry",
        ChainLink.Kind.AUDIT,
        r ->
            ChainLink.audit(
                instant(r.getTimestamp(5)), r.getString(6), r.getString(7), json(r.getString(8))),
        rows);
    query(
        connection,
        "SELECT row_id, seq, recorded_by, chain_hash, message, task_id, occurred_at"
            + " FROM execution_error WHERE execution_id = ?",
        executionId,
        "execution_error",
        ChainLink.Kind.ERROR,
        r -> ChainLink.error(r.getString(5), r.getString(6), instant(r.getTimestamp(7))),
        rows);
    query(
        connection,
        "SELECT row_id, seq, recorded_by, chain_hash, task_id, line, logged_at"
            + " FROM task_log_line WHERE execution_id = ?",
        executionId,
        "task_log_line",
        ChainLink.Kind.LOG,
        r -> ChainLink.log(r.getString(5), r.getString(6), instant(r.getTimestamp(7))),
        rows);
    rows.sort(Comparator.comparingLong(Row::seq).thenComparing(Row::rowId));
    return rows;
  }

  /** The stored links of {@code rows}, in their order. */
  public static List<StoredLink> links(List<Row> rows) {
    return rows.stream().map(Row::stored).toList();
  }

  private interface Entry {
    JsonObject of(ResultSet row) throws SQLException;
  }

  private static void query(
      Connection connection,
      String sql,
      String executionId,
      String table,
      ChainLink.Kind kind,
      Entry entry,
      List<Row> rows)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, executionId);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          long seq = r.getLong(2);
          ChainLink link = new ChainLink(kind, seq, r.getString(3), entry.of(r));
          rows.add(new Row(table, r.getString(1), seq, new StoredLink(link, r.getString(4))));
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
