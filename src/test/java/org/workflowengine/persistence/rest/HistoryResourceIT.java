package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;
import static org.workflowengine.persistence.testing.ApiClient.pendingExecution;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.OverHttp;

/** Definition history, diffs and purging over HTTP. */
class HistoryResourceIT extends OverHttp {

  private String name;
  private JsonObject first;
  private JsonObject second;

  @BeforeEach
  void twoRunsOfTwoDefinitions() {
    name = unique("history");
    first =
        run(
            Json.createObjectBuilder().add("name", name).add("steps", 1).build(),
            "Complete",
            "2025-06-01T00:00:00Z");
    second =
        run(
            Json.createObjectBuilder().add("name", name).add("steps", 2).build(),
            "Failed",
            "2025-06-02T00:00:00Z");
  }

  private JsonObject run(JsonObject definition, String status, String createdAt) {
    JsonObject execution =
        Json.createObjectBuilder(pendingExecution(unique("exec"), name))
            .add("workflow_snapshot", definition)
            .add("status", status)
            .add("created_at", createdAt)
            .build();
    Response created = api.post("executions", execution);
    assertThat(created.getStatus()).isEqualTo(201);
    return json(created);
  }

  private static JsonArray array(Response response) {
    return Json.createReader(new StringReader(response.readEntity(String.class))).readArray();
  }

  @Test
  void workflowsListRunCountsAndDefinitions() {
    JsonObject workflow =
        array(api.get("workflows")).getValuesAs(JsonObject.class).stream()
            .filter(w -> w.getString("workflow_name").equals(name))
            .findFirst()
            .orElseThrow();

    assertThat(workflow.getInt("run_count")).isEqualTo(2);
    assertThat(workflow.getInt("definitions")).isEqualTo(2);
    assertThat(workflow.getString("last_run_at")).isNotBlank();
  }

  @Test
  void aWorkflowsDefinitionsAreNumberedWithTheirHashes() {
    JsonArray versions = array(api.get("workflows/" + name + "/snapshots"));

    assertThat(versions).hasSize(2);
    assertThat(versions.getJsonObject(0).getInt("number")).isEqualTo(1);
    assertThat(versions.getJsonObject(0).getString("hash"))
        .isEqualTo(first.getString("snapshot_hash"));
    assertThat(versions.getJsonObject(1).getString("hash"))
        .isEqualTo(second.getString("snapshot_hash"));
    assertThat(versions.getJsonObject(1).getInt("run_count")).isEqualTo(1);
    Response unknown = api.get("workflows/" + unique("never") + "/snapshots");
    assertThat(unknown.getStatus()).isEqualTo(404);
    assertThat(json(unknown).getString("detail")).contains("No execution of workflow");
  }

  @Test
  void aSnapshotIsServedByHashAndRevalidates() {
    String hash = first.getString("snapshot_hash");

    Response snapshot = api.get("snapshots/" + hash);
    Response revalidated =
        api.api("snapshots/" + hash)
            .request()
            .header(HttpHeaders.IF_NONE_MATCH, snapshot.getHeaderString(HttpHeaders.ETAG))
            .get();

    assertThat(json(snapshot)).isEqualTo(first.getJsonObject("workflow_snapshot"));
    assertThat(revalidated.getStatus()).isEqualTo(304);
    assertThat(api.get("snapshots/" + unique("missing")).getStatus()).isEqualTo(404);
  }

  @Test
  void diffsBetweenSnapshotsAndBetweenRunsAreJsonPatches() {
    String from = first.getString("snapshot_hash");
    String to = second.getString("snapshot_hash");

    JsonArray byHash = array(api.get("snapshots/" + from + "/diff/" + to));
    JsonArray byRun =
        array(
            api.api("executions/" + second.getString("id") + "/snapshot/diff")
                .queryParam("against", first.getString("id"))
                .request()
                .get());
    JsonArray same = array(api.get("snapshots/" + from + "/diff/" + from));

    assertThat(byHash.toString())
        .isEqualTo("[{\"op\":\"replace\",\"path\":\"/steps\",\"value\":2}]");
    assertThat(byRun).isEqualTo(byHash);
    assertThat(same).isEmpty();
    assertThat(
            api.breaking(
                    "executions/" + second.getString("id") + "/snapshot/diff",
                    "without against, which the operation requires")
                .request()
                .get()
                .getStatus())
        .as("against is required")
        .isEqualTo(400);
  }

