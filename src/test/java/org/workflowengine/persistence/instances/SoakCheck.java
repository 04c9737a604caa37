package org.workflowengine.persistence.instances;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.HeapSampler;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.TestUser;

/**
 * Sustained load for a bounded time ({@code -Dsoak.seconds}, 60 by default) from 16 clients mixing
 * creates, appends, transitions, reads and lists: no 5xx, every acknowledged write read back
 * afterwards, and no growth trend in the heap left after collections.
 */
class SoakCheck {

  private static final int CLIENTS = 16;
  private static final long SECONDS = Long.getLong("soak.seconds", 60);

  /**
   * HTTP/1.1 with keep-alive, as most clients speak it. (Left to itself, java.net.http asks every
   * new connection to upgrade to HTTP/2 in clear text, and Payara's Grizzly then keeps thousands of
   * request objects alive: a growth of the server's, not of this application's.)
   */
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Map<String, AtomicInteger> acknowledgedAppends = new ConcurrentHashMap<>();
  private final List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

  @Test
  void sixteenClientsForAMinuteGetNo5xxAndLoseNothing() throws Exception {
    Map<String, String> derby =
        Map.of(
            "executions.db.url",
            "",
            "executions.db.dir",
            Path.of("target", "instances", "soak-derby").toAbsolutePath().toString());
    try (PayaraMicroProcess server =
            PayaraMicroProcess.start("soak", 8286, derby, List.of("-Xmx512m"));
        HeapSampler heap = new HeapSampler(server.base())) {
      Instant until = Instant.now().plusSeconds(SECONDS);
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        running.add(clients.submit(() -> load(server.base(), until)));
      }
      // The live heap (after a full collection) early in the run and at its end.
      Thread.sleep(Math.min(15, SECONDS / 4) * 1000);
      long liveEarly = liveHeap(server, heap);
      for (Future<?> client : running) {
        client.get(SECONDS + 120, TimeUnit.SECONDS);
      }
      clients.shutdown();
      long liveLate = liveHeap(server, heap);
      // What the live heap holds at the end, by class, for whoever looks into a growth.
      new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
              String.valueOf(server.pid()),
              "GC.class_histogram")
          .redirectErrorStream(true)
          .redirectOutput(Path.of("target", "instances", "soak", "histogram.txt").toFile())
          .start()
          .waitFor(60, TimeUnit.SECONDS);

      long appendsChecked = 0;
      for (String id : ids) {
        HttpResponse<String> read = send(server.base(), "GET", "api/executions/" + id, null);
        assertThat(read.statusCode()).as("acknowledged %s", id).isEqualTo(200);
        JsonObject execution = Json.createReader(new StringReader(read.body())).readObject();
        int acknowledged = acknowledgedAppends.getOrDefault(id, new AtomicInteger()).get();
        assertThat(execution.getJsonArray("audit_trail").size())
            .isGreaterThanOrEqualTo(acknowledged);
        appendsChecked += acknowledged;
      }
      long requests = statuses.values().stream().mapToLong(AtomicLong::get).sum();
      long errors =
          statuses.entrySet().stream()
              .filter(e -> e.getKey() >= 500)
              .mapToLong(e -> e.getValue().get())
              .sum();
      System.out.printf(
          "soak: %d s, %d clients, %d requests (%s), %d 5xx; %d creates and %d appends read back;"
              + " live heap after a full GC %.0f MiB early, %.0f MiB at the end%n",
          SECONDS,
          CLIENTS,
          requests,
          statuses,
          errors,
          ids.size(),
          appendsChecked,
          liveEarly / 1048576.0,
          liveLate / 1048576.0);
      assertThat(errors).isZero();
      assertThat(ids).isNotEmpty();
      assertThat(liveEarly).as("the heap was read").isPositive();
      // Derby's page cache and the pools fill up as the database grows; a leak of what the
      // requests leave behind would not stay under this bound.
      assertThat(liveLate)
          .as("no growth trend in the live heap")
          .isLessThan(liveEarly * 3 / 2 + 32L * 1048576);
    }
  }

  /** Used heap right after a full collection ({@code jcmd <pid> GC.run}), from the metrics. */
  private static long liveHeap(PayaraMicroProcess server, HeapSampler heap) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    new ProcessBuilder(jcmd.toString(), String.valueOf(server.pid()), "GC.run")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor(60, TimeUnit.SECONDS);
    int before = heap.samples().size();
    while (heap.samples().size() < before + 2) {
      Thread.sleep(100);
    }
    List<Long> samples = heap.samples();
    return samples.get(samples.size() - 1);
  }

  private void load(URI base, Instant until) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (Instant.now().isBefore(until)) {
      try {
        int dice = random.nextInt(100);
        if (dice < 30 || ids.isEmpty()) {
          String id = "soak-" + UUID.randomUUID();
          String body =
              "{\"id\": \""
                  + id
                  + "\", \"workflow_name\": \"soak-"
                  + random.nextInt(5)
                  + "\", \"workflow_snapshot\": {\"v\": "
                  + random.nextInt(10)
                  + "}}";
          if (send(base, "POST", "api/executions", body).statusCode() == 201) {
            ids.add(id);
          }
        } else {
          String id = ids.get(random.nextInt(ids.size()));
          if (dice < 55) {
            acknowledgedAppends.computeIfAbsent(id, k -> new AtomicInteger());
            synchronized (acknowledgedAppends.get(id)) {
              if (send(base, "POST", "api/executions/" + id + "/audit", "{\"action\": \"a\"}")
                      .statusCode()
                  == 201) {
                acknowledgedAppends.get(id).incrementAndGet();
              }
            }
          } else if (dice < 70) {
            String target = random.nextBoolean() ? "Running" : "Complete";
            send(
                base,
                "POST",
                "api/executions/" + id + "/status",
                "{\"status\": \"" + target + "\"}");
          } else if (dice < 90) {
            send(base, "GET", "api/executions/" + id, null);
          } else {
            send(
                base,
                "GET",
                "api/executions?limit=20&workflow_name=soak-" + random.nextInt(5),
                null);
          }
        }
      } catch (Exception e) {
        statuses.computeIfAbsent(599, k -> new AtomicLong()).incrementAndGet();
      }
    }
  }

  private HttpResponse<String> send(URI base, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", TestUser.OPERATOR.authorization())
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    statuses.computeIfAbsent(response.statusCode(), k -> new AtomicLong()).incrementAndGet();
    return response;
  }
}
