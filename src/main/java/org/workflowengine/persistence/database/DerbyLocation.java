package org.workflowengine.persistence.database;

import java.nio.file.Path;

/**
 * Where the embedded Derby database lives: the system property {@value #PROPERTY}, else the
 * environment variable {@value #ENVIRONMENT_VARIABLE}, else {@code
 * ~/.workflow-persistence/executions}.
 */
public final class DerbyLocation {

  public static final String PROPERTY = "executions.db.dir";
  public static final String ENVIRONMENT_VARIABLE = "EXECUTIONS_DB_DIR";

  private DerbyLocation() {}

  /** The absolute directory of the database. */
  public static Path directory() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENVIRONMENT_VARIABLE);
    }
    Path directory =
        configured == null || configured.isBlank()
            ? Path.of(System.getProperty("user.home"), ".workflow-persistence", "executions")
            : Path.of(configured);
    return directory.toAbsolutePath().normalize();
  }
}
