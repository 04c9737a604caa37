package org.workflowengine.persistence.store.query;

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
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Folds the run counts' deltas ({@link RunCounts#fold}) every {@value #EVERY_MS} ms on PostgreSQL,
 * so that a count reads a row per workflow, hour, status and outcome and only the last seconds'
 * deltas. A read is exact with or without a fold; folding only keeps it short. Several nodes may
 * fold at once: each fold moves the deltas it deleted, and a delta is deleted once.
 */
@Singleton
@Startup
public class RunCountFolding {

  /** How often the deltas are folded. */
  static final long EVERY_MS = 10_000;

  private static final Logger LOG = Logger.getLogger(RunCountFolding.class.getName());

  @Inject RunCounts counts;

  @Resource TimerService timers;

  @PostConstruct
  void schedule() {
    if (counts.kept()) {
      timers.createIntervalTimer(EVERY_MS, EVERY_MS, new TimerConfig(null, false));
    }
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void fold() {
    try {
      counts.fold();
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          Level.WARNING, "Could not fold the run counts; they are folded at the next interval", e);
    }
  }
}
