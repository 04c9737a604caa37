package org.workflowengine.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.store.startup.StartupWarmUp;
import org.workflowengine.persistence.testing.Deployments;

/**
 * The start-up warm-up goes through every step on this server's JPA provider, and its roll-back
 * leaves nothing behind: no execution, child row or snapshot of it is in the database.
 */
@ExtendWith(ArquillianExtension.class)
class StartupWarmUpIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application();
  }

  @Inject StartupWarmUp warmUp;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  @Test
  void everyStepRanAndNothingWasKept() throws SQLException {
    assertThat(warmUp.completed()).as("the warm-up went through every step").isTrue();
    assertThat(count("SELECT COUNT(*) FROM workflow_execution WHERE id LIKE 'warm-up-%'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE actor = 'warm-up'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM task_log_line WHERE execution_id LIKE 'warm-up-%'"))
        .isZero();
    assertThat(count("SELECT COUNT(*) FROM workflow_snapshot WHERE content LIKE '%warm-up-%'"))
        .isZero();
  }

  private long count(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }
}
