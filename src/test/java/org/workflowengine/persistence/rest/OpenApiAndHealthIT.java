package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.ApiClient;
import org.workflowengine.persistence.testing.OverHttp;
import org.workflowengine.persistence.testing.ResourceMethods;

/**
 * The API describes itself at {@code /openapi} and reports its health at {@code /health}, to
 * anyone: this class's client sends no credentials.
 */
class OpenApiAndHealthIT extends OverHttp {

  @BeforeEach
  void withoutCredentials() {
    api.close();
    api = ApiClient.anonymous(base);
  }

  @Test
  void theClientHasNoCredentials() {
    assertThat(api.get("executions").getStatus()).isEqualTo(401);
  }

  private JsonObject openApi() {
    Response response = api.server("openapi").request(MediaType.APPLICATION_JSON).get();
    assertThat(response.getStatus()).isEqualTo(200);
    return json(response);
  }

  @Test
  void everyResourcePathIsDescribed() throws Exception {
    JsonObject paths = openApi().getJsonObject("paths");

    List<String> expected = resourcePaths();

    assertThat(expected).hasSizeGreaterThanOrEqualTo(15);
    for (String path : expected) {
      assertThat(paths.keySet()).as(path).anySatisfy(p -> assertThat(p).endsWith(path));
    }
  }

  @Test
  void operationsDescribeTheirErrorsAsProblems() {
    JsonObject document = openApi();
    JsonObject item = pathEndingWith(document, "/api/executions/{id}");

    JsonObject get = item.getJsonObject("get");
    JsonObject put = item.getJsonObject("put");

    assertThat(get.getJsonObject("responses").keySet()).contains("200", "404");
    assertThat(put.getJsonObject("responses").keySet())
        .contains("200", "201", "400", "409", "412", "413");
    assertThat(document.getJsonObject("components").getJsonObject("schemas").keySet())
        .contains("Problem");
    assertThat(
            document
                .getJsonObject("components")
                .getJsonObject("responses")
                .getJsonObject("NotFound")
                .getJsonObject("content")
                .keySet())
        .containsExactly("application/problem+json");
  }

  @Test
  void theSeedFixtureIsTheExampleExecution() {
    JsonObject seed =
        openApi()
            .getJsonObject("components")
            .getJsonObject("examples")
            .getJsonObject("SeedExecution");

    JsonObject value = seed.getJsonObject("value");

    assertThat(value.getString("workflow_name")).isEqualTo("Test Workflow");
    assertThat(value.getString("status")).isEqualTo("Complete");
    assertThat(value.getJsonObject("workflow_snapshot").getString("id")).isEqualTo("test");
  }

  @Test
  void theExecutionSchemaUsesTheWireNames() {
    JsonObject schemas = openApi().getJsonObject("components").getJsonObject("schemas");

    JsonObject properties = schemas.getJsonObject("WorkflowExecution").getJsonObject("properties");
    assertThat(properties.keySet())
        .contains("workflow_name", "workflow_snapshot", "audit_trail", "per_task_logs")
        .doesNotContain("workflowName");
    assertThat(properties.getJsonObject("status").getJsonArray("enum").toString())
        .contains("\"Complete\"");
    assertThat(properties.getJsonObject("created_at").getString("format")).isEqualTo("date-time");
    assertThat(schemas.getJsonObject("AuditEntry").getJsonObject("properties").keySet())
        .doesNotContain("rowId", "seq", "executionId");
  }

  @Test
  void liveAndReadyAreUpWithTheDatabaseChecked() {
    Response live = api.health("live").request().get();
    Response ready = api.health("ready").request().get();

    assertThat(live.getStatus()).isEqualTo(200);
    assertThat(json(live).getString("status")).isEqualTo("UP");
    JsonObject readiness = json(ready);
    assertThat(ready.getStatus()).as(readiness.toString()).isEqualTo(200);
    assertThat(readiness.getString("status")).isEqualTo("UP");
    assertThat(readiness.getJsonArray("checks").getValuesAs(JsonObject.class))
        .anySatisfy(
            check -> {
              assertThat(check.getString("name")).isEqualTo("database");
              assertThat(check.getString("status")).isEqualTo("UP");
            });
  }

  private static JsonObject pathEndingWith(JsonObject document, String suffix) {
    JsonObject paths = document.getJsonObject("paths");
    return paths.keySet().stream()
        .filter(p -> p.endsWith(suffix))
        .findFirst()
        .map(paths::getJsonObject)
        .orElseThrow(() -> new AssertionError(suffix + " is not in " + paths.keySet()));
  }

  /** "/api/…" of every resource method (GET, POST, …) of the rest package's resources. */
  private static List<String> resourcePaths() {
    return ResourceMethods.all().stream().map(ResourceMethods.Operation::path).toList();
  }
}
