package org.workflowengine.persistence.database;

import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Which database the application uses, read from system properties, else environment variables,
 * when the datasource is created: so the same WAR runs on embedded Derby or on PostgreSQL by
 * configuration alone.
 *
 * <ul>
 *   <li>{@value #URL} / {@code EXECUTIONS_DB_URL}: a {@code jdbc:postgresql://…} URL; absent means
 *       the embedded Derby default
 *   <li>{@value #USER} / {@code EXECUTIONS_DB_USER} and {@value #PASSWORD} / {@code
 *       EXECUTIONS_DB_PASSWORD}: PostgreSQL credentials
 *   <li>{@value #DERBY_DIRECTORY} / {@code EXECUTIONS_DB_DIR}: where embedded Derby keeps its
 *       files; default {@code ~/.workflow-persistence/executions}
 * </ul>
 */
public final class DatabaseSettings {

  public static final String URL = "executions.db.url";
  public static final String USER = "executions.db.user";
  public static final String PASSWORD = "executions.db.password";
  public static final String DERBY_DIRECTORY = "executions.db.dir";

  /**
   * Seconds to open a PostgreSQL connection (socket and login) unless the URL sets {@code
   * connectTimeout} or {@code loginTimeout}.
   */
  static final int CONNECT_TIMEOUT_SECONDS = 5;

  private DatabaseSettings() {}

  /** The configured database, as a plain (unpooled) {@code DataSource}. */
  public static DataSource dataSource() {
    String url = setting(URL);
    if (url == null) {
      EmbeddedDataSource derby = new EmbeddedDataSource();
      derby.setDatabaseName(derbyDirectory().toString());
      derby.setCreateDatabase("create");
      return derby;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource postgres = new PGSimpleDataSource();
      postgres.setURL(url);
      // A database that does not answer is reported within seconds on every server, whether or
      // not the server passes the datasource definition's login timeout on (the URL may say
      // otherwise): the driver's own default waits 10 s for the socket alone.
      if (!url.contains("connectTimeout=")) {
        postgres.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
      }
      if (!url.contains("loginTimeout=")) {
        postgres.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
      }
      // A batch of inserts goes as one multi-row statement: a run's task records fire the
      // triggers that keep the counts once, not once a record.
      postgres.setReWriteBatchedInserts(true);
      String user = setting(USER);
      if (user != null) {
        postgres.setUser(user);
      }
      String password = setting(PASSWORD);
      if (password != null) {
        postgres.setPassword(password);
      }
      return postgres;
    }
    throw new IllegalStateException(
        new SQLException(
            URL
                + " must be a jdbc:postgresql:// URL (or unset for embedded Derby), was "
                + url.replaceAll("password=[^&;]*", "password=…")));
  }

  /** Whether the configured database is PostgreSQL (else it is the embedded Derby). */
  public static boolean isPostgres() {
    String url = setting(URL);
    return url != null && url.startsWith("jdbc:postgresql:");
  }

  /** The absolute directory of the embedded Derby database. */
  public static Path derbyDirectory() {
    String configured = setting(DERBY_DIRECTORY);
    Path directory =
        configured == null
            ? Path.of(System.getProperty("user.home"), ".workflow-persistence", "executions")
            : Path.of(configured);
    return directory.toAbsolutePath().normalize();
  }

  /** The system property {@code name}, else its environment variable (EXECUTIONS_DB_…). */
  private static String setting(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
    }
    return value == null || value.isBlank() ? null : value;
  }
}
