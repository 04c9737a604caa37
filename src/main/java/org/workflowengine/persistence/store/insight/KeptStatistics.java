package org.workflowengine.persistence.store.insight;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.PersistenceException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.workflowengine.persistence.chain.LinkRows;
import org.workflowengine.persistence.database.DatabaseSettings;

/**
 * The statistics PostgreSQL keeps per workflow and hour (tables {@code stats_hour} and {@code
 * stats_delta}, kept by triggers on every change: see the schema's change set {@code
 * 007-kept-counts}): the finished runs' and each task's durations as {@link DurationSketch}es, and
 * each error message key's errors, runs and newest run. {@link #fold} moves the deltas into the
 * hours; {@link #read} adds both in one statement, so that a read is exact whether or not a fold
 * ran meanwhile.
 */
@Dependent
public class KeptStatistics {

  /** What a row counts: run durations, a task's durations, or an error message's errors. */
  public static final int RUNS = 1;

  public static final int TASKS = 2;
  public static final int ERRORS = 3;

  /** The most deltas one fold's transaction moves. */
  static final int PAGE = 20_000;

  /** The advisory lock that makes folds one at a time (several nodes may try at once). */
  private static final long FOLD_LOCK = 0x5741_4b45_5054L;

  private final boolean kept = DatabaseSettings.isPostgres();

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  /**
   * One workflow-hour's figures for one item.
   *
   * @param hour the hour
   * @param kind {@link #RUNS}, {@link #TASKS} or {@link #ERRORS}
   * @param item '' for runs, the task id, or the error message key
   * @param sketch the durations (empty for errors)
   * @param n how many durations or errors
   * @param runs for errors, how many runs had the message
   * @param lastAt for errors, the creation time of the newest run with the message, if known
   * @param lastId for errors, that run's id, if known
   */
  public record Hour(
      Instant hour,
      int kind,
      String item,
      DurationSketch sketch,
      long n,
      long runs,
      Instant lastAt,
      String lastId) {}

  /** Whether this database keeps the statistics (PostgreSQL). */
  public boolean kept() {
    return kept;
  }

