package org.workflowengine.persistence.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.workflowengine.persistence.model.Labels;

/**
 * What the batch runtime knows of a job execution, read through its {@link JobOperator} by the
 * listeners (on the job's thread, outside the store's transactions), as the values the store
 * records.
 */
final class BatchFacts {

  private static final Logger LOG = Logger.getLogger(BatchFacts.class.getName());

  /** Labels every recorded run carries besides its parameters'. */
  static final String INSTANCE_LABEL = "batch.job-instance";

  static final String EXECUTION_LABEL = "batch.job-execution";
  static final String RESTART_LABEL = "batch.restart-of";

  private BatchFacts() {}

  private static JobOperator operator() {
    return BatchRuntime.getJobOperator();
  }

  /**
   * The id of the run that records {@code execution} of {@code instanceId}: stable for the
   * execution (each listener derives the same), distinct across a job repository that starts its
   * ids again (an in-memory one after a restart of the server), as the execution's creation time is
   * part of it.
   */
  static String runId(BatchSettings settings, long instanceId, JobExecution execution) {
    Date created = execution.getCreateTime();
    return settings.idPrefix()
        + "-"
        + instanceId
        + "-"
        + execution.getExecutionId()
        + "-"
        + (created == null ? 0 : created.getTime());
  }

  static JobRun job(BatchSettings settings, long executionId) {
    JobOperator operator = operator();
    JobExecution execution = operator.getJobExecution(executionId);
    JobInstance instance = operator.getJobInstance(executionId);
    String restartOf = null;
    JobExecution previous =
        operator.getJobExecutions(instance).stream()
            .filter(e -> e.getExecutionId() != executionId)
            .filter(e -> e.getCreateTime() != null && execution.getCreateTime() != null)
            .filter(e -> !e.getCreateTime().after(execution.getCreateTime()))
            .max(
                Comparator.comparing(JobExecution::getCreateTime)
                    .thenComparing(JobExecution::getExecutionId))
            .orElse(null);
    if (previous != null) {
      restartOf = runId(settings, instance.getInstanceId(), previous);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(INSTANCE_LABEL, Long.toString(instance.getInstanceId()));
    labels.put(EXECUTION_LABEL, Long.toString(executionId));
    if (restartOf != null) {
      labels.put(RESTART_LABEL, restartOf);
    }
    labels.putAll(parameterLabels(settings, operator.getParameters(executionId), labels.size()));
    return new JobRun(
        runId(settings, instance.getInstanceId(), execution),
        instance.getJobName(),
        instance.getInstanceId(),
        executionId,
        execution.getCreateTime() == null ? Instant.now() : execution.getCreateTime().toInstant(),
        labels,
        restartOf);
  }

  /**
   * The job parameters that become labels: those {@code labelInclude} matches and {@code
   * labelExclude} does not, keyed {@code <prefix><name>} with the name in lower case and every
   * character a label key cannot hold as {@code -}; a value longer than a label's is left out
   * (logged), never cut; at most as many as a run's labels may be.
   */
  static Map<String, String> parameterLabels(
      BatchSettings settings, Properties parameters, int taken) {
    Map<String, String> labels = new TreeMap<>();
    if (parameters == null) {
      return labels;
    }
    for (String name : new TreeSet<>(parameters.stringPropertyNames())) {
      String value = parameters.getProperty(name);
      if (!settings.labelInclude().matcher(name).matches()
          || settings.labelExclude().matcher(name).matches()) {
        continue;
      }
      String key = labelKey(settings.labelPrefix(), name);
      if (key == null || value == null || Labels.valueViolation(key, value) != null) {
        LOG.fine(() -> "Job parameter " + name + " is not recorded as a label");
        continue;
      }
      if (taken + labels.size() >= Labels.MAX_LABELS) {
        LOG.info(
            () ->
                "Job parameter "
                    + name
                    + " left out: a run has at most "
                    + Labels.MAX_LABELS
                    + " labels");
        continue;
      }
      labels.put(key, value);
    }
    return labels;
  }

  /** The label key of job parameter {@code name}, or null if none can be made of it. */
  static String labelKey(String prefix, String name) {
    String key = (prefix + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._/-]", "-");
    return Labels.keyViolation(key) == null ? key : null;
  }

  /** How many times step {@code step} of the job instance ran before, plus one. */
  static int attempt(long executionId, String step) {
    return earlierRuns(executionId).getOrDefault(step, 0) + 1;
  }

  /** How many times each step ran in the job instance's executions before {@code executionId}. */
  private static Map<String, Integer> earlierRuns(long executionId) {
    JobOperator operator = operator();
    Map<String, Integer> runs = new HashMap<>();
    for (JobExecution execution : operator.getJobExecutions(operator.getJobInstance(executionId))) {
      if (execution.getExecutionId() != executionId) {
        for (StepExecution earlier : operator.getStepExecutions(execution.getExecutionId())) {
          runs.merge(earlier.getStepName(), 1, Integer::sum);
        }
      }
    }
    return runs;
  }

  /**
   * The steps job execution {@code executionId} ran that {@code recorded} does not hold, as the
   * runtime knows them at its end.
   */
  static List<StepRun> steps(long executionId, Predicate<String> recorded) {
    List<StepExecution> steps =
        operator().getStepExecutions(executionId).stream()
            .filter(step -> !recorded.test(step.getStepName()))
            .toList();
    Map<String, Integer> earlier = steps.isEmpty() ? Map.of() : earlierRuns(executionId);
    return steps.stream()
        .map(
            step ->
                new StepRun(
                    step.getStepName(),
                    step.getBatchStatus(),
                    step.getExitStatus(),
                    instantOf(step.getStartTime()),
                    instantOf(step.getEndTime()),
                    earlier.getOrDefault(step.getStepName(), 0) + 1,
                    metrics(step.getMetrics())))
        .toList();
  }

  static Map<String, Long> metrics(Metric[] metrics) {
    Map<String, Long> values = new TreeMap<>();
    if (metrics != null) {
      for (Metric metric : metrics) {
        values.put(metric.getType().name().toLowerCase(Locale.ROOT), metric.getValue());
      }
    }
    return values;
  }

  private static Instant instantOf(Date date) {
    return date == null ? null : date.toInstant();
  }
}
