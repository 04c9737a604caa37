package org.workflowengine.persistence.batchjobs;

import jakarta.batch.runtime.JobExecution;

/** The run a job execution is recorded as, by the documented rule (default prefix). */
public final class RunIds {

  private RunIds() {}

  public static String of(long instanceId, JobExecution execution) {
    return "batch-"
        + instanceId
        + "-"
        + execution.getExecutionId()
        + "-"
        + execution.getCreateTime().getTime();
  }
}
