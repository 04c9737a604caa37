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
import java.time.Duration;
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
import org.workflowengine.persistence.batchjobs.BatchJobs;
import org.workflowengine.persistence.batchjobs.BulkWriter;
import org.workflowengine.persistence.batchjobs.OrderBook;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.testing.Deployments;

/**
 * What recording costs a Jakarta Batch job: a chunk job of 100,000 items in chunks of 100, run by
 * the server's batch runtime without the store's listeners and with both (job and step), in
 * alternating rounds in one run (which of the two goes first alternates too); once writing nowhere
 * (the job does nothing but read and process: the recording's cost is all there is) and once
 * writing each chunk as rows into an emptied table of the database (as a job that loads data does).
 * A job's time is between its start and end as its repository keeps them; the ratio is the median
 * of the rounds' ratios.
 */
@ExtendWith(ArquillianExtension.class)
class BatchBench {

  private static final int ITEMS = 100_000;
  private static final int ROUNDS = 10;
  private static final int WARM_UP = 5;

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
      for (int warmUp = 0; warmUp < WARM_UP; warmUp++) {
        run("bulk-plain", sink);
        run("bulk-recorded", sink);
      }
      List<Long> plain = new ArrayList<>();
      List<Long> recorded = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        // alternate which goes first, so that a drift of the machine favours neither
        long p;
        long r;
        if (round % 2 == 0) {
          p = run("bulk-plain", sink);
          r = run("bulk-recorded", sink);
        } else {
          r = run("bulk-recorded", sink);
          p = run("bulk-plain", sink);
        }
        plain.add(p);
        recorded.add(r);
        ratios.add((double) p / r);
      }
      System.out.printf(
          Locale.ROOT,
          "batch bench (%s, %s, writer %s): %,d items in chunks of 100, %d rounds after %d"
              + " warm-up pairs; job ms without listeners %s (median %.0f, %.0f items/s), with"
              + " both listeners %s (median %.0f, %.0f items/s); throughput ratio, median of the"
              + " rounds' %.3f (goal >= 0.95); the listeners add %.0f ms a job (median)%n",
          database,
          operator.getClass().getName(),
          sink,
          ITEMS,
          ROUNDS,
          WARM_UP,
          plain,
          median(plain),
          ITEMS * 1000.0 / median(plain),
          recorded,
          median(recorded),
          ITEMS * 1000.0 / median(recorded),
          medianOf(ratios),
          median(recorded) - median(plain));
    }
    assertThat(runs.failures()).as("no recording failed").isEqualTo(failuresBefore);
  }

  /**
   * Runs {@code job} over {@link #ITEMS} items; how long it took, in ms, as its repository says.
   */
  private long run(String job, String sink) throws InterruptedException {
    // each job writes into an empty table, so that no job pays for its predecessors' rows
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE TABLE " + BulkWriter.TABLE);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    Properties parameters = new Properties();
    parameters.setProperty("items", Integer.toString(ITEMS));
    parameters.setProperty("sink", sink);
    long id = operator.start(job, parameters);
    JobExecution execution = BatchJobs.awaitEnd(operator, id, Duration.ofMinutes(5));
    assertThat(execution.getBatchStatus()).as("job %s", id).isEqualTo(BatchStatus.COMPLETED);
    if (job.equals("bulk-recorded")) {
      String runId = BatchJobs.runIdOf(operator.getJobInstance(id).getInstanceId(), execution);
      WorkflowExecution run = awaitRun(runId);
      assertThat(run.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
      long seconds = (execution.getEndTime().getTime() - execution.getStartTime().getTime()) / 1000;
      assertThat(store.getLogLines(runId, "load"))
          .as("a line per second of chunks and one for the step's end, not a line per chunk")
          .hasSizeBetween(2, (int) seconds + 3);
    }
    return execution.getEndTime().getTime() - execution.getStartTime().getTime();
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

  private static double median(List<Long> values) {
    return medianOf(values.stream().map(Long::doubleValue).toList());
  }

  private static double medianOf(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