  @Test
  void purgingIsADryRunUnlessToldOtherwise() {
    Response dry =
        api.api("executions")
            .queryParam("workflow_name", name)
            .queryParam("keep_last", 0)
            .request()
            .delete();
    JsonObject preview = json(dry);

    assertThat(dry.getStatus()).isEqualTo(200);
    assertThat(preview.getBoolean("dry_run")).isTrue();
    assertThat(preview.getInt("executions")).isEqualTo(2);
    assertThat(api.get("executions/" + first.getString("id")).getStatus()).isEqualTo(200);

    JsonObject real =
        json(
            api.api("executions")
                .queryParam("workflow_name", name)
                .queryParam("keep_last", 1)
                .queryParam("dry_run", false)
                .queryParam("archive", false)
                .request()
                .delete());

    assertThat(real.getBoolean("dry_run")).isFalse();
    assertThat(real.getInt("executions")).isEqualTo(1);
    assertThat(api.get("executions/" + first.getString("id")).getStatus()).isEqualTo(404);
    assertThat(api.get("executions/" + second.getString("id")).getStatus()).isEqualTo(200);
    Response badStatus = api.api("executions").queryParam("status", "Running").request().delete();
    assertThat(badStatus.getStatus()).isEqualTo(400);
    assertThat(json(badStatus).getString("detail")).contains("not terminal");
  }

  @Test
  void aPurgeThatSelectsNothingIsRefusedAndDeletesNothing() {
    long runsBefore = runsOfEveryWorkflow();

    Response bare =
        api.api("executions")
            .queryParam("dry_run", false)
            .queryParam("archive", false)
            .request()
            .delete();
    Response blank =
        api.api("executions")
            .queryParam("dry_run", false)
            .queryParam("archive", false)
            .queryParam("workflow_name", "")
            .request()
            .delete();

    for (Response refused : new Response[] {bare, blank}) {
      assertThat(refused.getStatus()).isEqualTo(400);
      assertThat(refused.getMediaType().toString()).isEqualTo("application/problem+json");
      assertThat(json(refused).getString("detail"))
          .contains("completed_before", "status", "workflow_name", "keep_last");
    }
    assertThat(runsOfEveryWorkflow()).as("no execution is gone").isEqualTo(runsBefore);
    assertThat(api.get("executions/" + first.getString("id")).getStatus()).isEqualTo(200);
  }

  @Test
  void keepLastDefaultsToTheScheduledPolicysTen() {
    String busy = unique("busy");
    for (int i = 0; i < 12; i++) {
      JsonObject execution =
          Json.createObjectBuilder(pendingExecution(busy + "-" + (10 + i), busy))
              .add("status", "Complete")
              .add("created_at", "2025-06-01T00:00:" + (10 + i) + "Z")
              .add("completed_at", "2025-06-01T00:01:00Z")
              .build();
      assertThat(api.post("executions", execution).getStatus()).isEqualTo(201);
    }

    JsonObject preview =
        json(api.api("executions").queryParam("workflow_name", busy).request().delete());
    JsonObject purge =
        json(
            api.api("executions")
                .queryParam("workflow_name", busy)
                .queryParam("dry_run", false)
                .queryParam("archive", false)
                .request()
                .delete());

    assertThat(preview.getInt("executions")).as("12 runs, the newest 10 kept").isEqualTo(2);
    assertThat(purge.getInt("executions")).isEqualTo(2);
    assertThat(api.get("executions/" + busy + "-10").getStatus()).isEqualTo(404);
    assertThat(api.get("executions/" + busy + "-11").getStatus()).isEqualTo(404);
    assertThat(api.get("executions/" + busy + "-12").getStatus()).isEqualTo(200);
    assertThat(api.get("executions/" + busy + "-21").getStatus()).isEqualTo(200);
  }

  /** The runs of every workflow, as {@code /api/workflows} counts them. */
  private long runsOfEveryWorkflow() {
    return array(api.get("workflows")).getValuesAs(JsonObject.class).stream()
        .mapToLong(workflow -> workflow.getJsonNumber("run_count").longValue())
        .sum();
  }

