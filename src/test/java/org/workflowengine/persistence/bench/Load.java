package org.workflowengine.persistence.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One load phase: {@code total} requests spread over {@code clients} threads, each answered with a
 * status code. A phase is a measurement only when every request got the status it expects: a phase
 * with any other answer (or none) has no rate, only its failure, naming the statuses it got — so
 * that a benchmark can never report refused requests as throughput.
 */
final class Load {

  /** Sends request number {@code i}; returns the HTTP status it got. */
  @FunctionalInterface
  interface Request {
    int send(int i) throws Exception;
  }

  /** Status recorded for a request that got no answer (an exception, a timeout). */
  static final int NO_ANSWER = 0;

  final String name;
  final int expected;
  final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
  final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  double seconds;

  private Load(String name, int expected) {
    this.name = name;
    this.expected = expected;
  }

  /**
   * Runs the phase.
   *
   * @param name what the phase is, for its failure ("HTTP GET at 8 clients")
   * @param expected the status every request must get
   */
  static Load run(String name, int clients, int total, int expected, Request request)
      throws Exception {
    Load load = new Load(name, expected);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicLong next = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                long i;
                while ((i = next.getAndIncrement()) < total) {
                  long began = System.nanoTime();
                  int status;
                  try {
                    status = request.send((int) i);
                  } catch (Exception e) {
                    status = NO_ANSWER;
                  }
                  load.latencies.add(Figures.millis(System.nanoTime() - began));
                  load.statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                }
                return null;
              }));
    }
    long began = System.nanoTime();
    start.countDown();
    try {
      for (Future<?> future : futures) {
        future.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    load.seconds = (System.nanoTime() - began) / 1e9;
    return load;
  }

  /** Requests that did not get the expected status. */
  long failed() {
    long failed = 0;
    for (Map.Entry<Integer, LongAdder> status : statuses.entrySet()) {
      if (status.getKey() != expected) {
        failed += status.getValue().sum();
      }
    }
    return failed;
  }

  /** The statuses answered and how often ({@value #NO_ANSWER}: no answer), in order. */
  Map<Integer, Long> statusCounts() {
    Map<Integer, Long> counts = new TreeMap<>();
    statuses.forEach((status, count) -> counts.put(status, count.sum()));
    return counts;
  }

  /**
   * Records the phase under {@code prefix}: its rate and latencies when every request succeeded;
   * otherwise only how many failed.
   *
   * @return the failure, or null when every request succeeded
   */
  String record(Figures figures, String prefix) {
    long failed = failed();
    figures.put(prefix + ".failed", failed);
    if (failed > 0) {
      return failure();
    }
    figures
        .put(prefix + ".per_s", latencies.size() / seconds)
        .put(prefix + ".p50_ms", Figures.median(latencies))
        .put(prefix + ".p99_ms", Figures.percentile(latencies, 99));
    return null;
  }

  /** What went wrong, for the benchmark's failure. */
  String failure() {
    return name
        + ": "
        + failed()
        + " of "
        + latencies.size()
        + " requests did not get "
        + expected
        + "; statuses "
        + statusCounts()
        + (statuses.containsKey(NO_ANSWER) ? " (0 = no answer)" : "");
  }
}
