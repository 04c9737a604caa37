package org.workflowengine.persistence.batchjobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.workflowengine.persistence.store.ExecutionStore;

/**
 * Deletes the run its own job is recorded as, so that recording the rest of the job fails: the job
 * must go on regardless.
 */
@Named
@Dependent
public class ForgetfulBatchlet extends AbstractBatchlet {

  @Inject JobContext job;

  @Inject ExecutionStore store;

  @Override
  public String process() {
    JobExecution execution = BatchRuntime.getJobOperator().getJobExecution(job.getExecutionId());
    store.delete(BatchJobs.runIdOf(job.getInstanceId(), execution), null);
    return "FORGOTTEN";
  }
}
