package org.workflowengine.persistence.store.write;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.workflowengine.persistence.chain.ChainCheck;
import org.workflowengine.persistence.chain.ChainLink;
import org.workflowengine.persistence.chain.ChainVerification;
import org.workflowengine.persistence.chain.LinkRows;

/**
 * Verifies an execution's hash chain as stored. It lives with the writers because it takes the lock
 * their appends take ({@link ExecutionRows#lockChain}): a concurrent append waits, and never looks
 * like tampering.
 */
@Dependent
public class ChainVerifier {

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  /**
   * Every link at its position, hashing to its stored hash from the previous one, ending at the
   * execution's head, and the execution's record as its last status link says.
   */
  public ChainVerification verify(String id) {
    try (Connection connection = dataSource.getConnection()) {
      // The lock appends take, and where the chain stands: its head and number of links.
      ExecutionRows.Chain chain = ExecutionRows.lockChain(connection, id, 0);
      JsonObject record;
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT status, success, completed_at, snapshot_hash, workflow_name"
                  + " FROM workflow_execution WHERE id = ?")) {
        select.setString(1, id);
        try (ResultSet row = select.executeQuery()) {
          row.next();
          record =
              ChainLink.status(
                  row.getString(1),
                  LinkRows.bool(row, 2),
                  LinkRows.instant(row.getTimestamp(3)),
                  row.getString(4),
                  row.getString(5),
                  null);
        }
      }
      return ChainCheck.verify(
          id, LinkRows.links(LinkRows.read(connection, id)), chain.head(), chain.links(), record);
    } catch (SQLException e) {
      throw new PersistenceException(
          "Could not read the chain of execution " + id + ": " + e.getMessage(), e);
    }
  }
}
