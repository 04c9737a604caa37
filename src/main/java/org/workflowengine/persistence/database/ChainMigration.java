package org.workflowengine.persistence.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import org.workflowengine.persistence.chain.ChainLink;
import org.workflowengine.persistence.chain.LinkRows;

/**
 * Gives every execution stored before the hash chain existed a chain (change set {@code
 * 004-chain-existing-executions}): a first {@code status} link recording the execution as it is, by
 * {@value #RECORDED_BY}, then its audit entries, errors and log lines in the order they were
 * written (their old {@code seq}), renumbered 2, 3, … with their hashes; the execution gets its
 * head and link count. Commits after each page of executions; an interrupted upgrade resumes with
 * the executions still without a head.
 */
public class ChainMigration implements CustomTaskChange {

  /** Who the links of a migrated execution were recorded by. */
  public static final String RECORDED_BY = "migration";

  private static final int PAGE = 200;

  @Override
  public void execute(Database database) throws CustomChangeException {
    Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    try {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        List<String> page;
        do {
          page = unchained(connection);
          for (String id : page) {
            chain(connection, id);
          }
          connection.commit();
        } while (page.size() == PAGE);
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new CustomChangeException("Could not give the stored executions a hash chain", e);
    }
  }

  /** The ids of up to a page of executions without a head. */
  private static List<String> unchained(Connection connection) throws SQLException {
    List<String> page = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id FROM workflow_execution WHERE chain_head IS NULL ORDER BY id")) {
      select.setMaxRows(PAGE);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          page.add(rows.getString(1));
        }
      }
    }
    return page;
  }

  private static void chain(Connection connection, String id) throws SQLException {
    ChainLink first;
    Timestamp changedAt;
    Object[] record;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT status, success, completed_at, snapshot_hash, workflow_name, updated_at"
                + " FROM workflow_execution WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        Boolean outcome = LinkRows.bool(row, 2);
        changedAt = row.getTimestamp(6);
        record =
            new Object[] {
              row.getString(1), outcome, row.getTimestamp(3), row.getString(4), row.getString(5)
            };
        first =
            new ChainLink(
                ChainLink.Kind.STATUS,
                1,
                RECORDED_BY,
                ChainLink.status(
                    row.getString(1),
                    outcome,
                    LinkRows.instant(row.getTimestamp(3)),
                    row.getString(4),
                    row.getString(5),
                    LinkRows.instant(changedAt)));
      }
    }
    String head = first.hash(id, ChainLink.GENESIS);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO execution_status_change (row_id, seq, execution_id, status, success,"
                + " completed_at, snapshot_hash, workflow_name, changed_at, chain_hash,"
                + " recorded_by) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, UUID.randomUUID().toString());
      insert.setString(2, id);
      insert.setString(3, (String) record[0]);
      if (record[1] == null) {
        insert.setNull(4, java.sql.Types.BOOLEAN);
      } else {
        insert.setBoolean(4, (Boolean) record[1]);
      }
      insert.setTimestamp(5, (Timestamp) record[2]);
      insert.setString(6, (String) record[3]);
      insert.setString(7, (String) record[4]);
      insert.setTimestamp(8, changedAt);
      insert.setString(9, head);
      insert.setString(10, RECORDED_BY);
      insert.executeUpdate();
    }
    long position = 1;
    Map<String, PreparedStatement> updates = new HashMap<>();
    try {
      for (LinkRows.Row row : LinkRows.read(connection, id)) {
        if (row.table().equals("execution_status_change")) {
          continue;
        }
        position++;
        ChainLink link =
            new ChainLink(
                row.stored().link().kind(), position, RECORDED_BY, row.stored().link().entry());
        head = link.hash(id, head);
        PreparedStatement update = updates.get(row.table());
        if (update == null) {
          update =
              connection.prepareStatement(
                  "UPDATE "
                      + row.table()
                      + " SET seq = ?, chain_hash = ?, recorded_by = ?"
                      + " WHERE execution_id = ? AND row_id = ?");
          updates.put(row.table(), update);
        }
        update.setLong(1, position);
        update.setString(2, head);
        update.setString(3, RECORDED_BY);
        update.setString(4, id);
        update.setString(5, row.rowId());
        update.addBatch();
      }
      for (PreparedStatement update : updates.values()) {
        update.executeBatch();
      }
    } finally {
      for (PreparedStatement update : updates.values()) {
        update.close();
      }
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE workflow_execution SET chain_head = ?, chain_links = ? WHERE id = ?")) {
      update.setString(1, head);
      update.setLong(2, position);
      update.setString(3, id);
      update.executeUpdate();
    }
  }

  @Override
  public String getConfirmationMessage() {
    return "Every stored execution has a hash chain";
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
