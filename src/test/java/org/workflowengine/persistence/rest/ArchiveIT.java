package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;
import static org.workflowengine.persistence.testing.ApiClient.pendingExecution;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.ArchivedObjects;
import org.workflowengine.persistence.testing.OverHttp;

/**
 * The archive tier over HTTP, on the leg's archive (a directory, or S3 on s3proxy): a purge moves
 * finished runs into it, and each still answers at its URL with the body it had, is listed by every
 * filter, verifies, refuses changes until restored, comes back exactly, and is never served once
 * its object has been altered.
 */
class ArchiveIT extends OverHttp {

  /** A finished run with everything a run can hold: labels, tasks, logs, audit, errors. */
  private String recordFinishedRun(String workflow, String id, String errorText) {
    JsonObject execution =
        Json.createObjectBuilder(pendingExecution(id, workflow))
            .add("labels", Json.createObjectBuilder().add("env", "prod").add("shard", id))
            .build();
    assertThat(api.post("executions", execution).getStatus()).isEqualTo(201);
    ok(api.post("executions/" + id + "/status", status("Running")));
    ok(
        api.put(
            "executions/" + id + "/tasks/extract",
            Json.createObjectBuilder()
                .add("name", "Extract")
                .add("status", "Complete")
                .add("output", Json.createObjectBuilder().add("rows", 42))
                .build()));
    ok(
        api.post(
            "executions/" + id + "/logs/extract",
            Json.createObjectBuilder()
                .add("lines", Json.createArrayBuilder().add("read 42 rows").add("done"))
                .build()));
    ok(
        api.post(
            "executions/" + id + "/audit",
            Json.createObjectBuilder().add("action", "extracted").add("actor", "engine").build()));
    ok(
        api.post(
            "executions/" + id + "/errors",
            Json.createObjectBuilder().add("message", errorText).add("task_id", "load").build()));
    ok(api.post("executions/" + id + "/status", status("Failed")));
    return id;
  }

  private JsonObject purge(String workflow, boolean dryRun, Boolean archive) {
    var target =
        api.api("executions")
            .queryParam("workflow_name", workflow)
            .queryParam("keep_last", 0)
            .queryParam("dry_run", dryRun);
    if (archive != null) {
      target = target.queryParam("archive", archive);
    }
    Response response = target.request().delete();
    String body = response.readEntity(String.class);
    assertThat(response.getStatus()).as(body).isEqualTo(200);
    return Json.createReader(new java.io.StringReader(body)).readObject();
  }

  @Test
  void aPurgedRunAnswersAtItsUrlAsBeforeAndVerifies() {
    String workflow = unique("archived");
    String id = recordFinishedRun(workflow, workflow + "-1", "timeout after 31 s");
    Response before = api.get("executions/" + id);
    JsonObject body = json(before);
    String etag = before.getHeaderString("ETag");
    JsonObject logsBefore = json(api.get("executions/" + id + "/logs/extract"));
    JsonObject verifyBefore = json(api.get("executions/" + id + "/verify"));

    JsonObject preview = purge(workflow, true, null);
    assertThat(preview.getInt("archived")).isEqualTo(1);
    assertThat(preview.getInt("deleted")).isZero();
    assertThat(preview.getInt("executions")).isEqualTo(1);
    JsonObject purged = purge(workflow, false, null);
    assertThat(purged.getInt("archived")).isEqualTo(1);
    assertThat(purged.getInt("deleted")).isZero();
    assertThat(Files.isRegularFile(ArchivedObjects.of(id))).as("its object").isTrue();

    Response after = api.get("executions/" + id);
    assertThat(after.getStatus()).isEqualTo(200);
    assertThat(after.getHeaderString("ETag")).isEqualTo(etag);
    JsonObject archived = json(after);
    assertThat(archived.getString("archived_at")).isNotBlank();
    assertThat(Json.createObjectBuilder(archived).remove("archived_at").build())
        .as("the body it had, plus archived_at")
        .isEqualTo(body);
    assertThat(json(api.get("executions/" + id + "/logs/extract"))).isEqualTo(logsBefore);
    assertThat(api.get("executions/" + id + "/snapshot").getStatus()).isEqualTo(200);
    JsonObject verify = json(api.get("executions/" + id + "/verify"));
    assertThat(verify.getBoolean("valid")).isTrue();
    assertThat(verify.getString("head")).isEqualTo(verifyBefore.getString("head"));
    assertThat(verify.getInt("links")).isEqualTo(verifyBefore.getInt("links"));

    assertThat(purge(workflow, true, null).getInt("executions"))
        .as("an archived run is not archived again")
        .isZero();
  }

