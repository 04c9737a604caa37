package org.workflowengine.persistence.store.retention;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.workflowengine.persistence.model.WorkflowStatus;

/**
 * The optional retention policy applied on a schedule, off unless {@code
 * executions.retention.enabled=true}. Configured by MicroProfile Config (system properties,
 * environment variables, the server's config sources), so no rebuild is needed:
 *
 * <ul>
 *   <li>{@code executions.retention.interval} — ISO-8601 duration between runs, default {@code
 *       PT1H}
 *   <li>{@code executions.retention.completed-older-than} — default {@code P30D}
 *   <li>{@code executions.retention.keep-last} — per workflow, default {@code 10}
 *   <li>{@code executions.retention.statuses} — comma-separated terminal statuses, default all
 *   <li>{@code executions.retention.batch-size} — default {@code 500}
 * </ul>
 */
@Singleton
@Startup
public class RetentionSchedule {

  private static final Logger LOG = Logger.getLogger(RetentionSchedule.class.getName());

  /**
   * How many of each workflow's newest executions a purge keeps; also the default of {@code
   * keep_last} for a purge over HTTP, so that a purge asked for by hand keeps what the schedule
   * keeps.
   */
  public static final String KEEP_LAST = "executions.retention.keep-last";

  /** The default of {@value #KEEP_LAST}. */
  public static final String DEFAULT_KEEP_LAST = "10";

  @Inject
  @ConfigProperty(name = "executions.retention.enabled", defaultValue = "false")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "executions.retention.interval", defaultValue = "PT1H")
  String interval;

  @Inject
  @ConfigProperty(name = "executions.retention.completed-older-than", defaultValue = "P30D")
  String completedOlderThan;

  @Inject
  @ConfigProperty(name = KEEP_LAST, defaultValue = DEFAULT_KEEP_LAST)
  int keepLast;

  @Inject
  @ConfigProperty(name = "executions.retention.statuses")
  Optional<String> statuses;

  @Inject
  @ConfigProperty(name = "executions.retention.batch-size", defaultValue = "500")
  int batchSize;

  @Inject Retention retention;

  @Resource TimerService timers;

  @PostConstruct
  void schedule() {
    if (!enabled) {
      return;
    }
    RetentionPolicy example = policy(Instant.now());
    long every = Duration.parse(interval).toMillis();
    timers.createIntervalTimer(every, every, new TimerConfig(null, false));
    LOG.info(() -> "Retention scheduled every " + interval + ": " + example);
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void apply() {
    try {
      retention.purge(policy(Instant.now()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Scheduled retention failed; it runs again at the next interval", e);
    }
  }

  /** The configured policy as of {@code now}: a real run, not a dry one. */
  RetentionPolicy policy(Instant now) {
    Set<WorkflowStatus> wanted = WorkflowStatus.listFromWire(statuses.orElse(null));
    return new RetentionPolicy(
        now.minus(Duration.parse(completedOlderThan)), wanted, null, keepLast, false, batchSize);
  }
}
