package org.workflowengine.persistence.batchjobs;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.time.Duration;
import java.util.Set;

/** What the tests of batch jobs ask of the batch runtime and of the store's rule for run ids. */
public final class BatchJobs {

  private static final Set<BatchStatus> ENDED =
      Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.ABANDONED);

  private BatchJobs() {}

  /** The run a job execution is recorded as, by the documented rule (default prefix). */
  public static String runIdOf(long instanceId, JobExecution execution) {
    return "batch-"
        + instanceId
        + "-"
        + execution.getExecutionId()
        + "-"
        + execution.getCreateTime().getTime();
  }

  /** The run job execution {@code executionId} is recorded as. */
  public static String runIdOf(JobOperator operator, long executionId) {
    return runIdOf(
        operator.getJobInstance(executionId).getInstanceId(),
        operator.getJobExecution(executionId));
  }

  /**
   * Job execution {@code executionId} once it has a final batch status and an end time. Not
   * necessarily after its job listeners' afterJob: JBeret marks a job COMPLETED, with its end time,
   * before it, and FAILED after it if a listener threw; what afterJob records is waited for by what
   * it records.
   *
   * @throws IllegalStateException if it has not ended within {@code timeout}
   */
  public static JobExecution awaitEnd(JobOperator operator, long executionId, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JobExecution execution = operator.getJobExecution(executionId);
      if (ENDED.contains(execution.getBatchStatus()) && execution.getEndTime() != null) {
        return execution;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "job execution "
                + executionId
                + " did not end within "
                + timeout
                + ", it is "
                + execution.getBatchStatus());
      }
      Thread.sleep(20);
    }
  }
}
