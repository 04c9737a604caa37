package org.workflowengine.persistence.batch;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the batch listeners of this application share: the settings, the run each job execution
 * running now is recorded as, which of its steps have a step listener, and how many times recording
 * failed.
 */
@ApplicationScoped
public class BatchRuns {

  private static final Logger LOG = Logger.getLogger(BatchRuns.class.getName());

  private final Map<Long, String> runs = new ConcurrentHashMap<>();
  private final Map<String, StepProgress> steps = new ConcurrentHashMap<>();
  private final AtomicLong failures = new AtomicLong();
  private BatchSettings settings;

  @PostConstruct
  void configure() {
    settings = BatchSettings.of(ConfigProvider.getConfig());
  }

  public BatchSettings settings() {
    return settings;
  }

  /** How many times recording a job's progress failed since the application started. */
  public long failures() {
    return failures.get();
  }

  public void running(long executionId, String runId) {
    runs.put(executionId, runId);
  }

  /** The run job execution {@code executionId} is recorded as, null if it is not being recorded. */
  public String runOf(long executionId) {
    return runs.get(executionId);
  }

  /**
   * A step with the step listener starts: its progress, held until the job ends; null if its job is
   * not being recorded.
   */
  public StepProgress stepStarts(long executionId, String step, Properties jobProperties) {
    String run = runOf(executionId);
    if (run == null) {
      return null;
    }
    StepProgress progress =
        new StepProgress(executionId, step, run, Instant.now(), logInterval(jobProperties));
    steps.put(executionId + "/" + step, progress);
    return progress;
  }

  /** The progress of a step with the step listener, null if it has none or is not recorded. */
  public StepProgress progressOf(long executionId, String step) {
    return steps.get(executionId + "/" + step);
  }

  /** Whether the step listener records the step (the job listener then leaves it alone). */
  public boolean hasStepListener(long executionId, String step) {
    return steps.containsKey(executionId + "/" + step);
  }

  public void ended(long executionId) {
    runs.remove(executionId);
    steps.keySet().removeIf(key -> key.startsWith(executionId + "/"));
  }

  /** The job-level property that sets the step listener's log interval for one job. */
  public static final String LOG_INTERVAL_PROPERTY = "executions.batch.log-interval";

  /**
   * How long the step listener gathers chunks into one log line: the job-level property {@value
   * #LOG_INTERVAL_PROPERTY} (ISO-8601, {@code PT0S} for a line per chunk) if the job has a valid
   * one, else the setting {@code executions.batch.log-interval}.
   */
  public Duration logInterval(Properties jobProperties) {
    String value = jobProperties == null ? null : jobProperties.getProperty(LOG_INTERVAL_PROPERTY);
    if (value != null) {
      try {
        return Duration.parse(value.trim());
      } catch (DateTimeParseException e) {
        LOG.warning(
            () ->
                LOG_INTERVAL_PROPERTY
                    + " '"
                    + value
                    + "' is not an ISO-8601 duration; using "
                    + settings.logInterval());
      }
    }
    return settings.logInterval();
  }

  /** The job-level property that sets strict mode for one job, whatever the setting says. */
  public static final String STRICT_PROPERTY = "executions.batch.strict";

  /**
   * Does {@code recording}; a failure is logged and counted, and fails the job only in strict mode:
   * the job-level property {@value #STRICT_PROPERTY} of {@code jobProperties} if the job has it,
   * else the setting {@code executions.batch.strict}.
   */
  public void guarded(String what, Properties jobProperties, Runnable recording) {
    try {
      recording.run();
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      String strict = jobProperties == null ? null : jobProperties.getProperty(STRICT_PROPERTY);
      if (strict == null ? settings.strict() : Boolean.parseBoolean(strict.trim())) {
        LOG.log(Level.WARNING, e, () -> "Recording " + what + " failed; strict mode fails the job");
        throw e;
      }
      LOG.log(
          Level.WARNING,
          e,
          () -> "Recording " + what + " in the execution store failed; the job goes on");
    }
  }
}
