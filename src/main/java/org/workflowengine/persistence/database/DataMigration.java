package org.workflowengine.persistence.database;

import java.sql.Connection;
import java.sql.SQLException;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * A change set's work on the stored rows, in Java ({@code <customChange class="…"/>}): what
 * Liquibase asks of such a change beyond doing it has nothing to set up, open or validate here.
 */
abstract class DataMigration implements CustomTaskChange {

  /** One page of a migration's work on {@code connection}: how many rows it did. */
  @FunctionalInterface
  interface Page {
    int migrate(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code page} and commits, again and again, until a page does fewer than {@code size} rows:
   * an interrupted upgrade keeps what its committed pages did.
   */
  static void inPages(Database database, int size, Page page) throws SQLException {
    Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      int done;
      do {
        done = page.migrate(connection);
        connection.commit();
      } while (done == size);
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  @Override
  public void setUp() {}

  @Override
  public void setFileOpener(ResourceAccessor resourceAccessor) {}

  @Override
  public ValidationErrors validate(Database database) {
    return new ValidationErrors();
  }
}
