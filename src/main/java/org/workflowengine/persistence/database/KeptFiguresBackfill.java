package org.workflowengine.persistence.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;

/**
 * Fills what PostgreSQL keeps for counts and statistics (change set {@code 007-kept-counts}) from
 * the rows stored before it: the runs per workflow, hour, status and outcome straight into {@code
 * run_count}; the run and task durations and the error tallies as deltas into {@code stats_delta},
 * which the service folds into {@code stats_hour}. Four {@code INSERT … SELECT … GROUP BY}
 * statements, in the migration's transaction.
 */
public class KeptFiguresBackfill extends DataMigration {

  /** The statements, in order. */
  static final List<String> STATEMENTS =
      List.of(
          "INSERT INTO run_count (workflow_name, hour, status, success, runs) "
              + "SELECT workflow_name, date_trunc('hour', created_at), status, "
              + "CASE WHEN success IS NULL THEN -1 WHEN success THEN 1 ELSE 0 END, count(*) "
              + "FROM workflow_execution "
              + "GROUP BY 1, 2, 3, 4",
          "INSERT INTO stats_delta (workflow_name, hour, kind, item, bucket, n, runs) "
              + "SELECT workflow_name, date_trunc('hour', created_at), 1, '', kept_bucket(created_at, completed_at), "
              + "count(*), 0 "
              + "FROM workflow_execution WHERE completed_at IS NOT NULL "
              + "GROUP BY 1, 2, 5",
          "INSERT INTO stats_delta (workflow_name, hour, kind, item, bucket, n, runs) "
              + "SELECT e.workflow_name, date_trunc('hour', e.created_at), 2, t.task_id, "
              + "kept_bucket(t.started_at, t.completed_at), count(*), 0 "
              + "FROM task_execution t JOIN workflow_execution e ON e.id = t.execution_id "
              + "WHERE t.started_at IS NOT NULL AND t.completed_at IS NOT NULL "
              + "GROUP BY 1, 2, 4, 5",
          "INSERT INTO stats_delta (workflow_name, hour, kind, item, bucket, n, runs, last_at, last_id) "
              + "SELECT e.workflow_name, date_trunc('hour', e.created_at), 3, x.message_key, 0, count(*), "
              + "count(DISTINCT x.execution_id), max(e.created_at), "
              + "(array_agg(e.id ORDER BY e.created_at DESC, e.id COLLATE \"C\" DESC))[1] "
              + "FROM execution_error x JOIN workflow_execution e ON e.id = x.execution_id "
              + "GROUP BY 1, 2, 4");

  @Override
  public void execute(Database database) throws CustomChangeException {
    try {
      fill(((JdbcConnection) database.getConnection()).getUnderlyingConnection());
    } catch (SQLException e) {
      throw new CustomChangeException("Could not fill the kept counts from the stored runs", e);
    }
  }

  /**
   * Adds every stored run, task record and error to the kept figures: on empty ones, the figures of
   * what is stored.
   */
  public static void fill(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : STATEMENTS) {
        statement.executeUpdate(sql);
      }
    }
  }

  @Override
  public String getConfirmationMessage() {
    return "The kept counts hold the stored runs";
  }
}