  @Test
  void everyListingFilterFindsArchivedRuns() {
    String workflow = unique("listed");
    String archivedId =
        recordFinishedRun(workflow, workflow + "-a", "connection refused by db-7 after 3 tries");
    purge(workflow, false, null);
    // Both are created at the same instant (the fixture's): the later id lists first.
    String liveId = workflow + "-b";
    assertThat(api.post("executions", pendingExecution(liveId, workflow)).getStatus())
        .isEqualTo(201);

    assertThat(ids(listing("workflow_name", workflow))).containsExactly(liveId, archivedId);
    assertThat(ids(listing("workflow_name", workflow, "archived", "only")))
        .containsExactly(archivedId);
    assertThat(ids(listing("workflow_name", workflow, "archived", "exclude")))
        .containsExactly(liveId);
    assertThat(ids(listing("workflow_name", workflow, "status", "Failed")))
        .containsExactly(archivedId);
    assertThat(ids(listing("workflow_name", workflow, "success", "false")))
        .containsExactly(archivedId);
    assertThat(ids(listing("workflow_name", workflow, "label", "shard:" + archivedId)))
        .containsExactly(archivedId);
    assertThat(ids(listing("workflow_name", workflow, "error_contains", "REFUSED BY db-7")))
        .containsExactly(archivedId);
    assertThat(ids(listing("workflow_name", workflow, "created_before", "2100-01-01T00:00:00Z")))
        .contains(archivedId);
    JsonObject summary = items(listing("workflow_name", workflow, "archived", "only")).get(0);
    assertThat(summary.getString("archived_at")).isNotBlank();
    assertThat(items(listing("workflow_name", workflow, "archived", "exclude")).get(0))
        .as("a live run's summary has no archived_at")
        .doesNotContainKey("archived_at");

    // One item a page: the cursor walks from the live run into the archived one.
    Response first =
        api.api("executions")
            .queryParam("workflow_name", workflow)
            .queryParam("limit", 1)
            .request()
            .get();
    JsonObject page = json(first);
    assertThat(ids(page)).containsExactly(liveId);
    JsonObject second =
        json(
            api.api("executions")
                .queryParam("workflow_name", workflow)
                .queryParam("limit", 1)
                .queryParam("cursor", page.getString("next_cursor"))
                .request()
                .get());
    assertThat(ids(second)).containsExactly(archivedId);

    Response bad =
        api.breaking("executions", "an archived value the document does not allow")
            .queryParam("archived", "sometimes")
            .request()
            .get();
    assertThat(bad.getStatus()).isEqualTo(400);
    assertThat(json(bad).getString("detail")).contains("archived");
  }

  @Test
  void anArchivedRunRefusesChangesUntilRestoredExactly() {
    String workflow = unique("restored");
    String id = recordFinishedRun(workflow, workflow + "-1", "disk full");
    Response before = api.get("executions/" + id);
    JsonObject body = json(before);
    String etag = before.getHeaderString("ETag");
    purge(workflow, false, null);

    for (Response refused :
        List.of(
            api.post(
                "executions/" + id + "/audit",
                Json.createObjectBuilder().add("action", "late").add("actor", "x").build()),
            api.post(
                "executions/" + id + "/logs/extract",
                Json.createObjectBuilder()
                    .add("lines", Json.createArrayBuilder().add("x"))
                    .build()),
            api.post(
                "executions/" + id + "/errors",
                Json.createObjectBuilder().add("message", "late").build()),
            api.put(
                "executions/" + id + "/tasks/extract",
                Json.createObjectBuilder().add("status", "Failed").build()),
            api.put(
                "executions/" + id + "/labels/env",
                Json.createObjectBuilder().add("value", "dev").build()),
            api.put("executions/" + id, pendingExecution(id, workflow)))) {
      assertThat(refused.getStatus()).isEqualTo(409);
      JsonObject problem = json(refused);
      assertThat(problem.getString("type")).endsWith(":execution-archived");
      assertThat(problem.getString("detail")).contains("restore");
    }

    Response restored = api.api("executions/" + id + "/restore").request().post(Entity.text(""));
    assertThat(restored.getStatus()).isEqualTo(200);
    assertThat(restored.getHeaderString("ETag")).isEqualTo(etag);
    assertThat(json(restored)).isEqualTo(body);
    assertThat(json(api.get("executions/" + id))).as("exactly as it was").isEqualTo(body);
    assertThat(json(api.get("executions/" + id + "/verify")).getBoolean("valid")).isTrue();
    assertThat(Files.exists(ArchivedObjects.of(id))).as("its object is deleted").isFalse();
    assertThat(
            api.post(
                    "executions/" + id + "/audit",
                    Json.createObjectBuilder().add("action", "late").add("actor", "x").build())
                .getStatus())
        .as("live again: it takes appends")
        .isEqualTo(201);
    assertThat(json(api.get("executions/" + id + "/verify")).getBoolean("valid")).isTrue();
  }