  @Test
  void countsByStatusLabelAndOutcomeOverHttp() {
    for (int i = 0; i < 3; i++) {
      Response created =
          api.post(
              "executions",
              Json.createObjectBuilder(pendingExecution(unique("exec"), name))
                  .add("labels", Json.createObjectBuilder().add("team", i < 2 ? "red" : "blue"))
                  .build());
      assertThat(created.getStatus()).isEqualTo(201);
    }

    JsonObject byStatus =
        json(query("executions/count", "group_by", "status", "workflow_name", name));
    assertThat(byStatus.getInt("total")).isEqualTo(5);
    assertThat(byStatus.getJsonArray("groups").toString())
        .isEqualTo(
            "[{\"key\":\"Pending\",\"count\":3},{\"key\":\"Complete\",\"count\":1},"
                + "{\"key\":\"Failed\",\"count\":1}]");
    assertThat(
            json(query("executions/count", "group_by", "label:team", "workflow_name", name))
                .getJsonArray("groups")
                .toString())
        .isEqualTo(
            "[{\"key\":\"red\",\"count\":2},{\"key\":null,\"count\":2},"
                + "{\"key\":\"blue\",\"count\":1}]");
    assertThat(
            json(query("executions/count", "group_by", "success", "workflow_name", name))
                .getJsonArray("groups")
                .toString())
        .isEqualTo(
            "[{\"key\":null,\"count\":3},{\"key\":\"false\",\"count\":1},"
                + "{\"key\":\"true\",\"count\":1}]");
    assertThat(json(query("executions/count", "status", "failed,complete", "workflow_name", name)))
        .isEqualTo(
            Json.createObjectBuilder()
                .add("total", 2)
                .add("groups", Json.createArrayBuilder())
                .build());

    for (String bad : new String[] {"colour", "label:Not A Key"}) {
      Response refused =
          api.breaking("executions/count", "not a grouping")
              .queryParam("group_by", bad)
              .request()
              .get();
      assertThat(refused.getStatus()).as(bad).isEqualTo(400);
      assertThat(json(refused).getString("detail")).as(bad).startsWith("Invalid group_by: ");
    }
    Response badStatus = query("executions/count", "status", "finished");
    assertThat(badStatus.getStatus()).isEqualTo(400);
  }

  @Test
  void aWorkflowsDailyStatsOverHttp() {
    Response failed =
        api.post(
            "executions",
            Json.createObjectBuilder(pendingExecution(unique("exec"), name))
                .add("status", "Failed")
                .add("created_at", "2025-06-02T10:00:00Z")
                .add("completed_at", "2025-06-02T10:00:42Z")
                .add(
                    "errors",
                    Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("message", "timeout after 31 s")))
                .build());
    assertThat(failed.getStatus()).isEqualTo(201);
    String id = json(failed).getString("id");

    JsonObject stats =
        json(
            query(
                "workflows/" + name + "/stats",
                "bucket",
                "day",
                "from",
                "2025-05-31T12:00:00Z",
                "to",
                "2025-06-03T00:00:00Z"));

    assertThat(stats.getString("from")).isEqualTo("2025-05-31T00:00:00Z");
    assertThat(stats.getString("to")).isEqualTo("2025-06-03T00:00:00Z");
    JsonArray buckets = stats.getJsonArray("buckets");
    assertThat(buckets).hasSize(3);
    assertThat(buckets.getJsonObject(0).getInt("runs")).isZero();
    assertThat(buckets.getJsonObject(0).get("success_rate").toString()).isEqualTo("null");
    assertThat(buckets.getJsonObject(1).getJsonObject("statuses").getInt("Complete")).isEqualTo(1);
    JsonObject june2 = buckets.getJsonObject(2);
    assertThat(june2.getInt("runs")).isEqualTo(2);
    assertThat(june2.getJsonObject("statuses").getInt("Failed")).isEqualTo(2);
    assertThat(june2.getJsonNumber("success_rate").doubleValue()).isZero();
    assertThat(june2.getJsonObject("duration").getInt("count")).isEqualTo(2);
    assertThat(stats.getJsonArray("top_errors").getJsonObject(0))
        .isEqualTo(
            Json.createObjectBuilder()
                .add("message", "timeout after # s")
                .add("count", 1)
                .add("executions", 1)
                .add("last_execution_id", id)
                .build());

