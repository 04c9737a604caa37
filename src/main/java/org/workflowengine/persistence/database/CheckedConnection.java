package org.workflowengine.persistence.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * A physical connection that checks itself before each transaction's work and, when it finds itself
 * broken, is replaced by a new one, so that a connection the database dropped (restarted, stopped,
 * a network failure) fails no request once the database is back.
 *
 * <p>Why here and not in the pool: WildFly builds the pool of a {@code DataSourceDefinition} with
 * no connection validation, no exception sorter and no settings at all (IronJacamar's defaults; the
 * definition's properties only reach this class's setters), so a pooled connection that the
 * database dropped stays in the pool and fails the next request that gets it. Payara's pool
 * validates its connections as well ({@code fish.payara.*} properties); the check runs there too.
 *
 * <p>The check: when the first statement of a transaction is about to be created (no statement
 * since the connection was opened or last committed or rolled back; in auto-commit mode, every
 * statement), the connection is checked if the driver already knows it closed, if a call on it
 * failed since, or if it was idle for more than {@value #IDLE_BEFORE_CHECK_MILLIS} ms ({@link
 * Connection#isValid}, a round trip). A broken one is closed and a new one opened with the same
 * auto-commit, isolation and read-only settings; nothing of a transaction is lost, since none of
 * its statements ran. If the database is still away, the new connection fails to open and the
 * request fails at once with that connection error. A setting (auto-commit, isolation, read-only)
 * made on a connection known to be broken is only recorded for its replacement: the pool resets
 * them when a failed request returns its connection, and that must neither fail nor try the
 * database again (WildFly would log a warning with a stack trace for each such request).
 */
final class CheckedConnection implements InvocationHandler {

  static final long IDLE_BEFORE_CHECK_MILLIS = 1_000;
  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  /** The methods that start a transaction's work on the connection. */
  private static final Set<String> WORK =
      Set.of("createStatement", "prepareStatement", "prepareCall");

  /** What ends a transaction, whether it succeeds or not: the next work is a new transaction's. */
  private static final Set<String> END = Set.of("commit", "rollback");

  /**
   * The settings kept here ({@link #autoCommit}, {@link #isolation}, {@link #readOnly}): on a
   * connection known to be broken they are recorded for its replacement and not sent, so that
   * resetting them when a failed connection goes back to the pool neither fails nor tries to open a
   * connection while the database is away.
   */
  private static final Set<String> SETTINGS =
      Set.of("setAutoCommit", "setTransactionIsolation", "setReadOnly");

  /** What never needs a sound connection: these pass straight through. */
  private static final Set<String> UNCHECKED =
      Set.of(
          "close",
          "isClosed",
          "isValid",
          "abort",
          "getWarnings",
          "clearWarnings",
          "unwrap",
          "isWrapperFor");

  interface Opener {
    Connection open() throws SQLException;
  }

  private final Opener opener;
  private Connection delegate;
  private long lastUsed = System.nanoTime();
  private boolean clean = true;
  private boolean failed;

  // Kept here, not read back from the connection: a broken one refuses to say.
  private boolean autoCommit;
  private int isolation;
  private boolean readOnly;

  private CheckedConnection(Opener opener, Connection delegate) throws SQLException {
    this.opener = opener;
    this.delegate = delegate;
    this.autoCommit = delegate.getAutoCommit();
    this.isolation = delegate.getTransactionIsolation();
    this.readOnly = delegate.isReadOnly();
  }

  /** A new connection from {@code opener}, checked as described above. */
  static Connection open(Opener opener) throws SQLException {
    Connection connection = opener.open();
    try {
      return (Connection)
          Proxy.newProxyInstance(
              CheckedConnection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              new CheckedConnection(opener, connection));
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public synchronized Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    switch (name) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "CheckedConnection[" + delegate + "]";
      case "unwrap":
        if (args[0] instanceof Class<?> type && type.isInstance(proxy)) {
          return proxy;
        }
        break;
      case "isWrapperFor":
        if (args[0] instanceof Class<?> type && type.isInstance(proxy)) {
          return true;
        }
        break;
      default:
        break;
    }
    if (SETTINGS.contains(name) && (failed || delegate.isClosed())) {
      record(name, args[0]);
      if (name.equals("setAutoCommit")) {
        clean = true;
      }
      return null;
    }
    if (clean && !UNCHECKED.contains(name)) {
      renewIfBroken();
    }
    if (WORK.contains(name)) {
      clean = false;
    }
    try {
      Object result = method.invoke(delegate, args);
      if (SETTINGS.contains(name)) {
        record(name, args[0]);
      }
      return result;
    } catch (InvocationTargetException e) {
      failed = true;
      throw e.getCause();
    } finally {
      lastUsed = System.nanoTime();
      // In auto-commit mode every statement is a transaction of its own: the next one is checked
      // again (else a connection used outside transactions, as an export's, would never be).
      if (END.contains(name) || autoCommit || name.equals("setAutoCommit")) {
        clean = true;
      }
    }
  }

  private void record(String setting, Object value) {
    switch (setting) {
      case "setAutoCommit" -> autoCommit = (Boolean) value;
      case "setTransactionIsolation" -> isolation = (Integer) value;
      case "setReadOnly" -> readOnly = (Boolean) value;
      default -> throw new IllegalArgumentException(setting);
    }
  }

  private void applySettings(Connection connection) throws SQLException {
    if (connection.getAutoCommit() != autoCommit) {
      connection.setAutoCommit(autoCommit);
    }
    if (connection.getTransactionIsolation() != isolation) {
      connection.setTransactionIsolation(isolation);
    }
    if (connection.isReadOnly() != readOnly) {
      connection.setReadOnly(readOnly);
    }
  }

  private void renewIfBroken() throws SQLException {
    boolean idle = System.nanoTime() - lastUsed > IDLE_BEFORE_CHECK_MILLIS * 1_000_000;
    boolean closed = delegate.isClosed();
    if (!closed && !failed && !idle) {
      return;
    }
    if (!closed && delegate.isValid(VALIDATION_TIMEOUT_SECONDS)) {
      // Sound after all: it takes the settings recorded while it was thought broken.
      applySettings(delegate);
      failed = false;
      return;
    }
    Connection renewed = opener.open();
    try {
      applySettings(renewed);
    } catch (SQLException e) {
      renewed.close();
      throw e;
    }
    try {
      delegate.close();
    } catch (SQLException alreadyBroken) {
      // it was broken: that is why it is replaced
    }
    delegate = renewed;
    failed = false;
  }
}