  @Test
  void anAlteredObjectIsReportedNeverServed() throws IOException {
    String workflow = unique("tampered");
    String id = recordFinishedRun(workflow, workflow + "-1", "bad input");
    purge(workflow, false, null);
    Path object = ArchivedObjects.of(id);
    String text = gunzip(Files.readAllBytes(object));
    assertThat(text).contains("read 42 rows");
    Files.write(object, gzip(text.replace("read 42 rows", "read 41 rows")));

    Response read = api.get("executions/" + id);
    assertThat(read.getStatus()).isEqualTo(500);
    JsonObject problem = json(read);
    assertThat(problem.getString("type")).endsWith(":archive-damaged");
    assertThat(problem.getString("detail")).contains(id).contains("changed");
    assertThat(api.get("executions/" + id + "/logs/extract").getStatus()).isEqualTo(500);
    JsonObject verify = json(api.get("executions/" + id + "/verify"));
    assertThat(verify.getBoolean("valid")).isFalse();
    assertThat(verify.getJsonObject("first_broken").getString("problem")).isNotBlank();
    Response restore = api.api("executions/" + id + "/restore").request().post(Entity.text(""));
    assertThat(restore.getStatus()).as("a damaged object is not restored").isEqualTo(500);
    assertThat(api.get("executions/" + id).getStatus()).as("nor half-restored").isEqualTo(500);

    String export = exportOf(workflow);
    assertThat(export).as("named in the export, not left out").contains("\"type\":\"problem\"");
    assertThat(export).contains(id).doesNotContain("read 41 rows");
    Response imported =
        api.breaking("import", "an export with a problem line, which the import refuses")
            .request()
            .post(Entity.entity(export, "application/x-ndjson"));
    assertThat(imported.getStatus()).isEqualTo(400);
    assertThat(imported.readEntity(String.class)).contains("could not read execution " + id);

    assertThat(api.api("executions/" + id).request().delete().getStatus())
        .as("a damaged run can still be deleted")
        .isEqualTo(204);
    assertThat(Files.exists(object)).isFalse();
  }

  @Test
  void deletingAnArchivedRunDeletesItsObjectToo() {
    String workflow = unique("deleted");
    String one = recordFinishedRun(workflow, workflow + "-1", "x failed");
    String two = recordFinishedRun(workflow, workflow + "-2", "y failed");
    purge(workflow, false, null);
    assertThat(Files.exists(ArchivedObjects.of(one))).isTrue();

    assertThat(api.api("executions/" + one).request().delete().getStatus()).isEqualTo(204);
    assertThat(api.get("executions/" + one).getStatus()).isEqualTo(404);
    assertThat(Files.exists(ArchivedObjects.of(one))).isFalse();

    JsonObject deleted = purge(workflow, false, false);
    assertThat(deleted.getInt("deleted")).isEqualTo(1);
    assertThat(deleted.getInt("archived")).isZero();
    assertThat(api.get("executions/" + two).getStatus()).isEqualTo(404);
    assertThat(Files.exists(ArchivedObjects.of(two))).isFalse();
  }

  @Test
  void anExportCarriesArchivedRunsWhole() {
    String workflow = unique("exported");
    String id = recordFinishedRun(workflow, workflow + "-1", "late");
    String live = exportOf(workflow);
    purge(workflow, false, null);
    assertThat(exportOf(workflow)).as("the same lines, live or archived").isEqualTo(live);
    Response only =
        api.api("export")
            .queryParam("workflow_name", workflow)
            .queryParam("archived", "exclude")
            .request()
            .get();
    assertThat(only.readEntity(String.class)).doesNotContain(id);
  }

  private String exportOf(String workflow) {
    Response response = api.api("export").queryParam("workflow_name", workflow).request().get();
    assertThat(response.getStatus()).isEqualTo(200);
    return response.readEntity(String.class);
  }

  private JsonObject listing(String... parameters) {
    var target = api.api("executions");
    for (int i = 0; i < parameters.length; i += 2) {
      target = target.queryParam(parameters[i], parameters[i + 1]);
    }
    Response response = target.request().get();
    assertThat(response.getStatus()).isEqualTo(200);
    return json(response);
  }

  private static List<JsonObject> items(JsonObject page) {
    return page.getJsonArray("items").getValuesAs(JsonObject.class);
  }

  private static List<String> ids(JsonObject page) {
    return items(page).stream().map(item -> item.getString("id")).toList();
  }

  private static JsonObject status(String status) {
    return Json.createObjectBuilder().add("status", status).build();
  }

  private static void ok(Response response) {
    assertThat(response.getStatus()).as(response.readEntity(String.class)).isBetween(200, 204);
  }

  private static String gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
