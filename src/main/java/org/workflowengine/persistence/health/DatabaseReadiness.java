package org.workflowengine.persistence.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.workflowengine.persistence.database.SchemaMigration;

/** Ready when the database answers: {@code /health/ready} is DOWN while it does not. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  @Resource(lookup = SchemaMigration.DATASOURCE)
  DataSource dataSource;

  /**
   * Created with the application, not at the first check: WildFly calls health checks on a
   * management thread, where {@code java:app} names cannot be resolved for the injection.
   */
  void createWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // Observing is enough: the container creates (and injects) the bean to deliver the event.
  }

  @Override
  public HealthCheckResponse call() {
    try (Connection connection = dataSource.getConnection()) {
      boolean valid = connection.isValid(VALIDATION_TIMEOUT_SECONDS);
      return HealthCheckResponse.named("database")
          .status(valid)
          .withData("product", connection.getMetaData().getDatabaseProductName())
          .build();
    } catch (SQLException | RuntimeException e) {
      return HealthCheckResponse.named("database")
          .down()
          .withData("error", String.valueOf(e.getMessage()))
          .build();
    }
  }
}
