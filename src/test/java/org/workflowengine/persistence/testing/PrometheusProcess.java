package org.workflowengine.persistence.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus}), as a process of its own on a free port of
 * 127.0.0.1 with its storage in a directory of its own, and its HTTP API: instant queries, targets,
 * rules, alerts.
 */
public final class PrometheusProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Process process;
  private final URI base;
  private final Path log;

  private PrometheusProcess(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /**
   * Starts {@code prometheus} with {@code config} and a fresh {@code dir} for its storage and log,
   * and waits until it is ready.
   */
  public static PrometheusProcess start(Path dir, Path config)
      throws IOException, InterruptedException {
    Directories.deleteTree(dir.resolve("data"));
    Files.createDirectories(dir);
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Path log = dir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + config.toAbsolutePath(),
                "--storage.tsdb.path=" + dir.resolve("data").toAbsolutePath(),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    PrometheusProcess prometheus =
        new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port + "/"), log);
    prometheus.awaitReady(Duration.ofSeconds(60));
    return prometheus;
  }

  public URI base() {
    return base;
  }

  public Path log() {
    return log;
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    String lastSeen = "no answer";
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "prometheus exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> ready =
            HTTP.send(
                HttpRequest.newBuilder(base.resolve("-/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
        lastSeen = ready.statusCode() + " " + ready.body();
      } catch (IOException e) {
        lastSeen = e.toString();
      }
      Thread.sleep(200);
    }
    close();
    throw new IllegalStateException(
        "prometheus was not ready within " + timeout + " (last: " + lastSeen + "); see " + log);
  }

  /** {@code GET /api/v1/<path>}: its {@code data}, after checking that the status is success. */
  public JsonNode api(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(base.resolve("api/v1/" + path))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(response.body());
    if (response.statusCode() != 200 || !answer.path("status").asText().equals("success")) {
      throw new IllegalStateException(
          "prometheus answered " + response.statusCode() + " to " + path + ": " + response.body());
    }
    return answer.path("data");
  }

  /** An instant query, now: its {@code data} ({@code resultType} and {@code result}). */
  public JsonNode query(String promql) throws IOException, InterruptedException {
    return api("query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  /**
   * The value of an instant query whose answer is one sample (a vector of one, or a scalar); fails
   * when it has none or several.
   */
  public double value(String promql) throws IOException, InterruptedException {
    JsonNode data = query(promql);
    JsonNode result = data.path("result");
    if (data.path("resultType").asText().equals("scalar")) {
      return Double.parseDouble(result.get(1).asText());
    }
    if (result.size() != 1) {
      throw new AssertionError(promql + " has " + result.size() + " samples, not one: " + result);
    }
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  /**
   * The active target of {@code job} (one target per job); empty until Prometheus has applied its
   * configuration, a moment after it is ready.
   */
  public Optional<JsonNode> target(String job) throws IOException, InterruptedException {
    for (JsonNode target : api("targets?state=active").path("activeTargets")) {
      if (target.path("labels").path("job").asText().equals(job)) {
        return Optional.of(target);
      }
    }
    return Optional.empty();
  }

  /** Stops it (SIGTERM), or kills it if it does not stop within 30 s. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
