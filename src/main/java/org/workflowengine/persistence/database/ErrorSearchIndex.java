package org.workflowengine.persistence.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * On PostgreSQL, the trigram index that serves {@code error_contains}: a GIN index over {@code
 * lower(message)} of {@code execution_error}, with the operator class of the {@code pg_trgm}
 * extension that PostgreSQL's contrib package ships. Made at start-up after the schema migration,
 * when it is missing; idempotent.
 *
 * <p>The extension is created when the service's database user may (a superuser, or since
 * PostgreSQL 13 any user with CREATE on the database, pg_trgm being a trusted extension). When it
 * may not, the service starts all the same, searches by scanning the error messages, and says so in
 * the log with what an administrator can do about it. (On Derby searches always scan.)
 */
final class ErrorSearchIndex {

  static final String INDEX = "ix_error_message_trgm";

  private static final Logger LOG = Logger.getLogger(ErrorSearchIndex.class.getName());

  private ErrorSearchIndex() {}

  static void ensure(Connection connection) throws SQLException {
    if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
      return;
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true);
    try {
      if (indexExists(connection)) {
        return;
      }
      String schema = extensionSchema(connection);
      if (schema == null) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
        } catch (SQLException e) {
          schema = extensionSchema(connection);
          if (schema == null) {
            LOG.warning(
                () ->
                    "error_contains searches will scan every error message: this database has no"
                        + " pg_trgm extension and the service's user may not create it ("
                        + e.getMessage().strip()
                        + "). A superuser can run CREATE EXTENSION pg_trgm in this database (the"
                        + " package postgresql-contrib provides it); the service then creates its"
                        + " trigram index at its next start.");
            return;
          }
        }
        schema = extensionSchema(connection);
      }
      String trigramSchema = schema;
      String operatorClass = '"' + schema.replace("\"", "\"\"") + "\".gin_trgm_ops";
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE INDEX IF NOT EXISTS "
                + INDEX
                + " ON execution_error USING gin (lower(message) "
                + operatorClass
                + ")");
      } catch (SQLException e) {
        // Another instance starting at the same moment may have made it first.
        if (!indexExists(connection)) {
          LOG.warning(
              () ->
                  "error_contains searches will scan every error message: the trigram index "
                      + INDEX
                      + " could not be created with pg_trgm of schema "
                      + trigramSchema
                      + " ("
                      + e.getMessage().strip()
                      + "). It is created at the next start once the service's user may.");
          return;
        }
      }
      LOG.info("error_contains searches are served by the trigram index " + INDEX);
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static boolean indexExists(Connection connection) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?")) {
      query.setString(1, INDEX);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** The schema pg_trgm is installed in, or null when it is not installed. */
  private static String extensionSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT n.nspname FROM pg_extension x JOIN pg_namespace n"
                    + " ON n.oid = x.extnamespace WHERE x.extname = 'pg_trgm'")) {
      return rows.next() ? rows.getString(1) : null;
    }
  }
}
