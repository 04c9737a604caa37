package org.workflowengine.persistence.database;

import java.sql.SQLException;

/**
 * Recognizes integrity violations by their SQLSTATE, which Derby and PostgreSQL report alike (23505
 * unique, 23503 foreign key), through whatever exceptions the JPA provider wraps them in.
 */
public final class SqlStates {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private SqlStates() {}

  public static boolean isUniqueViolation(Throwable failure) {
    return hasState(failure, UNIQUE_VIOLATION);
  }

  public static boolean isForeignKeyViolation(Throwable failure) {
    return hasState(failure, FOREIGN_KEY_VIOLATION);
  }

  private static boolean hasState(Throwable failure, String state) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
          if (state.equals(e.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
