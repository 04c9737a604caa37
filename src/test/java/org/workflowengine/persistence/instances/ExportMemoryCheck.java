package org.workflowengine.persistence.instances;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.snapshot.SnapshotContent;
import org.workflowengine.persistence.testing.HeapSampler;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.TestUser;

/**
 * Export streams in constant memory: ten thousand executions (imported first, which exercises
 * import at that size too) go out of a server whose heap is capped at 256 MiB. The peak heap seen
 * on the server's metrics endpoint while exporting is printed.
 */
class ExportMemoryCheck {

  private static final int EXECUTIONS = 10_000;
  private static final int DEFINITIONS = 20;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void tenThousandExecutionsExportWithTheHeapCappedAt256MiB() throws Exception {
    Path ndjson = Path.of("target", "instances", "export-input.ndjson");
    Files.createDirectories(ndjson.getParent());
    writeHistory(ndjson);
    try (PayaraMicroProcess server =
        PayaraMicroProcess.start(
            "export-256m",
            8283,
            Map.of(
                "executions.db.url",
                "",
                "executions.db.dir",
                Path.of("target", "instances", "export-derby").toAbsolutePath().toString()),
            List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"))) {
      HttpResponse<String> imported =
          HTTP.send(
              HttpRequest.newBuilder(server.base().resolve("api/import"))
                  .header("Authorization", TestUser.OPERATOR.authorization())
                  .timeout(Duration.ofMinutes(10))
                  .header("Content-Type", "application/x-ndjson")
                  .POST(HttpRequest.BodyPublishers.ofFile(ndjson))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

      HeapSampler heap = new HeapSampler(server.base());
      Instant started = Instant.now();
      long executions = 0;
      long snapshots = 0;
      HttpResponse<InputStream> export =
          HTTP.send(
              HttpRequest.newBuilder(server.base().resolve("api/export"))
                  .header("Authorization", TestUser.OPERATOR.authorization())
                  .timeout(Duration.ofMinutes(10))
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(export.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          JsonObject object = Json.createReader(new StringReader(line)).readObject();
          if (object.getString("type").equals("execution")) {
            executions++;
          } else {
            snapshots++;
          }
        }
      } finally {
        heap.close();
      }
      Duration took = Duration.between(started, Instant.now());

      System.out.printf(
          "export-memory: %d executions and %d snapshots exported in %d ms with -Xmx256m;"
              + " peak used heap seen %.1f MiB%n",
          executions, snapshots, took.toMillis(), heap.peakBytes() / 1048576.0);
      assertThat(export.statusCode()).isEqualTo(200);
      assertThat(executions).isEqualTo(EXECUTIONS);
      assertThat(snapshots).isEqualTo(DEFINITIONS);
      assertThat(server.isAlive()).as("no OutOfMemoryError ended the server").isTrue();
      assertThat(heap.peakBytes()).as("the heap was sampled").isPositive();
    }
  }

  /** Twenty ~20 KB definitions, ten thousand executions with tasks, audit, logs and errors. */
  private static void writeHistory(Path file) throws Exception {
    String[] hashes = new String[DEFINITIONS];
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int d = 0; d < DEFINITIONS; d++) {
        var tasks = Json.createArrayBuilder();
        for (int t = 0; t < 200; t++) {
          tasks.add(
              Json.createObjectBuilder()
                  .add("id", "task-" + t)
                  .add("image", "registry.example/etl/step:" + d)
                  .add(
                      "command",
                      "run --input s3://bucket/in/" + t + " --output s3://bucket/out/" + t));
        }
        JsonObject snapshot =
            Json.createObjectBuilder().add("name", "wf-" + d).add("tasks", tasks).build();
        hashes[d] = SnapshotContent.of(snapshot).hash();
        out.write(
            Json.createObjectBuilder()
                .add("type", "snapshot")
                .add("hash", hashes[d])
                .add("snapshot", snapshot)
                .build()
                .toString());
        out.newLine();
      }
      Instant start = Instant.parse("2025-01-01T00:00:00Z");
      for (int e = 0; e < EXECUTIONS; e++) {
        String created = start.plusSeconds(e).toString();
        out.write(
            Json.createObjectBuilder()
                .add("type", "execution")
                .add("id", "export-" + e)
                .add("workflow_name", "wf-" + (e % DEFINITIONS))
                .add("snapshot_hash", hashes[e % DEFINITIONS])
                .add("status", "Complete")
                .add("created_at", created)
                .add("completed_at", created)
                .add("success", true)
                .add("timestamp", created)
                .add(
                    "tasks",
                    Json.createArrayBuilder()
                        .add(
                            Json.createObjectBuilder()
                                .add("task_id", "t1")
                                .add("status", "Complete")))
                .add(
                    "audit_trail",
                    Json.createArrayBuilder().add(Json.createObjectBuilder().add("action", "done")))
                .add(
                    "per_task_logs",
                    Json.createObjectBuilder().add("t1", Json.createArrayBuilder().add("ok")))
                .add("errors", Json.createArrayBuilder())
                .build()
                .toString());
        out.newLine();
      }
    }
  }
}
