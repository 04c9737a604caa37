package org.workflowengine.persistence.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import liquibase.database.Database;
import liquibase.exception.CustomChangeException;
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
public class ChainMigration extends DataMigration {

  /** Who the links of a migrated execution were recorded by. */
  public static final String RECORDED_BY = "migration";

  private static final int PAGE = 200;

  @Override
  public void execute(Database database) throws CustomChangeException {
    try {
      inPages(
          database,
          PAGE,
          connection -> {
            List<String> page = unchained(connection);
            chain(connection, page);
            return page.size();
          });
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

  /**
   * Chains a page of executions: their records and links read in five queries, their rows written
   * in one batch per table.
   */
  private static void chain(Connection connection, List<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    Map<String, List<LinkRows.Row>> linksById = LinkRows.readAll(connection, ids);
    Map<String, PreparedStatement> statements = new LinkedHashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, status, success, completed_at, snapshot_hash, workflow_name, updated_at"
                + " FROM workflow_execution WHERE id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?"))
                + ")")) {
      for (int i = 0; i < ids.size(); i++) {
        select.setString(i + 1, ids.get(i));
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          String id = row.getString(1);
          ChainLink first =
              new ChainLink(
                  ChainLink.Kind.STATUS,
                  1,
                  RECORDED_BY,
                  ChainLink.status(
                      row.getString(2),
                      LinkRows.bool(row, 3),
                      LinkRows.instant(row.getTimestamp(4)),
                      row.getString(5),
                      row.getString(6),
                      LinkRows.instant(row.getTimestamp(7))));
          String head = first.hash(id, ChainLink.GENESIS);
          PreparedStatement insert =
              statement(
                  connection,
                  statements,
                  "INSERT INTO execution_status_change (row_id, seq, execution_id, status,"
                      + " success, completed_at, snapshot_hash, workflow_name, changed_at,"
                      + " chain_hash, recorded_by) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          insert.setString(1, UUID.randomUUID().toString());
          insert.setString(2, id);
          insert.setString(3, row.getString(2));
          insert.setObject(4, LinkRows.bool(row, 3), Types.BOOLEAN);
          insert.setTimestamp(5, row.getTimestamp(4));
          insert.setString(6, row.getString(5));
          insert.setString(7, row.getString(6));
          insert.setTimestamp(8, row.getTimestamp(7));
          insert.setString(9, head);
          insert.setString(10, RECORDED_BY);
          insert.addBatch();

          long position = 1;
          for (LinkRows.Row stored : linksById.getOrDefault(id, List.of())) {
            position++;
            ChainLink link =
                new ChainLink(
                    stored.stored().link().kind(),
                    position,
                    RECORDED_BY,
                    stored.stored().link().entry());
            head = link.hash(id, head);
            PreparedStatement update =
                statement(
                    connection,
                    statements,
                    "UPDATE "
                        + stored.table()
                        + " SET seq = ?, chain_hash = ?, recorded_by = ?"
                        + " WHERE execution_id = ? AND row_id = ?");
            update.setLong(1, position);
            update.setString(2, head);
            update.setString(3, RECORDED_BY);
            update.setString(4, id);
            update.setString(5, stored.rowId());
            update.addBatch();
          }
          PreparedStatement execution =
              statement(
                  connection,
                  statements,
                  "UPDATE workflow_execution SET chain_head = ?, chain_links = ? WHERE id = ?");
          execution.setString(1, head);
          execution.setLong(2, position);
          execution.setString(3, id);
          execution.addBatch();
        }
      }
      for (PreparedStatement statement : statements.values()) {
        statement.executeBatch();
      }
    } finally {
      for (PreparedStatement statement : statements.values()) {
        statement.close();
      }
    }
  }

  /** The statement for {@code sql}, prepared once per page. */
  private static PreparedStatement statement(
      Connection connection, Map<String, PreparedStatement> statements, String sql)
      throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  @Override
  public String getConfirmationMessage() {
    return "Every stored execution has a hash chain";
  }
}
