package org.workflowengine.persistence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.testing.Deployments;
import org.workflowengine.persistence.testing.HeapSampler;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.TestUser;

/**
 * What the store costs against raw JDBC on the same database, and how that cost grows with the
 * data: {@code mvn verify -Pbench} (Derby) or {@code mvn verify -Pbench -Ddatabase=postgresql}. Not
 * a test suite: every part measures side by side in one run, records its figures under {@code
 * target/bench/}, and the last part prints the table and draws the chart. The parts run in order
 * because the last one reports what the others measured.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExecutionStoreBench {

  private static final int RECORD_PER_ROUND = Integer.getInteger("bench.record.per-round", 300);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
  private static final int SAMPLES = Integer.getInteger("bench.samples", 200);
  private static final int LIST_SMALL = Integer.getInteger("bench.list.small", 10_000);
  private static final int LIST_LARGE = Integer.getInteger("bench.list.large", 1_000_000);
  private static final int HTTP_REQUESTS = Integer.getInteger("bench.http.requests", 960);

  @Deployment
  static WebArchive deployment() {
    return Deployments.application(ExecutionStoreBench.class.getPackageName());
  }

  @Inject ExecutionStore store;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  @ArquillianResource URL base;

  @Test
  @Order(1)
  void record() throws Exception {
    InContainerBench bench = new InContainerBench(store, dataSource);
    Figures figures = bench.record(RECORD_PER_ROUND, ROUNDS);
    figures.put("database.postgresql", bench.database().equals("PostgreSQL") ? 1 : 0);
    figures.write("record");
  }

  @Test
  @Order(2)
  void append() throws Exception {
    new InContainerBench(store, dataSource).append(SAMPLES).write("append");
  }

  @Test
  @Order(3)
  void list() throws Exception {
    InContainerBench bench = new InContainerBench(store, dataSource);
    // Pages of 20: the 100th page of a filter matching a quarter of 10,000 rows exists.
    bench.list("small", LIST_SMALL, SAMPLES, 20).write("list-small");
    bench.list("large", LIST_LARGE, SAMPLES, 20).write("list-large");
    Files.writeString(
        Figures.DIRECTORY.resolve("plans.txt"), bench.plans(), StandardCharsets.UTF_8);
  }

  @Test
  @Order(4)
  @RunAsClient
  void http() throws Exception {
    Figures figures = new Figures();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI api = base.toURI().resolve("api/executions");
    Workload workload = new Workload();
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    warmUp(http, api, workload, ids);
    for (int clients : new int[] {1, 8, 32}) {
      Load post =
          load(
              clients,
              HTTP_REQUESTS,
              i -> {
                JsonObject body = executionJson(workload, i);
                HttpResponse<String> response =
                    http.send(
                        HttpRequest.newBuilder(api)
                            .header("Authorization", TestUser.OPERATOR.authorization())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                ids.add(body.getString("id"));
                return response.statusCode() == 201;
              });
      Load get =
          load(
              clients,
              HTTP_REQUESTS,
              i -> {
                HttpResponse<String> response =
                    http.send(
                        HttpRequest.newBuilder(api.resolve("executions/" + ids.get(i % ids.size())))
                            .GET()
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200;
              });
      post.record(figures, "http.post.c" + clients);
      get.record(figures, "http.get.c" + clients);
    }
    figures.write("http");
  }

  @Test
  @Order(5)
  @RunAsClient
  void memory() throws Exception {
    Figures figures = new Figures();
    try (PayaraMicroProcess server =
        PayaraMicroProcess.start(
            "bench-256m",
            8284,
            Map.of(
                "executions.db.url",
                "",
                "executions.db.dir",
                Figures.DIRECTORY.resolve("memory-derby").toAbsolutePath().toString()),
            List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"))) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      Load big;
      long peak;
      try (HeapSampler heap = new HeapSampler(server.base())) {
        big =
            load(
                8,
                80,
                i -> {
                  String blob = "x".repeat(1024 * 1024 - 64) + UUID.randomUUID();
                  String body =
                      "{\"workflow_name\": \"big\", \"workflow_snapshot\": {\"blob\": \""
                          + blob
                          + "\"}}";
                  HttpResponse<String> response =
                      http.send(
                          HttpRequest.newBuilder(server.base().resolve("api/executions"))
                              .header("Authorization", TestUser.OPERATOR.authorization())
                              .header("Content-Type", "application/json")
                              .timeout(Duration.ofMinutes(2))
                              .POST(HttpRequest.BodyPublishers.ofString(body))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  return response.statusCode() == 201;
                });
        peak = heap.peakBytes();
      }
      figures
          .put("memory.requests", 80)
          .put("memory.succeeded", big.succeeded)
          .put("memory.server_alive", server.isAlive() ? 1 : 0)
          .put("memory.peak_heap_mib", peak / 1048576.0);
    }
    figures.write("memory");
  }

  @Test
  @Order(6)
  @RunAsClient
  void report() throws Exception {
    String table = BenchReport.write();
    System.out.println(table);
    assertThat(table).contains("record");
  }

  // ------------------------------------------------------------------------------ HTTP helpers

  private static JsonObject executionJson(Workload workload, int i) {
    return Json.createObjectBuilder()
        .add("id", "http-" + UUID.randomUUID())
        .add("workflow_name", workload.workflowName(i))
        .add("workflow_snapshot", workload.definition(i))
        .add("status", "Running")
        .build();
  }

  private static void warmUp(HttpClient http, URI api, Workload workload, List<String> ids)
      throws Exception {
    for (int i = 0; i < 200; i++) {
      JsonObject body = executionJson(workload, i);
      http.send(
          HttpRequest.newBuilder(api)
              .header("Authorization", TestUser.OPERATOR.authorization())
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
              .build(),
          HttpResponse.BodyHandlers.discarding());
      ids.add(body.getString("id"));
    }
  }

  @FunctionalInterface
  interface Request {
    boolean send(int i) throws Exception;
  }

  /** Latencies and throughput of {@code total} requests spread over {@code clients} threads. */
  static final class Load {
    final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    long succeeded;
    double seconds;

    void record(Figures figures, String prefix) {
      figures
          .put(prefix + ".per_s", latencies.size() / seconds)
          .put(prefix + ".p50_ms", Figures.median(latencies))
          .put(prefix + ".p99_ms", Figures.percentile(latencies, 99))
          .put(prefix + ".failed", latencies.size() - succeeded);
    }
  }

  static Load load(int clients, int total, Request request) throws Exception {
    Load load = new Load();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicLong ok = new AtomicLong();
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
                  if (request.send((int) i)) {
                    ok.incrementAndGet();
                  }
                  load.latencies.add(Figures.millis(System.nanoTime() - began));
                }
                return null;
              }));
    }
    long began = System.nanoTime();
    start.countDown();
    for (Future<?> future : futures) {
      future.get(10, TimeUnit.MINUTES);
    }
    load.seconds = (System.nanoTime() - began) / 1e9;
    load.succeeded = ok.get();
    pool.shutdown();
    return load;
  }
}
