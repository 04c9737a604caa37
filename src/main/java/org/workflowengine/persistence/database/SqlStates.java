package org.workflowengine.persistence.database;

import java.sql.SQLException;

/**
 * Recognizes integrity violations by their SQLSTATE, which Derby and PostgreSQL report alike (23505
 * unique, 23503 foreign key), and an unreachable database, through whatever exceptions the JPA
 * provider and the server wrap them in.
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

  /**
   * Whether {@code failure} comes from the database being out of reach, not from the request: a
   * connection exception (SQLSTATE class 08), PostgreSQL shutting down or starting up (57P01,
   * 57P02, 57P03), a refused or broken socket, or the server's pool unable to hand out a
   * connection.
   */
  public static boolean isDatabaseUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException
          || t instanceof java.sql.SQLRecoverableException
          || t instanceof java.net.SocketException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
          String state = e.getSQLState();
          if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
            return true;
          }
        }
      }
      for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
        // Payara's pool (PoolingException) and any JCA allocation failure (ResourceException),
        // named rather than referenced: neither is an API every server has on the class path.
        if (type.getName().endsWith(".PoolingException")
            || type.getName().equals("jakarta.resource.ResourceException")) {
          return true;
        }
      }
    }
    return false;
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
