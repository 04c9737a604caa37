package org.workflowengine.persistence.batch;

import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.workflowengine.persistence.lang.Causes;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.error.DuplicateExecutionException;

/**
 * Writes what the batch listeners saw into the store, each call in a transaction of its own: a
 * chunk's listener runs inside the chunk's transaction, and what is recorded must neither roll back
 * with the chunk (its error is the point) nor make the chunk roll back when recording fails.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BatchRecorder {

  /** Who the audit trail says acted. */
  static final String ACTOR = "batch runtime";

  @Inject ExecutionStore store;

  /**
   * Records a job execution that starts: a run of its job, running the job document {@code
   * definition}, with its labels and an audit entry.
   *
   * @throws DuplicateExecutionException if it is recorded already (the job listener named twice in
   *     a job: the second is a failure to record, logged and counted)
   */
  public void jobStarted(JobRun job, JsonObject definition) {
    WorkflowExecution run = WorkflowExecution.of(job.jobName(), store.snapshot(definition));
    run.setId(job.runId());
    run.setStatus(WorkflowStatus.RUNNING);
    run.setCreatedAt(job.created());
    run.setLabels(job.labels());
    JsonObjectBuilder details =
        Json.createObjectBuilder()
            .add("batch_status", BatchStatus.STARTED.name())
            .add("job_instance", job.instanceId())
            .add("job_execution", job.executionId());
    if (job.restartOf() != null) {
      details.add("restart_of", job.restartOf());
    }
    run.getAuditTrail()
        .add(
            new AuditEntry(
                ACTOR, job.restartOf() == null ? "job started" : "job restarted", details.build()));
    store.create(run);
  }

  /**
   * Records the end of a job execution: the steps no step listener recorded (their task records, a
   * log line of their counts, an error for a failed one), an audit entry with its batch and exit
   * status, and the run's final status.
   */
  public void jobEnded(
      String runId, BatchStatus status, String exitStatus, List<StepRun> stepsToRecord) {
    for (StepRun step : stepsToRecord) {
      stepEnded(runId, List.of(), step, null, true);
    }
    WorkflowStatus end = endOf(status);
    store.appendAudit(
        runId,
        new AuditEntry(
            ACTOR,
            "job ended",
            Json.createObjectBuilder()
                .add("batch_status", String.valueOf(status))
                .add("exit_status", String.valueOf(exitStatus))
                .build()));
    store.transition(runId, end, end == WorkflowStatus.COMPLETE, null);
  }

  /** Records a step that starts, as a running task record. */
  public void stepStarted(String runId, String step, Instant started, int attempt) {
    TaskExecution task = new TaskExecution(step, step, WorkflowStatus.RUNNING);
    task.setStartedAt(started);
    task.setAttempt(attempt);
    store.upsertTask(runId, task);
  }

  /**
   * Records a step that ended: its task record with status, times, attempt and, as output, its exit
   * status and counts; the log lines of its last chunks and a line of its counts. A failed step's
   * task record carries {@code failure} (or its statuses, when the runtime gave no exception) as
   * its error, which is also recorded as an error of the step unless {@code recordError} is false
   * (the step listener recorded it already, when an item failed).
   */
  public void stepEnded(
      String runId, List<String> chunkLines, StepRun step, Throwable failure, boolean recordError) {
    WorkflowStatus status = endOf(step.status());
    TaskExecution task = new TaskExecution(step.name(), step.name(), status);
    task.setStartedAt(step.started());
    task.setCompletedAt(step.ended() == null ? Instant.now() : step.ended());
    task.setAttempt(step.attempt());
    JsonObjectBuilder output =
        Json.createObjectBuilder()
            .add("batch_status", String.valueOf(step.status()))
            .add("exit_status", String.valueOf(step.exitStatus()));
    JsonObjectBuilder metrics = Json.createObjectBuilder();
    step.metrics().forEach(metrics::add);
    task.setOutput(output.add("metrics", metrics).build());
    String message = null;
    if (status == WorkflowStatus.FAILED) {
      message =
          failure != null
              ? describe(failure)
              : "step "
                  + step.name()
                  + " ended "
                  + step.status()
                  + (step.exitStatus() == null ? "" : ", exit status " + step.exitStatus());
      task.setError(message);
    }
    store.upsertTask(runId, task);
    List<String> lines = new ArrayList<>(chunkLines);
    lines.add(
        "step ended "
            + step.status()
            + (step.exitStatus() == null ? "" : " (exit status " + step.exitStatus() + ")")
            + ": "
            + counts(step.metrics()));
    store.appendLogs(runId, step.name(), lines);
    if (message != null && recordError) {
      store.recordError(runId, new ExecutionError(message, step.name()));
    }
  }

  /** Appends log lines to step {@code step}: the lines of the chunks written since the last. */
  public void log(String runId, String step, List<String> lines) {
    store.appendLogs(runId, step, lines);
  }

  /** Records an error of step {@code step}. */
  public void error(String runId, String step, String message) {
    store.recordError(runId, new ExecutionError(message, step));
  }

  /** The store's status for a batch status at the end of a job or step. */
  static WorkflowStatus endOf(BatchStatus status) {
    if (status == null) {
      return WorkflowStatus.COMPLETE;
    }
    return switch (status) {
      case FAILED -> WorkflowStatus.FAILED;
      case STOPPING, STOPPED, ABANDONED -> WorkflowStatus.CANCELLED;
      // a runtime may call afterJob before it marks the job COMPLETED: STARTED did not fail
      case STARTING, STARTED, COMPLETED -> WorkflowStatus.COMPLETE;
    };
  }

  /** "read count 100, write count 97, …", from a step's metrics. */
  static String counts(Map<String, Long> metrics) {
    return metrics.isEmpty()
        ? "no counts"
        : metrics.entrySet().stream()
            .map(metric -> metric.getKey().replace('_', ' ') + " " + metric.getValue())
            .collect(Collectors.joining(", "));
  }

  /** An exception as an error message: its class and message, and those of its causes. */
  static String describe(Throwable failure) {
    String text =
        Causes.of(failure).map(String::valueOf).collect(Collectors.joining("; caused by "));
    return text.length() > ExecutionError.MAX_MESSAGE_LENGTH
        ? text.substring(0, ExecutionError.MAX_MESSAGE_LENGTH)
        : text;
  }
}
