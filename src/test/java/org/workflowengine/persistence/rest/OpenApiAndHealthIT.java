package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.ApiClient;
import org.workflowengine.persistence.testing.OverHttp;

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

  @Test
  void theFrontPageIsOpenAndLeadsToTheApiItsDescriptionAndHealth() {
    Response page = api.target(URI.create(base.toExternalForm())).request().get();

    assertThat(page.getStatus()).isEqualTo(200);
    assertThat(page.getMediaType().isCompatible(MediaType.TEXT_HTML_TYPE)).isTrue();
    assertThat(page.readEntity(String.class))
        .contains(
            "Workflow execution history store",
            "href=\"/openapi\"",
            "href=\"/health/ready\"",
            "href=\"api/executions\"");
  }

  private JsonObject openApi() {
    Response response = api.server("openapi").request(MediaType.APPLICATION_JSON).get();
    assertThat(response.getStatus()).isEqualTo(200);
    return json(response);
  }

  /**
   * The served document is META-INF/openapi.json as written (OpenApiDocumentTest reads that with
   * swagger-parser): the server derives nothing from the code and adds nothing that is not OpenAPI.
   * Empty lists and objects are left out of the comparison, Payara does not write them in examples
   * and extensions; the example execution has none, so that it is served whole everywhere.
   */
  @Test
  void theServedDocumentIsTheDocumentAsWritten() throws Exception {
    JsonValue written;
    try (JsonReader reader =
        Json.createReader(Files.newBufferedReader(OpenApiDocumentTest.DOCUMENT))) {
      written = reader.readValue();
    }

    JsonObject served = openApi();

    assertThat(
            Json.createDiff(
                    withoutEmpties(written).asJsonObject(), withoutEmpties(served).asJsonObject())
                .toJsonArray())
        .as("what the served document changes of the written one")
        .isEmpty();
    String example = "/components/examples/ExampleExecution";
    assertThat(served.getValue(example)).isEqualTo(written.asJsonObject().getValue(example));
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

  private static JsonValue withoutEmpties(JsonValue value) {
    if (value instanceof JsonObject object) {
      JsonObjectBuilder kept = Json.createObjectBuilder();
      object.forEach(
          (name, member) -> {
            JsonValue inner = withoutEmpties(member);
            if (!isEmpty(inner)) {
              kept.add(name, inner);
            }
          });
      return kept.build();
    }
    if (value instanceof JsonArray array) {
      JsonArrayBuilder kept = Json.createArrayBuilder();
      array.forEach(item -> kept.add(withoutEmpties(item)));
      return kept.build();
    }
    return value;
  }

  private static boolean isEmpty(JsonValue value) {
    return (value instanceof JsonObject o && o.isEmpty())
        || (value instanceof JsonArray a && a.isEmpty());
  }
}