    String path = "workflows/" + name + "/stats";
    List<Map.Entry<String, Response>> refused =
        List.of(
            Map.entry(
                "bucket",
                api.breaking(path, "no such bucket").queryParam("bucket", "month").request().get()),
            Map.entry(
                "from", query(path, "from", "2025-06-02T00:00:00Z", "to", "2025-06-01T00:00:00Z")),
            Map.entry(
                "bucket",
                query(
                    path,
                    "bucket",
                    "hour",
                    "from",
                    "2025-01-01T00:00:00Z",
                    "to",
                    "2025-06-01T00:00:00Z")),
            Map.entry(
                "from",
                api.breaking(path, "not a time").queryParam("from", "yesterday").request().get()));
    for (Map.Entry<String, Response> entry : refused) {
      assertThat(entry.getValue().getStatus()).as(entry.getKey()).isEqualTo(400);
      assertThat(json(entry.getValue()).getString("detail"))
          .as(entry.getKey())
          .startsWith("Invalid " + entry.getKey());
    }
    assertThat(api.get("workflows/" + unique("never") + "/stats").getStatus()).isEqualTo(404);
  }

  @Test
  void aWorkflowsGridHasItsLastRunsWithTheirTaskRecordsOnly() {
    JsonObject withTasks =
        Json.createObjectBuilder(pendingExecution(unique("exec"), name))
            .add("created_at", "2025-06-03T00:00:00Z")
            .add("status", "Running")
            .add(
                "tasks",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("task_id", "fetch")
                            .add("status", "Complete")
                            .add("started_at", "2025-06-03T00:00:01Z")
                            .add("completed_at", "2025-06-03T00:00:09Z"))
                    .add(
                        Json.createObjectBuilder()
                            .add("task_id", "store")
                            .add("status", "Running")))
            .build();
    Response created = api.post("executions", withTasks);
    assertThat(created.getStatus()).isEqualTo(201);
    String id = json(created).getString("id");

    JsonObject grid = json(query("workflows/" + name + "/grid", "runs", "2"));

    assertThat(grid.getJsonArray("task_ids").toString()).isEqualTo("[\"fetch\",\"store\"]");
    JsonArray runs = grid.getJsonArray("runs");
    assertThat(runs).hasSize(2);
    assertThat(runs.getJsonObject(0).getString("id")).isEqualTo(id);
    assertThat(runs.getJsonObject(1).getString("id")).isEqualTo(second.getString("id"));
    assertThat(runs.getJsonObject(0).getJsonArray("tasks").toString())
        .isEqualTo(
            "[{\"task_id\":\"fetch\",\"status\":\"Complete\",\"started_at\":\"2025-06-03T00:00:01Z\","
                + "\"completed_at\":\"2025-06-03T00:00:09Z\",\"attempt\":1},"
                + "{\"task_id\":\"store\",\"status\":\"Running\",\"started_at\":null,"
                + "\"completed_at\":null,\"attempt\":1}]");
    assertThat(runs.getJsonObject(1).getBoolean("archived")).isFalse();
    assertThat(json(query("workflows/" + name + "/grid")).getJsonArray("runs")).hasSize(3);

    Response zero =
        api.breaking("workflows/" + name + "/grid", "below the minimum")
            .queryParam("runs", 0)
            .request()
            .get();
    assertThat(zero.getStatus()).isEqualTo(400);
    assertThat(json(zero).getString("detail")).isEqualTo("Invalid runs: must be between 1 and 100");
    assertThat(query("workflows/" + unique("never") + "/grid").getStatus()).isEqualTo(404);
  }

  /** GET {@code path} with query parameters given as name, value, name, value… */
  private Response query(String path, String... parameters) {
    var target = api.api(path);
    for (int i = 0; i < parameters.length; i += 2) {
      target = target.queryParam(parameters[i], parameters[i + 1]);
    }
    return target.request().get();
  }
}
