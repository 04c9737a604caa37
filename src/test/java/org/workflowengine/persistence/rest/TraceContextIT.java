package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;
import static org.workflowengine.persistence.testing.ApiClient.pendingExecution;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.OverHttp;

/**
 * W3C trace context over HTTP: what a request with a valid {@code traceparent} appends carries its
 * trace id on GET, in the export and through an import; without one, or with a malformed one, it
 * carries none and the request succeeds; a body's {@code trace_id} is ignored.
 */
class TraceContextIT extends OverHttp {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

  private String created() {
    String id = unique("traced");
    try (Response response = api.post("executions", pendingExecution(id, id))) {
      assertThat(response.getStatus()).isEqualTo(201);
    }
    return id;
  }

  /** Appends an audit entry, an error and a log line to {@code id}, with {@code traceparent}. */
  private void appendAll(String id, String traceparent, JsonObject extra) {
    JsonObject audit =
        Json.createObjectBuilder(extra).add("actor", "tester").add("action", "ran").build();
    JsonObject error = Json.createObjectBuilder(extra).add("message", "boom").build();
    JsonObject logs =
        Json.createObjectBuilder(extra).add("lines", Json.createArrayBuilder().add("one")).build();
    try (Response response = post("executions/" + id + "/audit", audit, traceparent)) {
      assertThat(response.getStatus()).isEqualTo(201);
      JsonObject echoed = json(response);
      assertThat(traceId(echoed)).isEqualTo(expected(traceparent));
    }
    try (Response response = post("executions/" + id + "/errors", error, traceparent)) {
      assertThat(response.getStatus()).isEqualTo(201);
    }
    try (Response response = post("executions/" + id + "/logs/t1", logs, traceparent)) {
      assertThat(response.getStatus()).isEqualTo(201);
    }
  }

  private Response post(String path, JsonObject body, String traceparent) {
    var request =
        (body.containsKey("trace_id")
                ? api.breaking(path, "a body naming trace_id, read-only: ignored")
                : api.api(path))
            .request();
    if (traceparent != null) {
      request = request.header("traceparent", traceparent);
    }
    return request.post(Entity.json(body.toString()));
  }

  private static String expected(String traceparent) {
    return TRACEPARENT.equals(traceparent) ? TRACE : null;
  }

  private static String traceId(JsonObject entry) {
    return entry.isNull("trace_id") ? null : entry.getString("trace_id");
  }

  /** The trace ids GET shows on the audit entry, the error and the log line, in that order. */
  private List<String> shown(String id) {
    JsonObject execution;
    try (Response response = api.get("executions/" + id)) {
      execution = json(response);
    }
    JsonObject line;
    try (Response response = api.get("executions/" + id + "/logs/t1")) {
      line = json(response).getJsonArray("lines").getJsonObject(0);
    }
    return java.util.Arrays.asList(
        traceId(execution.getJsonArray("audit_trail").getJsonObject(0)),
        traceId(execution.getJsonArray("errors").getJsonObject(0)),
        traceId(line));
  }

  private void assertVerifies(String id) {
    try (Response response = api.get("executions/" + id + "/verify")) {
      assertThat(json(response).getBoolean("valid")).isTrue();
    }
  }

  @Test
  void aRequestsTraceIdIsRecordedWithWhatItAppends() {
    String id = created();
    appendAll(id, TRACEPARENT, JsonValue.EMPTY_JSON_OBJECT);
    assertThat(shown(id)).containsExactly(TRACE, TRACE, TRACE);
    assertVerifies(id);
  }

  @Test
  void withoutTraceparentNothingIsRecorded() {
    String id = created();
    appendAll(id, null, JsonValue.EMPTY_JSON_OBJECT);
    assertThat(shown(id)).containsExactly(null, null, null);
    assertVerifies(id);
  }

  @Test
  void aMalformedTraceparentIsIgnoredAndTheRequestSucceeds() {
    for (String malformed :
        List.of(
            "00-" + TRACE + "-00f067aa0ba902b7", // no flags
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
            "00-" + TRACE.toUpperCase() + "-00f067aa0ba902b7-01", // upper-case hex
            "not a traceparent")) {
      String id = created();
      appendAll(id, malformed, JsonValue.EMPTY_JSON_OBJECT);
      assertThat(shown(id)).as(malformed).containsExactly(null, null, null);
    }
  }

  @Test
  void aBodysTraceIdIsIgnored() {
    String forged = "0af7651916cd43dd8448eb211c80319c";
    JsonObject extra = Json.createObjectBuilder().add("trace_id", forged).build();
    String id = created();
    appendAll(id, null, extra);
    assertThat(shown(id)).containsExactly(null, null, null);
    String other = created();
    appendAll(other, TRACEPARENT, extra);
    assertThat(shown(other)).containsExactly(TRACE, TRACE, TRACE);
  }

  @Test
  void theExportCarriesTraceIdsAndAnImportKeepsThem() {
    String id = created();
    appendAll(id, TRACEPARENT, JsonValue.EMPTY_JSON_OBJECT);
    String exported;
    try (Response response = api.api("export").queryParam("workflow_name", id).request().get()) {
      assertThat(response.getStatus()).isEqualTo(200);
      exported = response.readEntity(String.class);
    }
    JsonObject line = null;
    for (String text : exported.split("\n")) {
      JsonObject object = Json.createReader(new StringReader(text)).readObject();
      if (object.getString("type").equals("execution")) {
        line = object;
      }
    }
    assertThat(line).isNotNull();
    assertThat(line.getJsonArray("audit_trail").getJsonObject(0).getString("trace_id"))
        .isEqualTo(TRACE);
    assertThat(
            line.getJsonArray("links").stream()
                .map(JsonValue::asJsonObject)
                .filter(link -> !link.getString("kind").equals("status"))
                .map(link -> link.getString("trace_id")))
        .containsExactly(TRACE, TRACE, TRACE);
    try (Response response = api.api("executions/" + id).request().delete()) {
      assertThat(response.getStatus()).isEqualTo(204);
    }
    try (Response response =
        api.api("import").request().post(Entity.entity(exported, "application/x-ndjson"))) {
      assertThat(response.getStatus()).isEqualTo(200);
    }
    assertThat(shown(id)).containsExactly(TRACE, TRACE, TRACE);
    assertVerifies(id);
  }
}
