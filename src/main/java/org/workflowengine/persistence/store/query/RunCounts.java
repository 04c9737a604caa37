package org.workflowengine.persistence.store.query;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.workflowengine.persistence.chain.LinkRows;
import org.workflowengine.persistence.database.DatabaseSettings;
import org.workflowengine.persistence.model.WorkflowStatus;

/**
 * The runs counted per workflow, hour, status and outcome, as the database keeps them on PostgreSQL
 * (tables {@code run_count} and {@code run_count_delta}, kept by a trigger on every change of a
 * run: see the schema's change set {@code 007-run-counts}). A count whose conditions are only those
 * columns reads them instead of the runs: the whole hours of its range from here, the part hours at
 * its ends from the runs.
 */
@Dependent
public class RunCounts {

  /**
   * One hour's count of a workflow's runs in one status and outcome.
   *
   * @param hour the hour they were created in
   * @param status their status
   * @param success their outcome, null while they have none
   * @param runs how many
   */
  public record Hour(Instant hour, WorkflowStatus status, Boolean success, long runs) {}

  private static final String BOTH =
      "(SELECT workflow_name, hour, status, success, runs FROM run_count"
          + " UNION ALL SELECT workflow_name, hour, status, success, runs FROM run_count_delta) r";

  private static final String FOLD =
      "WITH moved AS (DELETE FROM run_count_delta"
          + " RETURNING workflow_name, hour, status, success, runs)"
          + " INSERT INTO run_count (workflow_name, hour, status, success, runs)"
          + " SELECT workflow_name, hour, status, success, SUM(runs) FROM moved"
          + " GROUP BY workflow_name, hour, status, success"
          + " ON CONFLICT (workflow_name, hour, status, success)"
          + " DO UPDATE SET runs = run_count.runs + excluded.runs";

  private final boolean kept = DatabaseSettings.isPostgres();

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  /** Whether this database keeps the counts (PostgreSQL). */
  public boolean kept() {
    return kept;
  }

  /**
   * Whether a count of {@code query} grouped by {@code grouping} can be read from the kept counts:
   * its conditions are on the workflow, status, outcome and creation time alone.
   */
  public boolean answers(ExecutionQuery query, CountGrouping grouping) {
    return kept
        && grouping.kind() != CountGrouping.Kind.LABEL
        && query.labels().isEmpty()
        && query.errorContains() == null
        && query.completedAfter() == null
        && query.completedBefore() == null
        && query.archived() == ExecutionQuery.Archived.INCLUDE;
  }

  /** The first whole hour at or after {@code at}. */
  public static Instant hourCeiling(Instant at) {
    Instant floor = at.truncatedTo(ChronoUnit.HOURS);
    return floor.equals(at) ? at : floor.plus(1, ChronoUnit.HOURS);
  }

  /**
   * The kept counts of {@code query}'s runs created in the whole hours [{@code from}, {@code to})
   * (either open), grouped by {@code grouping}: a group's key (null for {@link
   * CountGrouping.Kind#NONE}) to its count, zero counts left out.
   */
  public Map<Optional<String>, Long> count(
      ExecutionQuery query, CountGrouping grouping, Instant from, Instant to) {
    String column =
        switch (grouping.kind()) {
          case NONE -> "NULL";
          case STATUS -> "status";
          case WORKFLOW_NAME -> "workflow_name";
          case SUCCESS -> "success";
          case LABEL -> throw new IllegalArgumentException("labels are not kept");
        };
    StringBuilder sql = new StringBuilder("SELECT " + column + ", SUM(runs) FROM " + BOTH);
    List<Object> values = new ArrayList<>();
    String and = " WHERE ";
    if (query.workflowName() != null) {
      sql.append(and).append("workflow_name = ?");
      values.add(query.workflowName());
      and = " AND ";
    }
    if (!query.statuses().isEmpty()) {
      sql.append(and).append("status IN (");
      String comma = "";
      for (WorkflowStatus status : query.statuses()) {
        sql.append(comma).append('?');
        values.add(status.wireName());
        comma = ", ";
      }
      sql.append(')');
      and = " AND ";
    }
    if (query.success() != null) {
      sql.append(and).append("success = ?");
      values.add(query.success() ? 1 : 0);
      and = " AND ";
    }
    if (from != null) {
      sql.append(and).append("hour >= ?");
      values.add(timestamp(from));
      and = " AND ";
    }
    if (to != null) {
      sql.append(and).append("hour < ?");
      values.add(timestamp(to));
    }
    if (grouping.kind() != CountGrouping.Kind.NONE) {
      sql.append(" GROUP BY ").append(column);
    }
    sql.append(" HAVING SUM(runs) <> 0");
    Map<Optional<String>, Long> counts = new HashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < values.size(); i++) {
        statement.setObject(i + 1, values.get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          counts.merge(key(grouping, rows.getObject(1)), rows.getLong(2), Long::sum);
        }
      }
    } catch (SQLException e) {
      throw new jakarta.persistence.PersistenceException(
          "Could not read the kept run counts: " + e.getMessage(), e);
    }
    return counts;
  }

  /**
   * The kept counts of {@code workflowName}'s runs created in the whole hours [{@code from}, {@code
   * to}), an hour, status and outcome at a time.
   */
  public List<Hour> hours(String workflowName, Instant from, Instant to) {
    List<Hour> hours = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT hour, status, success, SUM(runs) FROM "
                    + BOTH
                    + " WHERE workflow_name = ? AND hour >= ? AND hour < ?"
                    + " GROUP BY hour, status, success HAVING SUM(runs) <> 0")) {
      statement.setString(1, workflowName);
      statement.setTimestamp(2, timestamp(from));
      statement.setTimestamp(3, timestamp(to));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          int success = rows.getInt(3);
          hours.add(
              new Hour(
                  LinkRows.instant(rows.getTimestamp(1)),
                  WorkflowStatus.fromWire(rows.getString(2)),
                  success < 0 ? null : success == 1,
                  rows.getLong(4)));
        }
      }
    } catch (SQLException e) {
      throw new jakarta.persistence.PersistenceException(
          "Could not read the kept run counts: " + e.getMessage(), e);
    }
    return hours;
  }

  /**
   * Folds the deltas written since the last fold into the counts, in one statement: the deltas it
   * deletes are the ones it adds, and those written meanwhile wait for the next fold. Then drops
   * the counts that came to zero. Returns how many counts it changed; nothing on Derby.
   */
  public int fold() throws SQLException {
    if (!kept) {
      return 0;
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      int folded = statement.executeUpdate(FOLD);
      statement.executeUpdate("DELETE FROM run_count WHERE runs = 0");
      return folded;
    }
  }

  private static Optional<String> key(CountGrouping grouping, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (grouping.kind() == CountGrouping.Kind.SUCCESS) {
      int success = ((Number) value).intValue();
      return success < 0 ? Optional.empty() : Optional.of(Boolean.toString(success == 1));
    }
    return Optional.of(value.toString());
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }
}
