package org.workflowengine.persistence.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class DatabaseSettingsTest {

  private final String configured = System.getProperty(DatabaseSettings.URL);

  @AfterEach
  void restore() {
    if (configured == null) {
      System.clearProperty(DatabaseSettings.URL);
    } else {
      System.setProperty(DatabaseSettings.URL, configured);
    }
  }

  @Test
  void aPostgresqlConnectionIsOpenedWithinFiveSecondsUnlessTheUrlSaysOtherwise() throws Exception {
    System.setProperty(DatabaseSettings.URL, "jdbc:postgresql://db.example:5432/executions");
    PGSimpleDataSource bounded = (PGSimpleDataSource) DatabaseSettings.dataSource();
    assertThat(bounded.getConnectTimeout()).isEqualTo(5);
    assertThat(bounded.getLoginTimeout()).isEqualTo(5);

    System.setProperty(
        DatabaseSettings.URL,
        "jdbc:postgresql://db.example:5432/executions?connectTimeout=2&loginTimeout=20");
    PGSimpleDataSource chosen = (PGSimpleDataSource) DatabaseSettings.dataSource();
    assertThat(chosen.getConnectTimeout()).isEqualTo(2);
    assertThat(chosen.getLoginTimeout()).isEqualTo(20);
  }
}
