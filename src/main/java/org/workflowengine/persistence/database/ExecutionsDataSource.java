package org.workflowengine.persistence.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The class the application's {@code DataSourceDefinition} names: the application server pools the
 * connections it hands out, and it hands out those of the database {@link DatabaseSettings}
 * chooses.
 *
 * <p>Why a class of our own: a {@code DataSourceDefinition} can only carry constants, but the
 * database must be chosen per installation (system property or environment variable) without
 * rebuilding, the same way on every application server.
 */
public class ExecutionsDataSource implements DataSource {

  private final DataSource database = DatabaseSettings.dataSource();

  /**
   * A connection property for servers that insist on one (WildFly's IronJacamar refuses a
   * datasource class without any); the database is chosen by {@link DatabaseSettings} alone.
   */
  private String description = "workflow execution store";

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  /** A connection that checks itself before each transaction ({@link CheckedConnection}). */
  @Override
  public Connection getConnection() throws SQLException {
    return CheckedConnection.open(database::getConnection);
  }

  /**
   * With the configured credentials unless the server passes its own (WildFly passes null or "" for
   * a definition that names no user).
   */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return username == null || username.isEmpty()
        ? getConnection()
        : CheckedConnection.open(() -> database.getConnection(username, password));
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return database.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    database.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    database.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return database.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return database.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : database.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || database.isWrapperFor(type);
  }
}
