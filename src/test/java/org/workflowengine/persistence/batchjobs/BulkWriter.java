package org.workflowengine.persistence.batchjobs;

import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes the benchmark's lines: nowhere ({@code sink=none}, a job that does nothing but read and
 * process), or as rows of {@value #TABLE} in the chunk's transaction ({@code sink=jdbc}, as a job
 * that loads data does).
 */
@Named
@Dependent
public class BulkWriter extends AbstractItemWriter {

  public static final String TABLE = "batch_bench_items";

  @Inject
  @BatchProperty(name = "sink")
  String sink;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  @Override
  public void writeItems(List<Object> items) throws SQLException {
    if (!"jdbc".equals(sink)) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO " + TABLE + " (item) VALUES (?)")) {
      for (Object item : items) {
        insert.setString(1, item.toString());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
