package org.workflowengine.persistence.database;

import java.sql.SQLException;
import java.util.Objects;
import java.util.stream.Stream;
import org.workflowengine.persistence.lang.Causes;

/**
 * Recognizes integrity violations by their SQLSTATE, which Derby and PostgreSQL report alike (23505
 * unique, 23503 foreign key), an unreachable database and a commit that failed, through whatever
 * exceptions the JPA provider and the server wrap them in.
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
    return Causes.of(failure).anyMatch(SqlStates::isOutOfReach)
        || states(failure).anyMatch(state -> state.startsWith("08") || state.startsWith("57P0"));
  }

  private static boolean isOutOfReach(Throwable t) {
    if (t instanceof java.sql.SQLTransientConnectionException
        || t instanceof java.sql.SQLNonTransientConnectionException
        || t instanceof java.sql.SQLRecoverableException
        || t instanceof java.net.SocketException) {
      return true;
    }
    for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
      // Payara's pool (PoolingException) and any JCA allocation failure (ResourceException),
      // named rather than referenced: neither is an API every server has on the class path.
      if (type.getName().endsWith(".PoolingException")
          || type.getName().equals("jakarta.resource.ResourceException")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code failure} is the transaction manager failing to commit: the database failed while
   * the commit was under way (its connection broken or closed), so whether the change was stored is
   * not known. Payara reports it as a {@code jakarta.transaction.SystemException} around an {@code
   * XAException} that keeps only the text of the database's error; the SQLSTATE is lost. WildFly
   * reports a {@code jakarta.transaction.RollbackException} ("Could not commit transaction") with
   * the resource's {@code XAException} attached as a suppressed exception, not as its cause.
   */
  public static boolean isCommitFailure(Throwable failure) {
    return Causes.of(failure)
        .anyMatch(
            t ->
                t instanceof jakarta.transaction.SystemException
                    || t instanceof javax.transaction.xa.XAException
                    || java.util.Arrays.stream(t.getSuppressed())
                        .anyMatch(javax.transaction.xa.XAException.class::isInstance));
  }

  private static boolean hasState(Throwable failure, String state) {
    return states(failure).anyMatch(state::equals);
  }

  /**
   * The SQLSTATEs of every SQL exception in the cause chain, and of the exceptions chained to it.
   */
  private static Stream<String> states(Throwable failure) {
    return Causes.of(failure)
        .filter(SQLException.class::isInstance)
        .flatMap(
            t -> Stream.iterate((SQLException) t, e -> e != null, SQLException::getNextException))
        .map(SQLException::getSQLState)
        .filter(Objects::nonNull);
  }
}
