package org.workflowengine.persistence.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import liquibase.database.Database;
import liquibase.exception.CustomChangeException;
import org.workflowengine.persistence.model.ErrorMessages;

/**
 * Gives every error stored before change set {@code 007-kept-counts} its {@code message_key}: the
 * message as the statistics count it ({@link ErrorMessages#normalise}), which the store writes with
 * every error since. A page of errors at a time, committed after each; an interrupted upgrade
 * resumes with the errors still without a key.
 */
public class ErrorMessageKeys extends DataMigration {

  private static final int PAGE = 1_000;

  @Override
  public void execute(Database database) throws CustomChangeException {
    try {
      inPages(database, PAGE, ErrorMessageKeys::keyPage);
    } catch (SQLException e) {
      throw new CustomChangeException("Could not give the stored errors their message keys", e);
    }
  }

  private static int keyPage(Connection connection) throws SQLException {
    List<String[]> page = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT row_id, message FROM execution_error WHERE message_key IS NULL")) {
      select.setMaxRows(PAGE);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          page.add(new String[] {rows.getString(1), ErrorMessages.normalise(rows.getString(2))});
        }
      }
    }
    if (page.isEmpty()) {
      return 0;
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE execution_error SET message_key = ? WHERE row_id = ?")) {
      for (String[] row : page) {
        update.setString(1, row[1]);
        update.setString(2, row[0]);
        update.addBatch();
      }
      update.executeBatch();
    }
    return page.size();
  }

  @Override
  public String getConfirmationMessage() {
    return "Stored errors have their message keys";
  }
}
