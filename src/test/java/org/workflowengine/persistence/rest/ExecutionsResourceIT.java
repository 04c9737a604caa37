package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.Executions.json;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.testing.Deployments;

/** The REST surface over real HTTP, as a client sees it. */
@ExtendWith(ArquillianExtension.class)
class ExecutionsResourceIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;

  private Client client;
  private WebTarget executions;

  @BeforeEach
  void openClient() {
    client = ClientBuilder.newClient();
    executions = client.target(base.toExternalForm()).path("api/executions");
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  private static String seedFixture() throws IOException {
    try (InputStream in =
        ExecutionsResourceIT.class.getResourceAsStream("/fixtures/seed-execution.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The seed fixture under a fresh id, so reruns against one database never collide. */
  private static JsonObject seedExecution(String id) throws IOException {
    return Json.createObjectBuilder(json(seedFixture())).add("id", id).build();
  }

  private Response post(JsonObject body) {
    return executions.request().post(Entity.json(body.toString()));
  }

  private static JsonObject body(Response response) {
    return json(response.readEntity(String.class));
  }

  @Test
  void postingTheSeedFixtureStoresItAndGetReturnsTheSameSnapshot() throws IOException {
    String id = unique("exec");
    JsonObject seed = seedExecution(id);

    Response created = post(seed);
    JsonObject createdBody = body(created);
    Response read = executions.path(id).request().get();
    JsonObject readBody = body(read);

    assertThat(created.getStatus()).isEqualTo(201);
    assertThat(created.getLocation().getPath()).endsWith("/api/executions/" + id);
    assertThat(created.getEntityTag().getValue()).isEqualTo(createdBody.get("version").toString());
    assertThat(read.getStatus()).isEqualTo(200);
    assertThat(readBody.getJsonObject("workflow_snapshot"))
        .isEqualTo(seed.getJsonObject("workflow_snapshot"));
    assertThat(readBody.getString("status")).isEqualTo("Complete");
    assertThat(readBody.getString("created_at")).isEqualTo("2025-01-15T10:30:00Z");
    assertThat(readBody.getString("completed_at")).isEqualTo("2025-01-15T10:31:30Z");
    assertThat(readBody.getBoolean("success")).isTrue();
    assertThat(readBody.getString("snapshot_hash")).hasSize(64);
    assertThat(read.getEntityTag()).isEqualTo(created.getEntityTag());
  }

  @Test
  void postingAnExistingIdIsAConflictProblem() throws IOException {
    String id = unique("exec");
    post(seedExecution(id)).close();

    Response again = post(seedExecution(id));

    assertThat(again.getStatus()).isEqualTo(409);
    assertThat(again.getMediaType().toString()).startsWith(ProblemDetails.MEDIA_TYPE);
    JsonObject problem = body(again);
    assertThat(problem.getInt("status")).isEqualTo(409);
    assertThat(problem.getString("detail")).contains(id).contains("already exists");
    assertThat(problem.getString("instance")).endsWith("/api/executions");
  }

  @Test
  void putCreatesThenReplacesHonouringIfMatch() throws IOException {
    String id = unique("exec");
    JsonObject running =
        Json.createObjectBuilder(seedExecution(id)).add("status", "Running").build();

    Response created = executions.path(id).request().put(Entity.json(running.toString()));
    String etag = created.getHeaderString(HttpHeaders.ETAG);
    JsonObject renamed = Json.createObjectBuilder(running).add("workflow_name", "Renamed").build();
    Response replaced =
        executions
            .path(id)
            .request()
            .header(HttpHeaders.IF_MATCH, etag)
            .put(Entity.json(renamed.toString()));
    Response stale =
        executions
            .path(id)
            .request()
            .header(HttpHeaders.IF_MATCH, etag)
            .put(Entity.json(running.toString()));

    assertThat(created.getStatus()).isEqualTo(201);
    assertThat(replaced.getStatus()).isEqualTo(200);
    assertThat(body(replaced).getString("workflow_name")).isEqualTo("Renamed");
    assertThat(stale.getStatus()).isEqualTo(412);
    assertThat(stale.getMediaType().toString()).startsWith(ProblemDetails.MEDIA_TYPE);
    assertThat(body(executions.path(id).request().get()).getString("workflow_name"))
        .isEqualTo("Renamed");
  }

  @Test
  void deleteRemovesAndThenReportsNotFound() throws IOException {
    String id = unique("exec");
    post(seedExecution(id)).close();

    Response deleted = executions.path(id).request().delete();
    Response again = executions.path(id).request().delete();
    Response read = executions.path(id).request().get();

    assertThat(deleted.getStatus()).isEqualTo(204);
    assertThat(again.getStatus()).isEqualTo(404);
    assertThat(read.getStatus()).isEqualTo(404);
    assertThat(read.getMediaType().toString()).startsWith(ProblemDetails.MEDIA_TYPE);
    assertThat(body(read).getString("detail")).contains(id);
  }

  @Test
  void listFiltersByNameAndStatusWithALimit() throws IOException {
    String name = unique("listed");
    for (String status : new String[] {"Pending", "Running", "Running"}) {
      JsonObject execution =
          Json.createObjectBuilder(seedExecution(unique("exec")))
              .add("workflow_name", name)
              .add("status", status)
              .addNull("completed_at")
              .addNull("success")
              .build();
      assertThat(post(execution).getStatus()).isEqualTo(201);
    }

    JsonObject running =
        body(
            executions
                .queryParam("workflow_name", name)
                .queryParam("status", "running")
                .queryParam("limit", 1)
                .request()
                .get());
    JsonArray items = running.getJsonArray("items");

    assertThat(items).as(running.toString()).hasSize(1);
    assertThat(items.getJsonObject(0).getString("status")).isEqualTo("Running");
    assertThat(items.getJsonObject(0).containsKey("workflow_snapshot")).isFalse();
    assertThat(running.getString("next_cursor")).isNotBlank();
    JsonObject second =
        body(
            executions
                .queryParam("workflow_name", name)
                .queryParam("status", "running")
                .queryParam("limit", 1)
                .queryParam("cursor", running.getString("next_cursor"))
                .request()
                .get());
    assertThat(second.getJsonArray("items")).hasSize(1);
    assertThat(second.isNull("next_cursor")).isTrue();
  }

  @Test
  void malformedJsonIsABadRequestProblemAndStoresNothing() {
    String id = unique("exec");

    Response response =
        executions
            .request()
            .post(
                Entity.entity(
                    "{\"id\": \"" + id + "\", \"workflow_name\": ", MediaType.APPLICATION_JSON));

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getMediaType().toString()).startsWith(ProblemDetails.MEDIA_TYPE);
    assertThat(body(response).getString("detail")).isNotBlank();
    assertThat(executions.path(id).request().get().getStatus()).isEqualTo(404);
  }

  @Test
  void invalidValuesAreABadRequestNamingEachViolation() {
    Response response =
        post(json("{\"id\": \"bad id\", \"workflow_name\": \"\", \"status\": \"Pending\"}"));

    assertThat(response.getStatus()).isEqualTo(400);
    JsonObject problem = body(response);
    assertThat(problem.getJsonArray("errors").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .anySatisfy(v -> assertThat(v).contains("workflow_name is required"))
        .anySatisfy(v -> assertThat(v).contains("id may contain only"));
  }

  @Test
  void badListParametersAreABadRequestNamingTheParameter() {
    Response badLimit = executions.queryParam("limit", 0).request().get();
    Response badStatus = executions.queryParam("status", "Finished").request().get();
    Response badCursor = executions.queryParam("cursor", "forged!").request().get();

    assertThat(badLimit.getStatus()).isEqualTo(400);
    assertThat(body(badLimit).getString("detail")).contains("limit");
    assertThat(badStatus.getStatus()).isEqualTo(400);
    assertThat(body(badStatus).getString("detail")).contains("status").contains("Finished");
    assertThat(badCursor.getStatus()).isEqualTo(400);
    assertThat(body(badCursor).getString("detail")).contains("cursor");
  }

  @Test
  void unknownRoutesAreANotFoundProblem() {
    Response response =
        client.target(base.toExternalForm()).path("api/nothing-here").request().get();

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getMediaType().toString()).startsWith(ProblemDetails.MEDIA_TYPE);
  }
}
