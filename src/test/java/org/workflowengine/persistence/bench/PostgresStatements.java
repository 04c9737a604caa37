package org.workflowengine.persistence.bench;

import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts what this JVM sends to PostgreSQL while open, as the PostgreSQL JDBC driver itself reports
 * it: every statement the server executes ({@code Execute} messages, including {@code BEGIN} and
 * {@code COMMIT}) and every round trip ({@code Sync}). The same count for every side of a
 * comparison, whatever library sends the statements. The driver logs these messages only at {@code
 * FINEST}; the level is raised while counting and the records go nowhere else.
 */
final class PostgresStatements implements AutoCloseable {

  private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

  private final LongAdder statements = new LongAdder();
  private final LongAdder roundTrips = new LongAdder();
  private final Level level;
  private final boolean parents;
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String message = record.getMessage();
          if (message == null) {
            return;
          }
          if (message.startsWith(" FE=> Execute")) {
            statements.increment();
          } else if (message.startsWith(" FE=> Sync")) {
            roundTrips.increment();
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  PostgresStatements() {
    level = DRIVER.getLevel();
    parents = DRIVER.getUseParentHandlers();
    handler.setLevel(Level.ALL);
    DRIVER.addHandler(handler);
    DRIVER.setUseParentHandlers(false);
    DRIVER.setLevel(Level.FINEST);
  }

  long statements() {
    return statements.sum();
  }

  long roundTrips() {
    return roundTrips.sum();
  }

  @Override
  public void close() {
    DRIVER.setLevel(level);
    DRIVER.setUseParentHandlers(parents);
    DRIVER.removeHandler(handler);
  }
}
