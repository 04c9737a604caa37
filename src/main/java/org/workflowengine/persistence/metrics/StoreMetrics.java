package org.workflowengine.persistence.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The service's metrics: one Micrometer registry per application, with the names, labels and
 * histogram buckets listed in docs/operations.md. The floors above report what happened; this class
 * decides how it is counted, and keeps every label's values bounded (operations, outcomes, statuses
 * and route templates are fixed sets; workflow names only when the operator allows it, up to a
 * cap).
 *
 * <p>Counts of what was stored move only once it has committed ({@link #afterCommit}): a run that
 * was rolled back was never recorded.
 */
@ApplicationScoped
public class StoreMetrics {

  /** The label every metric carries. */
  public static final String APPLICATION = "workflow-executions";

  /** The workflow label of the runs of workflows beyond the cap. */
  public static final String OTHER_WORKFLOWS = "_other";

  /** The latency buckets of every histogram: 1 ms to 10 s. */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private MetricsSettings settings;
  private PrometheusMeterRegistry registry;
  private JvmGcMetrics gc;
  private volatile boolean recording;

  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Set<String> workflows = ConcurrentHashMap.newKeySet();
  private final Set<String> gauges = ConcurrentHashMap.newKeySet();
  private final AtomicLong reachable = new AtomicLong(1);
  private final AtomicLong archiveBacklog = new AtomicLong();
  private final AtomicBoolean lastCallFailed = new AtomicBoolean();

  @PostConstruct
  void start() {
    start(MetricsSettings.of(ConfigProvider.getConfig()));
  }

  /** Starts with {@code settings}: for tests, which have no MicroProfile Config. */
  void start(MetricsSettings settings) {
    this.settings = settings;
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("application", APPLICATION);
    recording = settings.enabled();
    if (!recording) {
      return;
    }
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    Gauge.builder("executions.database.reachable", reachable, AtomicLong::get)
        .description(
            "1 if the last call of the store reached the database, 0 if it found it out of reach")
        .register(registry);
    Gauge.builder("executions.archive.backlog.runs", archiveBacklog, AtomicLong::get)
        .description("Runs the last purge found due for the archive but left in the database")
        .register(registry);
    // The counters without labels start at zero, so a rate over them exists from the first scrape.
    if (!settings.workflowLabel()) {
      counter("executions.runs.recorded", "Runs recorded", Tags.empty()).increment(0);
    }
    counter(
            "executions.database.calls.refused",
            "Calls refused because every database slot stayed taken",
            Tags.empty())
        .increment(0);
    counter(
            "executions.database.unavailable",
            "Calls that failed because the database was out of reach",
            Tags.empty())
        .increment(0);
    counter(
            "executions.database.outages",
            "Times the database went out of reach after a call that reached it",
            Tags.empty())
        .increment(0);
    counter("executions.archive.runs", "Runs moved into the archive", Tags.empty()).increment(0);
  }

  @PreDestroy
  void stop() {
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }

  /** Whether the metrics are on ({@code executions.metrics.enabled}, default true). */
  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * Stops or resumes counting without touching what was counted: to measure what the metrics cost
   * (the benchmark compares the same work with and without). Off by {@code
   * executions.metrics.enabled=false} there is nothing to resume.
   */
  public void setRecording(boolean recording) {
    this.recording = recording && settings.enabled();
  }

  /** The registry, to bind more meters to it or to read it (tests). */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Every metric in the exposition format {@code contentType} names ({@link #OPENMETRICS} or {@link
   * #PROMETHEUS_TEXT}).
   */
  public String scrape(String contentType) {
    return registry.scrape(contentType);
  }

  /** The OpenMetrics 1.0 text format's content type. */
  public static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  /** The Prometheus text format's content type. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  // ---------------------------------------------------------------- the store

  /** One call of the store: which operation, how it ended, how long it took. */
  public void operation(String operation, String outcome, long nanos) {
    if (!recording) {
      return;
    }
    timer(
            "executions.store.operations",
            "Calls of the store by operation and outcome",
            "operation",
            operation,
            "outcome",
            outcome)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A run stored by a create (not an import or a restore from the archive). */
  public void runRecorded(String workflow) {
    if (recording) {
      counter("executions.runs.recorded", "Runs recorded", workflowTag(workflow)).increment();
    }
  }

  /** A run that entered a terminal status ({@code Complete}, {@code Failed}, {@code Cancelled}). */
  public void runFinished(String status, String workflow) {
    if (recording) {
      counter(
              "executions.runs.finished",
              "Runs that reached a terminal status",
              workflowTag(workflow).and("status", status))
          .increment();
    }
  }

  /** An append: an audit entry, an error, a log append of {@code lines} lines, a task record. */
  public void appended(String kind, int lines) {
    if (!recording) {
      return;
    }
    counter("executions.appends", "Appends by kind", Tags.of("kind", kind)).increment();
    if (lines > 0) {
      counter("executions.log.lines", "Log lines appended", Tags.empty()).increment(lines);
    }
  }

  /** A chain checked by {@code verify}: intact or broken. */
  public void chainVerified(boolean intact) {
    if (recording) {
      counter(
              "executions.chain.verifications",
              "Chains verified, by result",
              Tags.of("result", intact ? "intact" : "broken"))
          .increment();
    }
  }

  // ---------------------------------------------------------------- the database

  /** The gauges of the store's call slots: {@code inUse} of {@code max}. */
  public void databaseSlots(Supplier<Number> inUse, int max) {
    if (recording && gauges.add("executions.database.calls")) {
      Gauge.builder("executions.database.calls.active", inUse, s -> s.get().doubleValue())
          .description("Calls of the store holding one of its database slots")
          .strongReference(true)
          .register(registry);
      Gauge.builder("executions.database.calls.max", () -> max)
          .description("Database slots of the store: calls that may run at once")
          .strongReference(true)
          .register(registry);
    }
  }

  /** How long a call waited for a database slot. */
  public void slotWait(long nanos) {
    if (recording) {
      timer("executions.database.slot.wait", "Waits for one of the store's database slots")
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** A call refused because no database slot was free in time. */
  public void callRefused() {
    if (recording) {
      counter(
              "executions.database.calls.refused",
              "Calls refused because every database slot stayed taken",
              Tags.empty())
          .increment();
    }
  }

  /** A call that found the database out of reach; the first after a reachable one is an outage. */
  public void databaseUnavailable() {
    if (!recording) {
      return;
    }
    counter(
            "executions.database.unavailable",
            "Calls that failed because the database was out of reach",
            Tags.empty())
        .increment();
    reachable.set(0);
    if (lastCallFailed.compareAndSet(false, true)) {
      counter(
              "executions.database.outages",
              "Times the database went out of reach after a call that reached it",
              Tags.empty())
          .increment();
    }
  }

  /** A call that reached the database. */
  public void databaseReached() {
    if (recording && lastCallFailed.get()) {
      lastCallFailed.set(false);
      reachable.set(1);
    }
  }

  // ---------------------------------------------------------------- the archive

  /** Runs moved into the archive. */
  public void archived(int runs) {
    if (recording && runs > 0) {
      counter("executions.archive.runs", "Runs moved into the archive", Tags.empty())
          .increment(runs);
    }
  }

  /** An archive operation ({@code write}, {@code read}, {@code delete}) that failed. */
  public void archiveFailed(String operation) {
    if (recording) {
      counter(
              "executions.archive.failures",
              "Archive objects that could not be written, read or deleted",
              Tags.of("operation", operation))
          .increment();
    }
  }

  /** Runs the last purge found due for the archive but left in the database. */
  public void archiveBacklog(long runs) {
    archiveBacklog.set(runs);
  }

  // ---------------------------------------------------------------- HTTP and streams

  /** One HTTP request of the API, by method, route template and status class. */
  public void httpRequest(String method, String route, int status, long nanos) {
    if (recording) {
      timer(
              "executions.http.requests",
              "HTTP requests of the API by method, route template and status class",
              "method",
              method,
              "route",
              route,
              "status_class",
              (status / 100) + "xx")
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** A gauge of {@code object}, registered once. */
  public <T> void gauge(String name, String description, T object, ToDoubleFunction<T> value) {
    if (recording && gauges.add(name)) {
      Gauge.builder(name, object, value)
          .description(description)
          .strongReference(true)
          .register(registry);
    }
  }

  // ---------------------------------------------------------------- after commit

  /**
   * Runs {@code count} once the caller's transaction has committed, at once when there is none,
   * never when it rolls back.
   */
  public void afterCommit(TransactionSynchronizationRegistry transactions, Runnable count) {
    if (!recording) {
      return;
    }
    int status = transactions.getTransactionStatus();
    if (status == Status.STATUS_NO_TRANSACTION) {
      count.run();
      return;
    }
    if (status != Status.STATUS_ACTIVE) {
      return; // marked for rollback: nothing of it will be stored
    }
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int outcome) {
            if (outcome == Status.STATUS_COMMITTED) {
              count.run();
            }
          }
        });
  }

  // ---------------------------------------------------------------- meters

  private Tags workflowTag(String workflow) {
    if (!settings.workflowLabel()) {
      return Tags.empty();
    }
    String name = workflow == null ? OTHER_WORKFLOWS : workflow;
    if (!workflows.contains(name)) {
      synchronized (workflows) {
        if (workflows.size() < settings.workflowLabelMax()) {
          workflows.add(name);
        } else if (!workflows.contains(name)) {
          name = OTHER_WORKFLOWS;
        }
      }
    }
    return Tags.of("workflow", name);
  }

  private Counter counter(String name, String description, Tags tags) {
    String key = name + tags;
    Counter counter = counters.get(key);
    if (counter == null) {
      counter =
          counters.computeIfAbsent(
              key,
              k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }
    return counter;
  }

  private Timer timer(String name, String description, String... tags) {
    String key = name + String.join("\u0000", tags);
    Timer timer = timers.get(key);
    if (timer == null) {
      timer =
          timers.computeIfAbsent(
              key,
              k ->
                  Timer.builder(name)
                      .description(description)
                      .tags(tags)
                      .serviceLevelObjectives(BUCKETS)
                      .register(registry));
    }
    return timer;
  }
}
