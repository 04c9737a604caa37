package org.workflowengine.persistence.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Counts rows with plain SQL, past the store, to check what really is in the database. */
public final class Rows {

  private Rows() {}

  /** The rows of {@code table} whose {@code column} equals {@code value}. */
  public static long count(DataSource dataSource, String table, String column, String value)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")) {
      statement.setString(1, value);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /** Every table of the store. */
  public static final List<String> TABLES =
      List.of(
          "workflow_execution",
          "workflow_snapshot",
          "task_execution",
          "audit_entry",
          "task_log_line",
          "execution_error",
          "execution_label");

  /** The row count of each of {@link #TABLES}, in that order. */
  public static List<Long> everyTable(DataSource dataSource) throws SQLException {
    List<Long> counts = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
          result.next();
          counts.add(result.getLong(1));
        }
      }
    }
    return counts;
  }
}
