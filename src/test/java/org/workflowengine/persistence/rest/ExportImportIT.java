package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;
import static org.workflowengine.persistence.testing.ApiClient.pendingExecution;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.OverHttp;

/** NDJSON export and import: a faithful round trip, idempotent, refusing bad lines whole. */
class ExportImportIT extends OverHttp {

  /** Three runs of two definitions, with tasks, audit, logs and errors. */
  private String recordHistory() {
    String name = unique("archived");
    for (int i = 0; i < 3; i++) {
      String id = name + "-" + i;
      JsonObject execution =
          Json.createObjectBuilder(pendingExecution(id, name))
              .add("created_at", "2025-05-0" + (i + 1) + "T00:00:00Z")
              .add(
                  "workflow_snapshot",
                  Json.createObjectBuilder().add("v", i % 2).add("price", 1.50))
              .build();
      assertThat(api.post("executions", execution).getStatus()).isEqualTo(201);
      api.post(
              "executions/" + id + "/status",
              Json.createObjectBuilder().add("status", "Running").build())
          .close();
      api.put(
              "executions/" + id + "/tasks/t1",
              Json.createObjectBuilder()
                  .add("status", "Complete")
                  .add("output", Json.createObjectBuilder().add("n", i))
                  .build())
          .close();
      api.post(
              "executions/" + id + "/logs/t1",
              Json.createObjectBuilder()
                  .add("lines", Json.createArrayBuilder().add("a").add("b"))
                  .build())
          .close();
      api.post(
              "executions/" + id + "/audit",
              Json.createObjectBuilder().add("action", "step").add("actor", "x").build())
          .close();
      api.post(
              "executions/" + id + "/errors",
              Json.createObjectBuilder().add("message", "oops " + i).build())
          .close();
      api.post(
              "executions/" + id + "/status",
              Json.createObjectBuilder().add("status", i == 2 ? "Failed" : "Complete").build())
          .close();
    }
    return name;
  }

  private String export(String workflowName) {
    Response response = api.api("export").queryParam("workflow_name", workflowName).request().get();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getMediaType().toString()).isEqualTo("application/x-ndjson");
    return response.readEntity(String.class);
  }

  private Response importText(String ndjson) {
    return api.api("import").request().post(Entity.entity(ndjson, "application/x-ndjson"));
  }

  private void deleteAndCollect(String workflowName) {
    for (int i = 0; i < 3; i++) {
      assertThat(api.api("executions/" + workflowName + "-" + i).request().delete().getStatus())
          .isEqualTo(204);
    }
    JsonObject purge =
        json(
            api.api("executions")
                .queryParam("dry_run", false)
                .queryParam("workflow_name", workflowName)
                .request()
                .delete());
    assertThat(purge.getBoolean("dry_run")).isFalse();
  }

  @Test
  void exportListsEachSnapshotOnceThenTheExecutionsByHash() {
    String name = recordHistory();

    List<JsonObject> lines = lines(export(name));

    assertThat(lines)
        .extracting(l -> l.getString("type"))
        .containsExactly("snapshot", "snapshot", "execution", "execution", "execution");
    JsonObject execution = lines.get(2);
    assertThat(execution.getString("id")).isEqualTo(name + "-0");
    assertThat(execution.containsKey("workflow_snapshot")).isFalse();
    assertThat(lines.subList(0, 2))
        .extracting(l -> l.getString("hash"))
        .contains(execution.getString("snapshot_hash"));
    assertThat(execution.getJsonArray("tasks")).hasSize(1);
    assertThat(execution.getJsonObject("per_task_logs").getJsonArray("t1")).hasSize(2);
    assertThat(execution.getJsonArray("audit_trail")).hasSize(1);
    assertThat(execution.getJsonArray("errors")).hasSize(1);
  }

  @Test
  void exportImportIntoAnEmptiedStoreAndExportAgainIsIdentical() {
    String name = recordHistory();
    String exported = export(name);
    deleteAndCollect(name);
    assertThat(export(name)).as("nothing of it is left").isEmpty();

    Response imported = importText(exported);

    assertThat(imported.getStatus()).isEqualTo(200);
    JsonObject result = json(imported);
    assertThat(result.getInt("imported")).isEqualTo(3);
    assertThat(result.getInt("skipped")).isZero();
    assertThat(export(name)).isEqualTo(exported);
  }

  @Test
  void importingTwiceChangesNothing() {
    String name = recordHistory();
    String exported = export(name);

    JsonObject again = json(importText(exported));

    assertThat(again.getInt("imported")).isZero();
    assertThat(again.getInt("skipped")).isEqualTo(3);
    assertThat(export(name)).isEqualTo(exported);
  }

  @Test
  void malformedLinesAreRefusedByLineNumberAndNothingIsImported() {
    String name = recordHistory();
    String exported = export(name);
    deleteAndCollect(name);
    List<String> original = exported.lines().toList();
    String broken =
        String.join(
            "\n",
            original.get(0),
            original.get(1),
            original.get(2),
            "{\"type\": \"execution\", \"id\": ",
            original.get(3).replace("\"workflow_name\":\"" + name + "\"", "\"workflow_name\":42"),
            original.get(4),
            "{\"type\": \"snapshot\", \"hash\": \"0000\", \"snapshot\": {}}");

    Response refused =
        api.breaking("import", "malformed lines")
            .request()
            .post(Entity.entity(broken, "application/x-ndjson"));

    assertThat(refused.getStatus()).isEqualTo(400);
    assertThat(refused.getMediaType().toString()).isEqualTo(ProblemDetails.MEDIA_TYPE);
    List<String> errors =
        json(refused).getJsonArray("errors").getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .toList();
    assertThat(errors).hasSize(3);
    assertThat(errors.get(0)).startsWith("line 4: the line is not valid JSON");
    assertThat(errors.get(1)).startsWith("line 5: not an execution");
    assertThat(errors.get(2)).startsWith("line 7: the snapshot's content does not match");
    assertThat(export(name)).as("not even the good lines were imported").isEmpty();
  }

  private static List<JsonObject> lines(String ndjson) {
    return ndjson
        .lines()
        .filter(line -> !line.isBlank())
        .map(line -> Json.createReader(new StringReader(line)).readObject())
        .toList();
  }
}
