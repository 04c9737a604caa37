package org.workflowengine.persistence.batchjobs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.batch.BatchRuns;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.TaskLogLine;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.WorkflowHistory;
import org.workflowengine.persistence.testing.Deployments;

/**
 * Jakarta Batch jobs of an application that takes the store library, recorded by its listeners
 * through the server's own batch runtime (JBeret on WildFly, Payara's): a chunk job that fails on a
 * bad item and is restarted once the data is fixed, a job whose document changed between two runs,
 * a job with the job listener alone, and one whose recording fails.
 */
@ExtendWith(ArquillianExtension.class)
class BatchJobsIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Deployment
  static WebArchive deployment() {
    WebArchive war = Deployments.consumer(OrderBook.class.getPackageName());
    for (String job :
        List.of("pricing", "pricing-next", "tally", "forgetful", "forgetful-strict")) {
      war.addAsResource("batchjobs/" + job + ".xml", "META-INF/batch-jobs/" + job + ".xml");
    }
    return war;
  }

  @Inject ExecutionStore store;

  @Inject WorkflowHistory history;

  @Inject BatchRuns runs;

  private final JobOperator operator = BatchRuntime.getJobOperator();

  @Test
  void aJobThatFailsOnABadItemAndIsRestartedAfterTheFixIsTwoRunsOfOneInstance() {
    String batch = "orders-" + UUID.randomUUID();
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      orders.add("o" + i + ":" + (i % 5 == 0 ? "5" : "12." + i));
    }
    orders.set(17, "o17:twelve");
    OrderBook.load(batch, orders);
    Properties parameters = new Properties();
    parameters.setProperty("batch", batch);
    parameters.setProperty("Region", "EU");
    parameters.setProperty("apiToken", "do-not-record-me");

    long first = operator.start("pricing", parameters);
    WorkflowExecution failed = finished(first);

    assertThat(failed.getWorkflowName()).isEqualTo("pricing");
    assertThat(failed.getStatus()).isEqualTo(WorkflowStatus.FAILED);
    assertThat(failed.getSuccess()).isFalse();
    assertThat(operator.getJobExecution(first).getBatchStatus()).isEqualTo(BatchStatus.FAILED);
    long instance = operator.getJobInstance(first).getInstanceId();
    assertThat(failed.getLabels())
        .containsEntry("batch.job-instance", Long.toString(instance))
        .containsEntry("batch.job-execution", Long.toString(first))
        .containsEntry("batch.param.region", "EU")
        .containsEntry("batch.param.batch", batch)
        .doesNotContainKey("batch.restart-of");
    assertThat(failed.getLabels().toString()).doesNotContain("do-not-record-me");
    assertThat(failed.getTasks()).extracting(TaskExecution::getTaskId).containsExactly("price");
    TaskExecution price = failed.getTasks().get(0);
    assertThat(price.getStatus()).isEqualTo(WorkflowStatus.FAILED);
    assertThat(price.getAttempt()).isEqualTo(1);
    assertThat(price.getStartedAt()).isNotNull();
    assertThat(price.getCompletedAt()).isNotNull();
    assertThat(price.getError()).contains("order o17 has no price: 'twelve'");
    assertThat(failed.getErrors())
        .as(
            "one error, however many of the runtime's callbacks were told of it: %s",
            failed.getErrors().stream().map(ExecutionError::getMessage).toList())
        .singleElement()
        .satisfies(error -> assertThat(error.getTaskId()).isEqualTo("price"));
    assertThat(failed.getErrors())
        .extracting(ExecutionError::getMessage)
        .anyMatch(m -> m.startsWith("processing item o17:twelve failed:"))
        .allMatch(m -> m.contains("order o17 has no price: 'twelve'"));
    List<String> log = lines(failed.getId(), "price");
    assertThat(log)
        .first()
        .asString()
        .isEqualTo(
            "chunk 1 written: read 10, filtered 2, written 8;"
                + " this step so far: read 10, filtered 2, written 8");
    assertThat(log).last().asString().startsWith("step ended FAILED");
    assertThat(failed.getAuditTrail())
        .extracting(AuditEntry::getAction)
        .containsExactly("job started", "job ended");
    assertThat(failed.getAuditTrail().get(1).getDetails().getString("batch_status"))
        .isEqualTo("FAILED");
    assertThat(store.verify(failed.getId()).valid()).isTrue();

    OrderBook.fix(batch, 17, "o17:30");
    long second = operator.restart(first, parameters);
    WorkflowExecution restarted = finished(second);

    assertThat(restarted.getId()).isNotEqualTo(failed.getId());
    assertThat(restarted.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(restarted.getSuccess()).isTrue();
    assertThat(restarted.getLabels())
        .containsEntry("batch.restart-of", failed.getId())
        .containsEntry("batch.job-instance", Long.toString(instance))
        .containsEntry("batch.job-execution", Long.toString(second));
    assertThat(restarted.getTasks())
        .extracting(TaskExecution::getTaskId)
        .containsExactly("price", "report");
    TaskExecution again = restarted.getTasks().get(0);
    assertThat(again.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(again.getAttempt()).isEqualTo(2);
    TaskExecution report = restarted.getTasks().get(1);
    assertThat(report.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(report.getOutput().getString("exit_status")).isEqualTo("REPORTED");
    assertThat(restarted.getErrors()).isEmpty();
    assertThat(restarted.getAuditTrail().get(0).getAction()).isEqualTo("job restarted");
    assertThat(restarted.getAuditTrail().get(0).getDetails().getString("restart_of"))
        .isEqualTo(failed.getId());
    assertThat(lines(restarted.getId(), "price")).last().asString().startsWith("step ended");
    assertThat(store.verify(restarted.getId()).valid()).isTrue();
    assertThat(OrderBook.priced(batch)).contains("o17=30", "o24=12.24").doesNotContain("o5=5");
  }

  @Test
  void theDiffBetweenTwoVersionsOfAJobNamesTheChangedProperty() {
    String batch = "orders-" + UUID.randomUUID();
    OrderBook.load(batch, List.of("a:20", "b:30"));
    Properties parameters = new Properties();
    parameters.setProperty("batch", batch);

    WorkflowExecution before = finished(operator.start("pricing", parameters));
    WorkflowExecution after = finished(operator.start("pricing-next", parameters));

    assertThat(before.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(after.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(after.getWorkflowName()).as("the job's id").isEqualTo("pricing");
    assertThat(after.getSnapshotHash()).isNotEqualTo(before.getSnapshotHash());
    JsonObject snapshot = store.findSnapshot(before.getSnapshotHash()).orElseThrow();
    assertThat(snapshot.getJsonObject("job").getString("@id")).isEqualTo("pricing");
    JsonArray diff = history.diffExecutions(after.getId(), before.getId());
    assertThat(diff)
        .map(JsonObject.class::cast)
        .anySatisfy(
            change -> {
              assertThat(change.getString("op")).isEqualTo("replace");
              assertThat(change.getString("path"))
                  .isEqualTo(
                      "/job/step[price]/chunk/processor[priceProcessor]/properties/"
                          + "property[threshold]/@value");
              assertThat(change.getString("value")).isEqualTo("25");
            });
  }

  @Test
  void aJobWithTheJobListenerAloneHasItsStepsRecordedWhenItEnds() {
    String batch = "orders-" + UUID.randomUUID();
    OrderBook.load(batch, List.of("a:1", "b:2", "c:3", "d:4", "e:5", "f:6"));
    Properties parameters = new Properties();
    parameters.setProperty("batch", batch);

    WorkflowExecution run = finished(operator.start("tally", parameters));

    assertThat(run.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(run.getTasks()).extracting(TaskExecution::getTaskId).containsExactly("count");
    TaskExecution count = run.getTasks().get(0);
    assertThat(count.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(count.getStartedAt()).isNotNull();
    assertThat(count.getOutput().getJsonObject("metrics").getInt("read_count")).isEqualTo(6);
    assertThat(count.getOutput().getJsonObject("metrics").getInt("write_count")).isEqualTo(6);
    assertThat(lines(run.getId(), "count"))
        .singleElement()
        .asString()
        .startsWith("step ended COMPLETED")
        .contains("read count 6", "write count 6");
    assertThat(store.verify(run.getId()).valid()).isTrue();
  }

  @Test
  void aFailureToRecordIsCountedAndNeverFailsTheJob() throws InterruptedException {
    long failuresBefore = runs.failures();

    long execution = operator.start("forgetful", new Properties());
    BatchStatus status = awaitBatchStatus(execution);

    assertThat(status).isEqualTo(BatchStatus.COMPLETED);
    assertThat(operator.getStepExecutions(execution))
        .singleElement()
        .satisfies(step -> assertThat(step.getExitStatus()).isEqualTo("FORGOTTEN"));
    // JBeret marks a job COMPLETED, with its end time, before its listeners' afterJob
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (runs.failures() == failuresBefore && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(runs.failures()).isEqualTo(failuresBefore + 1);
    assertThat(store.find(BatchJobs.runIdOf(operator, execution))).isEmpty();
  }

  @Test
  void aFailureToRecordFailsAJobInStrictMode() throws InterruptedException {
    long failuresBefore = runs.failures();

    long execution = operator.start("forgetful-strict", new Properties());
    awaitBatchStatus(execution);
    // JBeret marks a job COMPLETED before its listeners' afterJob, and FAILED after one threw
    BatchStatus status = operator.getJobExecution(execution).getBatchStatus();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (status != BatchStatus.FAILED && System.nanoTime() < deadline) {
      Thread.sleep(50);
      status = operator.getJobExecution(execution).getBatchStatus();
    }

    assertThat(status)
        .as("the job-level property executions.batch.strict")
        .isEqualTo(BatchStatus.FAILED);
    assertThat(operator.getStepExecutions(execution))
        .singleElement()
        .satisfies(step -> assertThat(step.getBatchStatus()).isEqualTo(BatchStatus.COMPLETED));
    assertThat(runs.failures()).isEqualTo(failuresBefore + 1);
  }

  private List<String> lines(String id, String task) {
    return store.getLogLines(id, task).stream().map(TaskLogLine::getLine).toList();
  }

  /** The run of job execution {@code executionId} once both the job and its run have ended. */
  private WorkflowExecution finished(long executionId) {
    try {
      awaitBatchStatus(executionId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    String id = BatchJobs.runIdOf(operator, executionId);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Optional<WorkflowExecution> run = store.find(id);
      if (run.isPresent() && run.get().getStatus().isTerminal()) {
        return run.get();
      }
      assertThat(System.nanoTime())
          .as("run %s of job execution %s ended within %s: %s", id, executionId, WAIT, run)
          .isLessThan(deadline);
      sleep();
    }
  }

  /** The job execution's final batch status, once it has ended ({@link BatchJobs#awaitEnd}). */
  private BatchStatus awaitBatchStatus(long executionId) throws InterruptedException {
    return BatchJobs.awaitEnd(operator, executionId, WAIT).getBatchStatus();
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
