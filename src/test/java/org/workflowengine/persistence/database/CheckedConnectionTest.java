package org.workflowengine.persistence.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;

/**
 * {@link CheckedConnection} over real embedded Derby connections: a physical connection closed
 * behind its back stands for one the database dropped, and an opener that refuses for a database
 * that is away.
 */
class CheckedConnectionTest {

  /** An in-memory Derby database that can be made to refuse new connections. */
  private static final class Database implements CheckedConnection.Opener {
    private final EmbeddedDataSource derby = new EmbeddedDataSource();
    private boolean away;
    private int attempts;
    private Connection last;

    Database() {
      derby.setDatabaseName("memory:checked-" + UUID.randomUUID());
      derby.setCreateDatabase("create");
    }

    @Override
    public Connection open() throws SQLException {
      attempts++;
      if (away) {
        throw new SQLNonTransientConnectionException("connection refused", "08001");
      }
      last = derby.getConnection();
      return last;
    }
  }

  private static int one(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("VALUES 1");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getInt(1);
    }
  }

  @Test
  void aDroppedConnectionIsReplacedBeforeTheNextTransactionWithTheSameSettings() throws Exception {
    Database database = new Database();
    Connection connection = CheckedConnection.open(database);
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    assertThat(one(connection)).isEqualTo(1);
    connection.commit();
    Connection first = database.last;

    first.close();

    assertThat(one(connection)).isEqualTo(1);
    connection.commit();
    assertThat(database.attempts).isEqualTo(2);
    assertThat(database.last).isNotSameAs(first);
    assertThat(database.last.getAutoCommit()).isFalse();
    assertThat(database.last.getTransactionIsolation())
        .isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
  }

  @Test
  void aSoundConnectionInUseIsNeitherCheckedNorReplaced() throws Exception {
    Database database = new Database();
    Connection connection = CheckedConnection.open(database);
    for (int i = 0; i < 5; i++) {
      assertThat(one(connection)).isEqualTo(1);
    }
    assertThat(database.attempts).isEqualTo(1);
  }

  @Test
  void whileTheDatabaseIsAwayWorkFailsAtOnceAndResettingSettingsTriesNothing() throws Exception {
    Database database = new Database();
    Connection connection = CheckedConnection.open(database);
    connection.setAutoCommit(false);
    assertThat(one(connection)).isEqualTo(1);
    connection.commit();
    database.last.close();
    database.away = true;

    assertThatThrownBy(() -> one(connection))
        .isInstanceOf(SQLException.class)
        .hasMessage("connection refused");
    assertThat(database.attempts).isEqualTo(2);

    // As a pool resets a connection that a failed request gives back (values other than Derby's
    // defaults here, so that the replacement shows it got them).
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    connection.setReadOnly(true);
    assertThat(database.attempts).as("no connection tried for settings").isEqualTo(2);

    database.away = false;
    assertThat(one(connection)).isEqualTo(1);
    assertThat(database.attempts).isEqualTo(3);
    assertThat(database.last.getAutoCommit()).isFalse();
    assertThat(database.last.getTransactionIsolation())
        .isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
    assertThat(database.last.isReadOnly()).isTrue();
  }

  @Test
  void settingsRecordedAfterAFailedCallReachTheConnectionWhenItProvesSound() throws Exception {
    Database database = new Database();
    Connection connection = CheckedConnection.open(database);
    connection.setAutoCommit(false);
    assertThatThrownBy(() -> connection.prepareStatement("NOT SQL"))
        .isInstanceOf(SQLException.class);
    connection.rollback();

    connection.setAutoCommit(true);
    assertThat(database.last.getAutoCommit()).as("not sent to a connection that failed").isFalse();

    assertThat(one(connection)).isEqualTo(1);
    assertThat(database.attempts).as("kept: it was sound").isEqualTo(1);
    assertThat(database.last.getAutoCommit()).isTrue();
  }
}
