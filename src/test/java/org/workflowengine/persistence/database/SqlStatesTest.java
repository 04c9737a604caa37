package org.workflowengine.persistence.database;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlStatesTest {

  @Test
  void anUnreachableDatabaseIsRecognizedThroughWrapping() {
    assertThat(unavailable(new SQLException("connection refused", "08001"))).isTrue();
    assertThat(unavailable(new SQLException("terminating connection", "57P01"))).isTrue();
    assertThat(unavailable(new SQLException("the database system is starting up", "57P03")))
        .isTrue();
    assertThat(unavailable(new SQLTransientConnectionException("pool timed out"))).isTrue();
    assertThat(unavailable(new SQLException("I/O error", null, new ConnectException("refused"))))
        .isTrue();
    SQLException chained = new SQLException("batch failed", "XX000");
    chained.setNextException(new SQLException("gone", "08006"));
    assertThat(unavailable(chained)).isTrue();
  }

  @Test
  void aCommitThatFailedIsRecognizedThroughWrapping() {
    // As Payara reports it: the database's error survives only as the XAException's text.
    jakarta.transaction.SystemException commit = new jakarta.transaction.SystemException();
    commit.initCause(
        new javax.transaction.xa.XAException(
            "org.postgresql.util.PSQLException: This connection has been closed."));
    assertThat(SqlStates.isCommitFailure(new jakarta.ejb.EJBException(commit))).isTrue();
    assertThat(SqlStates.isDatabaseUnavailable(new jakarta.ejb.EJBException(commit))).isFalse();
    assertThat(SqlStates.isCommitFailure(new PersistenceException("constraint"))).isFalse();

    // As WildFly reports it: the resource's failure is suppressed by the rollback, not its cause.
    jakarta.transaction.RollbackException rolledBack =
        new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
    rolledBack.addSuppressed(
        new javax.transaction.xa.XAException("IJ001156: Could not commit local transaction"));
    assertThat(
            SqlStates.isCommitFailure(
                new jakarta.ejb.EJBTransactionRolledbackException(
                    "rolled back", new jakarta.ejb.EJBException(rolledBack))))
        .isTrue();
    assertThat(
            SqlStates.isCommitFailure(
                new jakarta.transaction.RollbackException("marked for rollback only")))
        .isFalse();
  }

  @Test
  void requestFaultsAreNot() {
    assertThat(unavailable(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(unavailable(new SQLException("no state"))).isFalse();
    assertThat(SqlStates.isDatabaseUnavailable(new IllegalStateException("bug"))).isFalse();
  }

  private static boolean unavailable(SQLException cause) {
    return SqlStates.isDatabaseUnavailable(
        new jakarta.ejb.EJBException(new PersistenceException("wrapped", cause)));
  }
}
