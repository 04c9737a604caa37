package org.workflowengine.persistence.database;

import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * The default database: embedded, file-based Derby in the directory {@link DerbyLocation} names,
 * created on first use.
 *
 * <p>Why a subclass: a {@code DataSourceDefinition} can only carry constants, but the database
 * directory must be configurable per installation (system property or environment variable) without
 * rebuilding, the same way on every application server.
 */
public class ExecutionsDerbyDataSource extends EmbeddedDataSource {

  private static final long serialVersionUID = 1L;

  public ExecutionsDerbyDataSource() {
    super.setDatabaseName(DerbyLocation.directory().toString());
    setCreateDatabase("create");
  }

  /** Ignored: the location comes from {@link DerbyLocation}, never from the definition. */
  @Override
  public void setDatabaseName(String ignored) {
    // The constructor already chose the configured directory.
  }
}
