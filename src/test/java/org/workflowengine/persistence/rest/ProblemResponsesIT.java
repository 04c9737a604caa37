package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;
import static org.workflowengine.persistence.testing.ApiClient.pendingExecution;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.workflowengine.persistence.testing.OverHttp;

/**
 * Every way a request can fail is answered with {@code application/problem+json}: never a stack
 * trace, never the server's HTML page, never a 500 for bad input, and nothing stored.
 */
class ProblemResponsesIT extends OverHttp {

  /** Asserts the problem shape and returns the body. */
  private static JsonObject problem(Response response, int status) {
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(response.getMediaType()).isNotNull();
    assertThat(response.getMediaType().toString()).isEqualTo(ProblemDetails.MEDIA_TYPE);
    JsonObject body = json(response);
    assertThat(body.getString("type")).startsWith("urn:workflow-persistence:problem:");
    assertThat(body.getString("title")).isNotBlank();
    assertThat(body.getInt("status")).isEqualTo(status);
    assertThat(body.getString("detail"))
        .isNotBlank()
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    assertThat(body.getString("instance")).startsWith("/");
    return body;
  }

  @Test
  void anUnknownRouteIsANotFoundProblem() {
    problem(api.breaking("nothing-here", "a path the document does not have").request().get(), 404);
  }

  @Test
  void anUnknownPathOutsideTheApiIsANotFoundProblemNotTheServersPage() {
    // Answered by the web container, not JAX-RS: web.xml's error page makes it problem+json.
    JsonObject body =
        problem(
            api.target(java.net.URI.create(base.toExternalForm()).resolve("no-such-page.html"))
                .request()
                .get(),
            404);

    assertThat(body.getString("detail")).contains("/api");
  }

  @Test
  void aWrongMethodIsAMethodNotAllowedProblemThatNamesTheAllowedOnes() {
    Response response =
        api.breaking("executions", "PUT, which the collection does not have")
            .request()
            .put(Entity.json("{}"));

    problem(response, 405);
    assertThat(response.getHeaderString("Allow"))
        .contains("GET")
        .contains("POST")
        .contains("DELETE");
  }

  @Test
  void aWrongContentTypeIsAnUnsupportedMediaTypeProblem() {
    Response response =
        api.breaking("executions", "a form, which the operation does not take")
            .request()
            .post(Entity.entity("workflow_name=x", MediaType.APPLICATION_FORM_URLENCODED));

    problem(response, 415);
  }

  @Test
  void anUnacceptableAcceptHeaderIsANotAcceptableProblem() {
    Response response =
        api.breaking("executions", "an Accept the operation cannot serve")
            .request(MediaType.TEXT_HTML)
            .get();

    assertThat(response.getStatus()).isEqualTo(406);
    assertThat(response.getMediaType().toString()).isEqualTo(ProblemDetails.MEDIA_TYPE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "truncated JSON            | {\"workflow_name\": \"x\"",
        "not JSON at all           | hello",
        "number for a string       | {\"workflow_name\": 42}",
        "string for a boolean      | {\"workflow_name\": \"x\", \"success\": \"maybe\"}",
        "array for the snapshot    | {\"workflow_name\": \"x\", \"workflow_snapshot\": [1]}",
        "object for the task list  | {\"workflow_name\": \"x\", \"tasks\": {}}",
        "unknown status            | {\"workflow_name\": \"x\", \"status\": \"Finished\"}",
        "bad timestamp             | {\"workflow_name\": \"x\", \"created_at\": \"yesterday\"}",
        "blank name                | {\"workflow_name\": \" \"}",
        "id with a slash           | {\"id\": \"a/b\", \"workflow_name\": \"x\"}",
        "task without task_id      | {\"workflow_name\": \"x\", \"tasks\": [{\"name\": \"t\"}]}",
        "attempt below one         | {\"workflow_name\": \"x\", \"tasks\": [{\"task_id\": \"t\", \"attempt\": 0}]}",
        "empty body                | ''"
      })
  void badBodiesAreBadRequestProblemsAndStoreNothing(String what, String body) {
    String name = unique("refused");
    long before = count(name);

    Response response =
        api.breaking("executions", what)
            .request()
            .post(Entity.json(body.replace("\"x\"", "\"" + name + "\"")));

    problem(response, 400);
    assertThat(count(name)).isEqualTo(before).isZero();
  }

  @Test
  void aSnapshotOverTheLimitIsAPayloadTooLargeProblemAndStoresNothing() {
    String id = unique("big");
    JsonObject big =
        Json.createObjectBuilder(pendingExecution(id, "big"))
            .add(
                "workflow_snapshot",
                Json.createObjectBuilder().add("blob", "x".repeat(4 * 1024 * 1024)))
            .build();

    JsonObject body = problem(api.post("executions", big), 413);

    assertThat(body.getString("detail")).contains("4194304");
    assertThat(api.get("executions/" + id).getStatus()).isEqualTo(404);
  }

  @Test
  void aMalformedIfMatchIsABadRequest() {
    String id = unique("exec");
    api.createSeed(id);

    JsonObject body = problem(api.ifMatch("executions/" + id, "\"not-a-version\"").delete(), 400);

    assertThat(body.getString("detail")).contains("If-Match");
    assertThat(api.get("executions/" + id).getStatus()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "limit, 0",
    "limit, 501",
    "limit, ten",
    "status, Finished",
    "success, maybe",
    "created_after, yesterday",
    "created_before, 2025-13-01T00:00:00Z",
    "completed_after, 1700000000",
    "completed_before, 2025-01-01",
    "cursor, forged",
    "cursor, djF8bm90LWEtZGF0ZXx4"
  })
  void badListParametersAreBadRequestsNamingTheParameter(String parameter, String value) {
    JsonObject body =
        problem(
            api.breaking("executions", "a query parameter the rules refuse")
                .queryParam(parameter, value)
                .request()
                .get(),
            400);

    assertThat(body.getString("detail")).contains(parameter);
  }

  private long count(String workflowName) {
    return json(api.api("executions").queryParam("workflow_name", workflowName).request().get())
        .getJsonArray("items")
        .size();
  }
}
