package org.workflowengine.persistence.batch;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
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
  private final Set<String> stepsWithListener = ConcurrentHashMap.newKeySet();
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

  public void stepHasListener(long executionId, String step) {
    stepsWithListener.add(executionId + "/" + step);
  }

  public boolean hasStepListener(long executionId, String step) {
    return stepsWithListener.contains(executionId + "/" + step);
  }

  public void ended(long executionId) {
    runs.remove(executionId);
    stepsWithListener.removeIf(key -> key.startsWith(executionId + "/"));
  }

  /**
   * Does {@code recording}; a failure is logged and counted, and fails the job only in strict mode
   * ({@code executions.batch.strict}).
   */
  public <T> T guarded(String what, Supplier<T> recording) {
    try {
      return recording.get();
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      if (settings.strict()) {
        throw e;
      }
      LOG.log(
          Level.WARNING,
          e,
          () -> "Recording " + what + " in the execution store failed; the job goes on");
      return null;
    }
  }

  public void guarded(String what, Runnable recording) {
    guarded(
        what,
        () -> {
          recording.run();
          return null;
        });
  }
}
