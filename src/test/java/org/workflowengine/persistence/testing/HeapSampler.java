package org.workflowengine.persistence.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples a server's used heap from its MicroProfile Metrics endpoint ({@code /metrics?scope=base})
 * every 100 ms until closed, keeping the peak.
 */
public final class HeapSampler implements AutoCloseable {

  private static final Pattern USED_HEAP =
      Pattern.compile("(?m)^memory_usedHeap_bytes(?:\\{[^}]*\\})? ([0-9.E+]+)");

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong peak = new AtomicLong();
  private final java.util.List<Long> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Thread thread;

  public HeapSampler(URI server) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    thread =
        new Thread(
            () -> {
              while (running.get()) {
                try {
                  HttpResponse<String> metrics =
                      http.send(
                          HttpRequest.newBuilder(server.resolve("metrics?scope=base"))
                              .header("Accept", "text/plain")
                              .timeout(Duration.ofSeconds(5))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  Matcher used = USED_HEAP.matcher(metrics.body());
                  if (used.find()) {
                    long bytes = (long) Double.parseDouble(used.group(1));
                    samples.add(bytes);
                    peak.accumulateAndGet(bytes, Math::max);
                  }
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  // the server is busy or gone: try again until closed
                }
              }
            },
            "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** The highest used heap seen so far, in bytes (0 if none was read). */
  public long peakBytes() {
    return peak.get();
  }

  /** Every used-heap reading so far, in order. */
  public java.util.List<Long> samples() {
    return java.util.List.copyOf(samples);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(10_000);
  }
}
