package org.workflowengine.persistence.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.Scrape;

/** The registry's names, labels and bounds, without a server. */
class StoreMetricsTest {

  private final StoreMetrics metrics = new StoreMetrics();

  @AfterEach
  void stop() {
    metrics.stop();
  }

  private Scrape scrape() {
    return Scrape.of(metrics.scrape(StoreMetrics.PROMETHEUS_TEXT));
  }

  @Test
  void countersAndHistogramsGetPrometheusNamesAndTheApplicationLabel() {
    metrics.start(new MetricsSettings(true, false, 50));

    metrics.operation("record", "ok", 3_000_000);
    metrics.operation("record", "ok", 30_000_000);
    metrics.runRecorded("orders");
    metrics.appended("log", 3);

    Scrape scrape = scrape();
    assertThat(scrape.sum("executions_store_operations_seconds_count", "operation", "record"))
        .isEqualTo(2);
    assertThat(scrape.sum("executions_store_operations_seconds_sum", "outcome", "ok"))
        .isEqualTo(0.033);
    assertThat(
            scrape.sum(
                "executions_store_operations_seconds_bucket", "operation", "record", "le", "0.005"))
        .as("the 3 ms call is under 5 ms, the 30 ms one is not")
        .isEqualTo(1);
    assertThat(scrape.sum("executions_runs_recorded_total")).isEqualTo(1);
    assertThat(scrape.named("executions_runs_recorded_total"))
        .singleElement()
        .satisfies(
            sample ->
                assertThat(sample.labels())
                    .as("no workflow label unless the operator allows it")
                    .containsOnlyKeys("application"));
    assertThat(scrape.sum("executions_log_lines_total")).isEqualTo(3);
    assertThat(scrape.sum("executions_appends_total", "kind", "log")).isEqualTo(1);
  }

  @Test
  void workflowNamesBeyondTheCapAreCountedAsOther() {
    metrics.start(new MetricsSettings(true, true, 2));

    for (String workflow : new String[] {"a", "b", "c", "d", "a", "c"}) {
      metrics.runRecorded(workflow);
    }
    metrics.runFinished("Failed", "d");

    Scrape scrape = scrape();
    assertThat(scrape.sum("executions_runs_recorded_total", "workflow", "a")).isEqualTo(2);
    assertThat(scrape.sum("executions_runs_recorded_total", "workflow", "b")).isEqualTo(1);
    assertThat(
            scrape.sum("executions_runs_recorded_total", "workflow", StoreMetrics.OTHER_WORKFLOWS))
        .isEqualTo(3);
    assertThat(scrape.named("executions_runs_recorded_total")).hasSize(3);
    assertThat(
            scrape.sum(
                "executions_runs_finished_total",
                "workflow",
                StoreMetrics.OTHER_WORKFLOWS,
                "status",
                "Failed"))
        .isEqualTo(1);
  }

  @Test
  void anOutageIsCountedOnceUntilTheDatabaseIsReachedAgain() {
    metrics.start(new MetricsSettings(true, false, 50));

    metrics.databaseReached();
    metrics.databaseUnavailable();
    metrics.databaseUnavailable();
    assertThat(scrape().sum("executions_database_reachable")).isZero();
    metrics.databaseReached();
    metrics.databaseUnavailable();

    Scrape scrape = scrape();
    assertThat(scrape.sum("executions_database_unavailable_total")).isEqualTo(3);
    assertThat(scrape.sum("executions_database_outages_total")).isEqualTo(2);
    assertThat(scrape.sum("executions_database_reachable")).isZero();
    metrics.databaseReached();
    assertThat(scrape().sum("executions_database_reachable")).isEqualTo(1);
  }

  @Test
  void pausedOrSwitchedOffNothingIsCounted() {
    metrics.start(new MetricsSettings(true, false, 50));
    metrics.setRecording(false);
    metrics.runRecorded("x");
    metrics.operation("list", "ok", 1);
    metrics.setRecording(true);
    metrics.runRecorded("x");
    assertThat(scrape().sum("executions_runs_recorded_total")).isEqualTo(1);
    assertThat(scrape().sum("executions_store_operations_seconds_count")).isZero();

    StoreMetrics off = new StoreMetrics();
    off.start(new MetricsSettings(false, false, 50));
    off.setRecording(true);
    off.runRecorded("x");
    assertThat(off.enabled()).isFalse();
    assertThat(
            Scrape.of(off.scrape(StoreMetrics.PROMETHEUS_TEXT))
                .has("executions_runs_recorded_total"))
        .isFalse();
    off.stop();
  }

  @Test
  void openMetricsEndsWithEof() {
    metrics.start(new MetricsSettings(true, false, 50));
    metrics.runRecorded("x");

    assertThat(metrics.scrape(StoreMetrics.OPENMETRICS))
        .contains("# TYPE executions_runs_recorded counter")
        .endsWith("# EOF\n");
  }
}
