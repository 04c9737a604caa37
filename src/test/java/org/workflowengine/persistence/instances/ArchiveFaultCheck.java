package org.workflowengine.persistence.instances;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.Directories;
import org.workflowengine.persistence.testing.Executions;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.S3ProxyProcess;
import org.workflowengine.persistence.testing.TestUser;

/**
 * The archive's faults, with real processes: Payara Micro on Derby archiving to s3proxy. The S3
 * store unreachable before a purge writes, killed while the purge writes, and the server killed
 * with {@code kill -9} in the middle of a purge; then a purge repeated with everything up. Every
 * run is there exactly once, live or archived, and every chain verifies.
 */
class ArchiveFaultCheck {

  private static final int RUNS = 400;
  private static final String BUCKET = "fault-archive";
  private static final String WORKFLOW = "archive-fault";
  private static final Path S3PROXY_JAR = Path.of("target", "s3proxy", "s3proxy.jar");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  @Test
  void noFaultLosesOrDoublesARun() throws Exception {
    Path work = Path.of("target", "instances", "archive-fault").toAbsolutePath();
    S3ProxyProcess s3 =
        S3ProxyProcess.fresh(
            S3PROXY_JAR, work.resolve("s3"), 8296, BUCKET, "fault", "fault-secret");
    Map<String, String> settings =
        Map.of(
            "executions.db.url", "",
            "executions.db.dir", work.resolve("derby").toString(),
            "executions.archive.location", "s3://" + BUCKET + "/runs",
            "executions.archive.s3.endpoint", "http://127.0.0.1:" + s3.port(),
            "executions.archive.s3.path-style", "true",
            "aws.accessKeyId", "fault",
            "aws.secretAccessKey", "fault-secret");
    Directories.deleteTree(work.resolve("derby"));
    PayaraMicroProcess server =
        PayaraMicroProcess.start("archive-fault", 8295, settings, List.of("-Xmx512m"));
    try {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < RUNS; i++) {
        String id = WORKFLOW + "-" + i;
        JsonObject run =
            Json.createObjectBuilder(Executions.withThreeTasks(id, WORKFLOW))
                .add("status", "Complete")
                .build();
        assertThat(send(server.base(), "PUT", "api/executions/" + id, run.toString()).statusCode())
            .isEqualTo(201);
        ids.add(id);
      }

      // 1. The store out of reach before anything is written: 503, nothing moved.
      s3.kill();
      HttpResponse<String> refused = purge(server.base());
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(refused.body()).contains("archive-unavailable");
      assertThat(count(server.base(), "only")).isZero();

      // 2. The store killed while the purge writes its objects.
      s3.start(S3PROXY_JAR);
      URI first = server.base();
      CompletableFuture<HttpResponse<String>> during =
          CompletableFuture.supplyAsync(() -> purgeUnchecked(first));
      awaitObjects(s3, 20);
      s3.kill();
      HttpResponse<String> cut = during.get();
      assertThat(cut.statusCode()).as(cut.body()).isIn(200, 503);
      long archivedAfterCut = count(server.base(), "only");
      System.out.printf(
          "archive-fault: store killed mid-purge: %d archived, %d objects written%n",
          archivedAfterCut, objects(s3));

      // 3. The server killed (kill -9) in the middle of a purge.
      s3.start(S3PROXY_JAR);
      long objectsBefore = objects(s3);
      CompletableFuture<HttpResponse<String>> killed =
          CompletableFuture.supplyAsync(() -> purgeUnchecked(first));
      awaitObjects(s3, objectsBefore + 40);
      server.kill();
      killed.handle((response, failure) -> null).get();
      server = PayaraMicroProcess.start("archive-fault", 8295, settings, List.of("-Xmx512m"));
      long archivedAfterKill = count(server.base(), "only");
      System.out.printf(
          "archive-fault: server killed mid-purge: %d archived, %d objects written%n",
          archivedAfterKill, objects(s3));

      // 4. Everything up: a repeat finishes the job.
      HttpResponse<String> repeat = purge(server.base());
      assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(200);
      Set<String> listed = listed(server.base());
      assertThat(listed).as("every run exactly once").hasSize(RUNS).isEqualTo(ids);
      assertThat(count(server.base(), "only")).as("all archived").isEqualTo(RUNS);
      assertThat(objects(s3)).as("one object per run").isEqualTo(RUNS);
      for (String id : ids) {
        HttpResponse<String> verify =
            send(server.base(), "GET", "api/executions/" + id + "/verify", null);
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(json(verify.body()).getBoolean("valid"))
            .as("%s: %s", id, verify.body())
            .isTrue();
        HttpResponse<String> read = send(server.base(), "GET", "api/executions/" + id, null);
        assertThat(json(read.body()).getJsonArray("tasks")).as(id).hasSize(3);
      }
      System.out.printf(
          "archive-fault: after the repeat %d runs, each once, all archived and verified%n",
          listed.size());
    } finally {
      server.close();
      s3.close();
    }
  }

  private static HttpResponse<String> purge(URI base) throws Exception {
    return send(
        base,
        "DELETE",
        "api/executions?workflow_name=" + WORKFLOW + "&keep_last=0&dry_run=false",
        null);
  }

  private static HttpResponse<String> purgeUnchecked(URI base) {
    try {
      return purge(base);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(URI base, String archived) throws Exception {
    return listed(base, archived).size();
  }

  private static Set<String> listed(URI base) throws Exception {
    return new HashSet<>(listed(base, "include"));
  }

  private static List<String> listed(URI base, String archived) throws Exception {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      String path =
          "api/executions?workflow_name="
              + WORKFLOW
              + "&archived="
              + archived
              + "&limit=500"
              + (cursor == null ? "" : "&cursor=" + cursor);
      JsonObject page = json(send(base, "GET", path, null).body());
      page.getJsonArray("items")
          .getValuesAs(JsonObject.class)
          .forEach(item -> ids.add(item.getString("id")));
      cursor =
          page.containsKey("next_cursor") && !page.isNull("next_cursor")
              ? page.getString("next_cursor")
              : null;
    } while (cursor != null);
    return ids;
  }

  private static long objects(S3ProxyProcess s3) throws Exception {
    Path dir = s3.objects(BUCKET);
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".ndjson.gz")).count();
    }
  }

  private static void awaitObjects(S3ProxyProcess s3, long atLeast) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (objects(s3) < atLeast) {
      assertThat(System.nanoTime()).as("%d objects written in time", atLeast).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static HttpResponse<String> send(URI base, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", TestUser.OPERATOR.authorization());
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