  /**
   * {@code workflowName}'s kept figures for the hours [{@code from}, {@code to}), folded and not,
   * an hour and item at a time.
   */
  public List<Hour> read(String workflowName, Instant from, Instant to) {
    Map<String, Hour> hours = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT hour, kind, item, sketch, NULL, n, runs, last_at, last_id FROM stats_hour"
                    + " WHERE workflow_name = ? AND hour >= ? AND hour < ?"
                    + " UNION ALL SELECT hour, kind, item, NULL, bucket, n, runs, last_at, last_id"
                    + " FROM stats_delta WHERE workflow_name = ? AND hour >= ? AND hour < ?")) {
      for (int i = 0; i < 2; i++) {
        select.setString(3 * i + 1, workflowName);
        select.setTimestamp(3 * i + 2, timestamp(from));
        select.setTimestamp(3 * i + 3, timestamp(to));
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Instant hour = LinkRows.instant(rows.getTimestamp(1));
          int kind = rows.getInt(2);
          String item = rows.getString(3);
          DurationSketch sketch = DurationSketch.changes();
          sketch.add(DurationSketch.decode(rows.getBytes(4)));
          int bucket = rows.getInt(5);
          if (!rows.wasNull() && kind != ERRORS) {
            sketch.add(bucket, rows.getLong(6));
          }
          Hour row =
              new Hour(
                  hour,
                  kind,
                  item,
                  sketch,
                  rows.getLong(6),
                  rows.getLong(7),
                  LinkRows.instant(rows.getTimestamp(8)),
                  rows.getString(9));
          hours.merge(hour + "\u0000" + kind + "\u0000" + item, row, KeptStatistics::sum);
        }
      }
    } catch (SQLException e) {
      throw new PersistenceException("Could not read the kept statistics: " + e.getMessage(), e);
    }
    List<Hour> read = new ArrayList<>();
    for (Hour hour : hours.values()) {
      read.add(
          new Hour(
              hour.hour(),
              hour.kind(),
              hour.item(),
              hour.sketch().durations(),
              hour.n(),
              hour.runs(),
              hour.lastAt(),
              hour.lastId()));
    }
    return read;
  }

  /**
   * Which of {@code ids} are runs of {@code workflowName}: each one's creation time and the message
   * keys of its errors.
   */
  public Map<String, Map.Entry<Instant, java.util.Set<String>>> errorsOf(
      String workflowName, java.util.Collection<String> ids) {
    Map<String, Map.Entry<Instant, java.util.Set<String>>> runs = new HashMap<>();
    if (ids.isEmpty()) {
      return runs;
    }
    try (Connection connection = dataSource.getConnection()) {
      Array idArray = connection.createArrayOf("varchar", ids.toArray());
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT e.id, e.created_at, x.message_key FROM workflow_execution e"
                  + " JOIN execution_error x ON x.execution_id = e.id"
                  + " WHERE e.workflow_name = ? AND e.id = ANY (?)")) {
        select.setString(1, workflowName);
        select.setArray(2, idArray);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            Instant createdAt = LinkRows.instant(rows.getTimestamp(2));
            runs.computeIfAbsent(
                    rows.getString(1), id -> Map.entry(createdAt, new java.util.HashSet<>()))
                .getValue()
                .add(rows.getString(3));
          }
        }
      } finally {
        idArray.free();
      }
    } catch (SQLException e) {
      throw new PersistenceException("Could not read the runs' errors: " + e.getMessage(), e);
    }
    return runs;
  }

  /**
   * The newest run (by creation time, then id) of {@code workflowName} created in [{@code from},
   * {@code to}) with an error of message key {@code key}; null if none.
   */
  public String newest(String workflowName, String key, Instant from, Instant to) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT e.id FROM workflow_execution e WHERE e.workflow_name = ?"
                    + " AND e.created_at >= ? AND e.created_at < ? AND EXISTS (SELECT 1 FROM"
                    + " execution_error x WHERE x.execution_id = e.id AND x.message_key = ?)"
                    + " ORDER BY e.created_at DESC, e.id COLLATE \"C\" DESC LIMIT 1")) {
      select.setString(1, workflowName);
      select.setTimestamp(2, timestamp(from));
      select.setTimestamp(3, timestamp(to));
      select.setString(4, key);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new PersistenceException("Could not read the newest run: " + e.getMessage(), e);
    }
  }

  /**
   * Folds the deltas into the hours, {@value #PAGE} at a time, each page in a transaction of its
   * own under an advisory lock: the deltas a page deletes are the ones it adds, and those written
   * meanwhile wait for the next page or fold. Returns the deltas folded; nothing on Derby.
   */
  public int fold() throws SQLException {
    if (!kept) {
      return 0;
    }
    int folded = 0;
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        int page;
        do {
          page = foldPage(connection);
          connection.commit();
          folded += page;
        } while (page == PAGE);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
    return folded;
  }

  /**
   * Vacuums the two delta tables, so that the rows the folds deleted are no longer scanned by the
   * reads (and the tables' empty end is given back). Outside any transaction, as {@code VACUUM}
   * must be; it does not block the writers.
   */
  public void vacuumDeltas() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("VACUUM run_count_delta, stats_delta");
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  private int foldPage(Connection connection) throws SQLException {
    try (Statement lock = connection.createStatement()) {
      lock.execute("SELECT pg_advisory_xact_lock(" + FOLD_LOCK + ")");
    }
    Map<List<Object>, Hour> moved = new LinkedHashMap<>();
    int deltas = 0;
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM stats_delta WHERE ctid = ANY (ARRAY(SELECT ctid FROM stats_delta LIMIT "
                + PAGE
                + ")) RETURNING workflow_name, hour, kind, item, bucket, n, runs, last_at,"
                + " last_id")) {
      try (ResultSet rows = delete.executeQuery()) {
        while (rows.next()) {
          deltas++;
          int kind = rows.getInt(3);
          DurationSketch sketch = DurationSketch.changes();
          if (kind != ERRORS) {
            sketch.add(rows.getInt(5), rows.getLong(6));
          }
          Timestamp hour = rows.getTimestamp(2);
          List<Object> key = List.of(rows.getString(1), hour, kind, rows.getString(4));
          moved.merge(
              key,
              new Hour(
                  LinkRows.instant(hour),
                  kind,
                  rows.getString(4),
                  sketch,
                  rows.getLong(6),
                  rows.getLong(7),
                  LinkRows.instant(rows.getTimestamp(8)),
                  rows.getString(9)),
              KeptStatistics::sum);
        }
      }
    }
    if (moved.isEmpty()) {
      return 0;
    }
    Map<List<Object>, Hour> stored = stored(connection, moved.keySet());
    try (PreparedStatement upsert =
            connection.prepareStatement(
                "INSERT INTO stats_hour (workflow_name, hour, kind, item, sketch, n, runs, last_at,"
                    + " last_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workflow_name,"
                    + " hour, kind, item) DO UPDATE SET sketch = excluded.sketch, n = excluded.n,"
                    + " runs = excluded.runs, last_at = excluded.last_at,"
                    + " last_id = excluded.last_id");
        PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM stats_hour WHERE workflow_name = ? AND hour = ? AND kind = ?"
                    + " AND item = ?")) {
      for (Map.Entry<List<Object>, Hour> entry : moved.entrySet()) {
        List<Object> key = entry.getKey();
        Hour before = stored.get(key);
        Hour now = before == null ? entry.getValue() : sum(before, entry.getValue());
        if (now.n() == 0 && now.runs() == 0) {
          if (before != null) {
            bindKey(delete, key);
            delete.addBatch();
          }
          continue;
        }
        bindKey(upsert, key);
        upsert.setBytes(5, now.kind() == ERRORS ? null : now.sketch().durations().encode());
        upsert.setLong(6, now.n());
        upsert.setLong(7, now.runs());
        upsert.setTimestamp(8, now.lastAt() == null ? null : timestamp(now.lastAt()));
        upsert.setString(9, now.lastId());
        upsert.addBatch();
      }
      upsert.executeBatch();
      delete.executeBatch();
    }
    return deltas;
  }

  /** The stored hours of {@code keys}, in one read. */
  private static Map<List<Object>, Hour> stored(Connection connection, Iterable<List<Object>> keys)
      throws SQLException {
    List<String> names = new ArrayList<>();
    List<Timestamp> hours = new ArrayList<>();
    List<Integer> kinds = new ArrayList<>();
    List<String> items = new ArrayList<>();
    for (List<Object> key : keys) {
      names.add((String) key.get(0));
      hours.add((Timestamp) key.get(1));
      kinds.add((Integer) key.get(2));
      items.add((String) key.get(3));
    }
    Map<List<Object>, Hour> stored = new HashMap<>();
    Array nameArray = connection.createArrayOf("varchar", names.toArray());
    Array hourArray = connection.createArrayOf("timestamp", hours.toArray());
    Array kindArray = connection.createArrayOf("int4", kinds.toArray());
    Array itemArray = connection.createArrayOf("varchar", items.toArray());
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT s.workflow_name, s.hour, s.kind, s.item, s.sketch, s.n, s.runs, s.last_at,"
                + " s.last_id FROM stats_hour s JOIN unnest(?, ?, ?, ?) AS k(workflow_name, hour,"
                + " kind, item) ON s.workflow_name = k.workflow_name AND s.hour = k.hour"
                + " AND s.kind = k.kind AND s.item = k.item")) {
      select.setArray(1, nameArray);
      select.setArray(2, hourArray);
      select.setArray(3, kindArray);
      select.setArray(4, itemArray);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Timestamp hour = rows.getTimestamp(2);
          int kind = rows.getInt(3);
          stored.put(
              List.of(rows.getString(1), hour, kind, rows.getString(4)),
              new Hour(
                  LinkRows.instant(hour),
                  kind,
                  rows.getString(4),
                  DurationSketch.decode(rows.getBytes(5)),
                  rows.getLong(6),
                  rows.getLong(7),
                  LinkRows.instant(rows.getTimestamp(8)),
                  rows.getString(9)));
        }
      }
    } finally {
      nameArray.free();
      hourArray.free();
      kindArray.free();
      itemArray.free();
    }
    return stored;
  }

  /** Both added: their counts and sketches, and the newer of their newest runs. */
  static Hour sum(Hour a, Hour b) {
    DurationSketch sketch = DurationSketch.changes();
    sketch.add(a.sketch());
    sketch.add(b.sketch());
    boolean bNewer =
        b.lastAt() != null
            && (a.lastAt() == null
                || b.lastAt().isAfter(a.lastAt())
                || b.lastAt().equals(a.lastAt()) && b.lastId().compareTo(a.lastId()) > 0);
    return new Hour(
        a.hour(),
        a.kind(),
        a.item(),
        sketch,
        a.n() + b.n(),
        a.runs() + b.runs(),
        bNewer ? b.lastAt() : a.lastAt(),
        bNewer ? b.lastId() : a.lastId());
  }

  private static void bindKey(PreparedStatement statement, List<Object> key) throws SQLException {
    statement.setString(1, (String) key.get(0));
    statement.setTimestamp(2, (Timestamp) key.get(1));
    statement.setInt(3, (Integer) key.get(2));
    statement.setString(4, (String) key.get(3));
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }
}
