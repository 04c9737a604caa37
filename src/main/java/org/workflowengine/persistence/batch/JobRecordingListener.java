package org.workflowengine.persistence.batch;

import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The job listener that records a Jakarta Batch job execution as a run of the store: one line in a
 * job document turns it on,
 *
 * <pre>{@code <listeners><listener ref="executionStoreJobListener"/></listeners>}</pre>
 *
 * <p>When the job starts: a run of the job, running the job document as its snapshot ({@link
 * JobDocuments}), labelled with the job instance, the execution, the run it restarts and the job
 * parameters ({@link BatchSettings}). When it ends: each step as a task record with a log line of
 * its counts (unless {@link StepRecordingListener} recorded it as it ran), an error for a failed
 * step, and the run's final status.
 *
 * <p>The job document is {@code META-INF/batch-jobs/<job id>.xml} of the application, or the one
 * the job-level property {@value #JOB_XML_PROPERTY} names (without {@code .xml}).
 */
@Named("executionStoreJobListener")
@Dependent
public class JobRecordingListener implements JobListener {

  /** The job-level property naming the job document, when it is not named after the job. */
  public static final String JOB_XML_PROPERTY = "executions.batch.job-xml";

  @Inject JobContext job;

  @Inject BatchRecorder recorder;

  @Inject BatchRuns runs;

  @Override
  public void beforeJob() {
    long executionId = job.getExecutionId();
    runs.guarded(
        "the start of job execution " + executionId,
        job.getProperties(),
        () -> {
          JobRun run = BatchFacts.job(runs.settings(), executionId);
          recorder.jobStarted(run, definition());
          runs.running(executionId, run.runId());
        });
  }

  @Override
  public void afterJob() {
    long executionId = job.getExecutionId();
    String runId = runs.runOf(executionId);
    try {
      runs.guarded(
          "the end of job execution " + executionId,
          job.getProperties(),
          () -> {
            if (runId == null) {
              throw new IllegalStateException(
                  "job execution " + executionId + " has no run: its start was not recorded");
            }
            List<StepRun> steps =
                BatchFacts.steps(executionId, step -> runs.hasStepListener(executionId, step));
            recorder.jobEnded(runId, job.getBatchStatus(), job.getExitStatus(), steps);
          });
    } finally {
      runs.ended(executionId);
    }
  }

  /** The job document, as JSON; an object saying what is missing if it cannot be read. */
  private JsonObject definition() {
    String name = job.getProperties().getProperty(JOB_XML_PROPERTY, job.getJobName());
    String resource = "META-INF/batch-jobs/" + name + ".xml";
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream xml = loader == null ? null : loader.getResourceAsStream(resource)) {
      if (xml == null) {
        return Json.createObjectBuilder()
            .add("job", Json.createObjectBuilder().add("@id", job.getJobName()))
            .add("unavailable", resource + " was not found on the application's class path")
            .build();
      }
      return JobDocuments.toJson(xml);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Reading " + resource + " failed", e);
    }
  }
}
