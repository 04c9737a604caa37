package org.workflowengine.persistence.store.insight;

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
import org.workflowengine.persistence.store.query.RunCounts;

/**
 * Folds the deltas of the kept counts and statistics ({@link RunCounts#fold}, {@link
 * KeptStatistics#fold}) every {@value #EVERY_MS} ms on PostgreSQL, so that a read finds a row per
 * workflow and hour and only the last seconds' deltas. A read is exact with or without a fold;
 * folding keeps it short. Several nodes may fold at once: a delta is folded once. A fold that moved
 * deltas vacuums their tables: every delta is deleted soon after it is written, and PostgreSQL's
 * autovacuum, busy with the large tables, may leave the dead rows there for every read to scan.
 */
@Singleton
@Startup
public class KeptFolding {

  /** How often the deltas are folded. */
  static final long EVERY_MS = 10_000;

  private static final Logger LOG = Logger.getLogger(KeptFolding.class.getName());

  @Inject RunCounts counts;

  @Inject KeptStatistics statistics;

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
      if (statistics.fold() > 0) {
        statistics.vacuumDeltas();
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          Level.WARNING, "Could not fold the kept counts; they are folded at the next interval", e);
    }
  }
}
