package org.workflowengine.persistence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.batch.BatchRuns;
import org.workflowengine.persistence.batchjobs.BulkWriter;
import org.workflowengine.persistence.batchjobs.OrderBook;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.testing.Deployments;

/**
 * What recording costs a Jakarta Batch job: a chunk job of 100,000 items in chunks of 100, run by
 * the server's batch runtime without the store's listeners and with both (job and step), in
 * alternating rounds in one run; once writing nowhere (the job does nothing but read and process:
 * the recording's cost is all there is) and once writing each chunk as rows to the database (as a
 * job that loads data does). Throughput is items per second between the job's start and end times
 * as its repository keeps them.
 */
@ExtendWith(ArquillianExtension.class)
class BatchBench {

  private static final int ITEMS = 100_000;
  private static final int ROUNDS = 5;

  @Deployment
  static WebArchive deployment() {
    WebArchive war =
        Deployments.consumer(OrderBook.class.getPackageName()).addClass(BatchBench.class);
    for (String job : List.of("bulk-plain", "bulk-recorded")) {
      war.addAsResource("batchjobs/" + job + ".xml", "META-INF/batch-jobs/" + job + ".xml");
    }
    return war;
  }

  @Inject ExecutionStore store;

  @Inject BatchRuns runs;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  private final JobOperator operator = BatchRuntime.getJobOperator();

  @Test
  void recordingAJobCostsItsThroughputLittle() throws Exception {
    String database;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      database = connection.getMetaData().getDatabaseProductName();
      try {
        statement.execute("DROP TABLE " + BulkWriter.TABLE);
      } catch (SQLException absent) {
        // first run on this database
      }
      statement.execute("CREATE TABLE " + BulkWriter.TABLE + " (item VARCHAR(64))");
    }
    long failuresBefore = runs.failures();
    for (String sink : List.of("none", "jdbc")) {
      run("bulk-plain", sink, 10_000);
      run("bulk-recorded", sink, 10_000);
      List<Double> plain = new ArrayList<>();
      List<Double> recorded = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        plain.add(run("bulk-plain", sink, ITEMS));
        recorded.add(run("bulk-recorded", sink, ITEMS));
      }
      double ratio = median(recorded) / median(plain);
      System.out.printf(
          Locale.ROOT,
          "batch bench (%s, %s, writer %s): %,d items in chunks of 100, %d rounds; items/s"
              + " without listeners %s (median %.0f), with both listeners %s (median %.0f);"
              + " ratio %.3f (goal >= 0.95)%n",
          database,
          BatchRuntime.getJobOperator().getClass().getName(),
          sink,
          ITEMS,
          ROUNDS,
          rounded(plain),
          median(plain),
          rounded(recorded),
          median(recorded),
          ratio);
    }
    assertThat(runs.failures()).as("no recording failed").isEqualTo(failuresBefore);
  }

  /** Runs {@code job} over {@code items} items; its throughput, items per second. */
  private double run(String job, String sink, int items) throws InterruptedException {
    Properties parameters = new Properties();
    parameters.setProperty("items", Integer.toString(items));
    parameters.setProperty("sink", sink);
    long id = operator.start(job, parameters);
    JobExecution execution;
    while (true) {
      execution = operator.getJobExecution(id);
      BatchStatus status = execution.getBatchStatus();
      if (status == BatchStatus.COMPLETED && execution.getEndTime() != null) {
        break;
      }
      assertThat(status)
          .as("job %s", id)
          .isIn(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.COMPLETED);
      Thread.sleep(10);
    }
    if (job.equals("bulk-recorded")) {
      String runId =
          "batch-"
              + operator.getJobInstance(id).getInstanceId()
              + "-"
              + id
              + "-"
              + execution.getCreateTime().getTime();
      WorkflowExecution run = awaitRun(runId);
      assertThat(run.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    }
    long millis = execution.getEndTime().getTime() - execution.getStartTime().getTime();
    return items * 1000.0 / Math.max(1, millis);
  }

  private WorkflowExecution awaitRun(String id) throws InterruptedException {
    for (int i = 0; i < 1000; i++) {
      var run = store.find(id);
      if (run.isPresent() && run.get().getStatus().isTerminal()) {
        return run.get();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("run " + id + " did not end");
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String rounded(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
  }
}
