package org.workflowengine.persistence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.metrics.StoreMetrics;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.SnapshotRef;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.testing.Deployments;
import org.workflowengine.persistence.testing.Executions;

/**
 * What the metrics cost the store's write path: the same records and appends with the metrics
 * counting and with them paused ({@link StoreMetrics#setRecording}; the interceptors are still
 * called, they return at once), in alternating rounds in one run (which of the two goes first
 * alternates too). The ratio is the median of the rounds' rate ratios, on / off. {@code mvn verify
 * -Pbench -Ddatabase=postgresql -Dit.test=MetricsBench}.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsBench {

  private static final int RUNS = Integer.getInteger("bench.metrics.runs", 300);
  private static final int APPENDS_PER_RUN = 2;
  private static final int ROUNDS = Integer.getInteger("bench.metrics.rounds", 10);
  private static final int WARM_UP = 3;

  @Deployment
  static WebArchive deployment() {
    return Deployments.application(MetricsBench.class.getPackageName());
  }

  @Inject ExecutionStore store;

  @Inject StoreMetrics metrics;

  /** Milliseconds of one round's two phases. */
  private record Round(long recordMs, long appendMs) {}

  @Test
  void countingCostsTheWritePathLittle() {
    for (int i = 0; i < WARM_UP; i++) {
      round(true);
      round(false);
    }
    List<Round> on = new ArrayList<>();
    List<Round> off = new ArrayList<>();
    List<Double> recordRatios = new ArrayList<>();
    List<Double> appendRatios = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      Round with;
      Round without;
      if (i % 2 == 0) {
        with = round(true);
        without = round(false);
      } else {
        without = round(false);
        with = round(true);
      }
      on.add(with);
      off.add(without);
      recordRatios.add((double) without.recordMs() / with.recordMs());
      appendRatios.add((double) without.appendMs() / with.appendMs());
    }
    metrics.setRecording(true);
    double recordOn =
        RUNS * 1000.0 / medianOf(on.stream().map(r -> (double) r.recordMs()).toList());
    double recordOff =
        RUNS * 1000.0 / medianOf(off.stream().map(r -> (double) r.recordMs()).toList());
    int appends = RUNS * APPENDS_PER_RUN;
    double appendOn =
        appends * 1000.0 / medianOf(on.stream().map(r -> (double) r.appendMs()).toList());
    double appendOff =
        appends * 1000.0 / medianOf(off.stream().map(r -> (double) r.appendMs()).toList());
    System.out.printf(
        Locale.ROOT,
        "metrics bench: %d rounds after %d warm-up pairs, each %d records (by a registered definition's handle) then %d appends (no"
            + " caller transaction: grouped); records/s on %.0f, off %.0f, ratio (median of the"
            + " rounds') %.3f; appends/s on %.0f, off %.0f, ratio %.3f (goal >= 0.97 each)%n",
        ROUNDS,
        WARM_UP,
        RUNS,
        appends,
        recordOn,
        recordOff,
        medianOf(recordRatios),
        appendOn,
        appendOff,
        medianOf(appendRatios));
    assertThat(recordOn).isPositive();
  }

  private Round round(boolean counting) {
    metrics.setRecording(counting);
    String workflow = "metrics-bench-" + UUID.randomUUID();
    List<String> ids = new ArrayList<>(RUNS);
    // as an engine records: the definition registered once, each run naming it
    SnapshotRef definition = store.snapshot(Executions.uniqueSnapshot());
    long start = System.nanoTime();
    for (int i = 0; i < RUNS; i++) {
      WorkflowExecution run = store.create(WorkflowExecution.of(workflow, definition));
      ids.add(run.getId());
    }
    long recorded = System.nanoTime();
    for (int a = 0; a < APPENDS_PER_RUN; a++) {
      for (String id : ids) {
        store.appendAudit(id, new AuditEntry("bench", "step " + a, null));
      }
    }
    long appended = System.nanoTime();
    return new Round((recorded - start) / 1_000_000, (appended - recorded) / 1_000_000);
  }

  private static double medianOf(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
