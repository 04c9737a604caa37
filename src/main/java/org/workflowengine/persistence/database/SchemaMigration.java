package org.workflowengine.persistence.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Brings the database schema up to date when the application starts, before it serves a request,
 * and releases an embedded Derby database when the application stops.
 *
 * <p>The schema is versioned Liquibase change sets ({@value #CHANGELOG}) written for Derby and
 * PostgreSQL; a restart or redeploy applies only what is new and keeps every row. Liquibase's lock
 * table makes several instances starting against one database migrate it once.
 *
 * <p>The datasource {@value #DATASOURCE} is embedded Derby or PostgreSQL, as {@link
 * DatabaseSettings} says. Bean-managed transactions: Liquibase commits its own work, which a
 * container transaction would forbid.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
@DataSourceDefinition(
    name = SchemaMigration.DATASOURCE,
    className = "org.workflowengine.persistence.database.ExecutionsDataSource",
    properties = {
      // WildFly (IronJacamar) refuses a datasource class without a single connection property.
      "description=workflow execution store",
      // Payara's pool: check each connection (Connection.isValid) before handing it out, so that
      // a broken one is replaced and the pool recovers by itself once the database is back; and
      // wait at most 5 s for a free connection rather than the default minute. Not
      // fail-all-connections: its "close them all" path races when two threads find a broken
      // connection at once and throws IllegalStateException from the pool's resizer timer, which
      // is neither an SQLException nor a pool failure, so a request during an outage got a 500.
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname="
          + "org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
      "fish.payara.max-wait-time-in-millis=5000"
    },
    // Seconds to open a connection: a database that does not answer is reported quickly.
    loginTimeout = 5,
    minPoolSize = 1,
    // A new snapshot is inserted in a transaction of its own while the caller's stays open, so
    // each concurrent writer may hold two connections: size the pool for twice the writers.
    maxPoolSize = SchemaMigration.MAX_POOL_SIZE)
public class SchemaMigration {

  public static final String DATASOURCE = "java:app/jdbc/executions";

  /** The most connections the server's pool opens. */
  public static final int MAX_POOL_SIZE = 32;

  static final String CHANGELOG = "db/changelog/db.changelog-master.xml";

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());
  private static final int ATTEMPTS = 5;
  private static final long RETRY_PAUSE_MILLIS = 1_000;

  @Resource(lookup = DATASOURCE)
  DataSource dataSource;

  private String embeddedDerbyUrl;

  @PostConstruct
  void migrate() {
    for (int attempt = 1; ; attempt++) {
      try {
        update();
        return;
      } catch (Exception e) {
        if (attempt == ATTEMPTS) {
          throw new IllegalStateException("Cannot migrate the execution store schema: " + e, e);
        }
        // Instances starting together on a new database race to create Liquibase's own tables
        // before its lock exists; the loser finds them made on its next attempt.
        int attemptMade = attempt;
        LOG.log(
            Level.WARNING,
            e,
            () -> "Schema migration attempt " + attemptMade + " failed; trying again");
        try {
          Thread.sleep(RETRY_PAUSE_MILLIS * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while migrating the schema", interrupted);
        }
      }
    }
  }

  private void update() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      String url = connection.getMetaData().getURL();
      if (url != null && url.startsWith("jdbc:derby:") && !url.startsWith("jdbc:derby://")) {
        embeddedDerbyUrl = url;
      }
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Map<String, Object> scope =
          Map.of(
              Scope.Attr.resourceAccessor.name(),
              new ClassLoaderResourceAccessor(SchemaMigration.class.getClassLoader()));
      Scope.child(
          scope,
          () ->
              new CommandScope(UpdateCommandStep.COMMAND_NAME)
                  .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                  .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                  .execute());
      LOG.info(() -> "Execution store schema is up to date on " + url);
      ErrorSearchIndex.ensure(connection);
    }
  }

  /**
   * Shuts an embedded Derby database down so its files are closed and unlocked: a redeployed
   * application (a new class loader with its own Derby engine) can then boot it again.
   */
  @PreDestroy
  void releaseEmbeddedDatabase() {
    if (embeddedDerbyUrl == null) {
      return;
    }
    String database = embeddedDerbyUrl.substring("jdbc:derby:".length()).split(";", 2)[0];
    try {
      DriverManager.getConnection("jdbc:derby:" + database + ";shutdown=true").close();
    } catch (SQLException e) {
      // Derby reports a successful database shutdown as SQLState 08006.
      if (!"08006".equals(e.getSQLState())) {
        LOG.log(Level.WARNING, "Could not shut down the embedded Derby database", e);
      }
    }
  }
}
