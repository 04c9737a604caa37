package org.workflowengine.persistence.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.pendingExecution;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.ApiClient;
import org.workflowengine.persistence.testing.OverHttp;
import org.workflowengine.persistence.testing.Scrape;
import org.workflowengine.persistence.testing.TestUser;

/**
 * {@code /api/metrics} over HTTP: each operation moves its metrics by exactly what it did, the
 * refusals by their outcome, and only the metrics role reads them, in either format.
 */
class MetricsIT extends OverHttp {

  private static final String OPERATIONS = "executions_store_operations_seconds_count";

  private Scrape scrape() {
    try (ApiClient monitor = new ApiClient(base, TestUser.MONITOR);
        Response response = monitor.get("metrics")) {
      assertThat(response.getStatus()).isEqualTo(200);
      MediaType type = response.getMediaType();
      assertThat(type.isCompatible(MediaType.TEXT_PLAIN_TYPE)).as(type.toString()).isTrue();
      assertThat(type.getParameters()).containsEntry("version", "0.0.4");
      return Scrape.of(response.readEntity(String.class));
    }
  }

  private static double delta(Scrape before, Scrape after, String name, String... labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }

  private void status(String id, String status) {
    try (Response response =
        api.post(
            "executions/" + id + "/status",
            Json.createObjectBuilder().add("status", status).build())) {
      assertThat(response.getStatus()).as(response.readEntity(String.class)).isEqualTo(200);
    }
  }

  private void posted(String path, JsonObject body) {
    try (Response response = api.post(path, body)) {
      assertThat(response.getStatus()).as(path).isBetween(200, 299);
    }
  }

  @Test
  void runsAppendsAndTransitionsMoveTheirCountersByExactlyWhatWasDone() {
    String workflow = unique("metrics");
    Scrape before = scrape();

    for (int i = 0; i < 100; i++) {
      posted("executions", pendingExecution(workflow + "-" + i, workflow));
    }
    for (int i = 0; i < 30; i++) {
      posted(
          "executions/" + workflow + "-" + i + "/audit",
          Json.createObjectBuilder().add("actor", "metrics").add("action", "a" + i).build());
    }
    for (int i = 0; i < 20; i++) {
      posted(
          "executions/" + workflow + "-" + i + "/logs/t1",
          Json.createObjectBuilder()
              .add("lines", Json.createArrayBuilder().add("x").add("y").add("z"))
              .build());
    }
    for (int i = 0; i < 10; i++) {
      posted(
          "executions/" + workflow + "-" + i + "/errors",
          Json.createObjectBuilder().add("message", "boom " + i).build());
    }
    for (int i = 0; i < 50; i++) {
      status(workflow + "-" + i, "Running");
    }
    for (int i = 0; i < 40; i++) {
      status(workflow + "-" + i, "Complete");
    }
    for (int i = 40; i < 50; i++) {
      status(workflow + "-" + i, "Failed");
    }
    status(workflow + "-0", "Complete"); // already there: changes nothing, finishes nothing

    Scrape after = scrape();
    assertThat(delta(before, after, "executions_runs_recorded_total")).isEqualTo(100);
    assertThat(delta(before, after, OPERATIONS, "operation", "record", "outcome", "ok"))
        .isEqualTo(100);
    assertThat(delta(before, after, "executions_appends_total", "kind", "audit")).isEqualTo(30);
    assertThat(delta(before, after, "executions_appends_total", "kind", "log")).isEqualTo(20);
    assertThat(delta(before, after, "executions_log_lines_total")).isEqualTo(60);
    assertThat(delta(before, after, "executions_appends_total", "kind", "error")).isEqualTo(10);
    assertThat(delta(before, after, OPERATIONS, "operation", "append", "outcome", "ok"))
        .isEqualTo(60);
    assertThat(delta(before, after, OPERATIONS, "operation", "transition", "outcome", "ok"))
        .isEqualTo(101);
    assertThat(delta(before, after, "executions_runs_finished_total", "status", "Complete"))
        .isEqualTo(40);
    assertThat(delta(before, after, "executions_runs_finished_total", "status", "Failed"))
        .isEqualTo(10);
    assertThat(
            delta(
                before,
                after,
                "executions_http_requests_seconds_count",
                "method",
                "POST",
                "route",
                "/api/executions",
                "status_class",
                "2xx"))
        .isEqualTo(100);
    assertThat(
            delta(
                before,
                after,
                "executions_http_requests_seconds_count",
                "route",
                "/api/executions/{id}/status"))
        .isEqualTo(101);
    assertThat(after.sum("executions_database_reachable")).isEqualTo(1);
  }

  @Test
  void refusalsAreCountedByTheirOutcomeAndStoreNothing() {
    String workflow = unique("metrics-refused");
    String id = workflow + "-1";
    posted("executions", pendingExecution(id, workflow));
    Scrape before = scrape();

    JsonObject invalid =
        Json.createObjectBuilder(pendingExecution(workflow + "-2", workflow))
            .add("workflow_name", "")
            .build();
    try (Response response =
        api.breaking("executions", "a body the store's rules refuse")
            .request()
            .post(Entity.json(invalid.toString()))) {
      assertThat(response.getStatus()).isEqualTo(400);
    }
    try (Response response = api.post("executions", pendingExecution(id, workflow))) {
      assertThat(response.getStatus()).isEqualTo(409);
    }
    try (Response response = api.get("executions/" + workflow + "-absent")) {
      assertThat(response.getStatus()).isEqualTo(404);
    }
    try (Response response = api.get("executions/" + id + "/verify")) {
      assertThat(response.getStatus()).isEqualTo(200);
    }

    Scrape after = scrape();
    assertThat(delta(before, after, OPERATIONS, "operation", "record", "outcome", "invalid"))
        .isEqualTo(1);
    assertThat(delta(before, after, OPERATIONS, "operation", "record", "outcome", "conflict"))
        .isEqualTo(1);
    assertThat(delta(before, after, OPERATIONS, "operation", "record", "outcome", "ok")).isZero();
    assertThat(delta(before, after, "executions_runs_recorded_total")).isZero();
    assertThat(delta(before, after, OPERATIONS, "operation", "read", "outcome", "not_found"))
        .isEqualTo(1);
    assertThat(delta(before, after, "executions_chain_verifications_total", "result", "intact"))
        .isEqualTo(1);
    assertThat(after.sum("executions_chain_verifications_total", "result", "broken"))
        .isEqualTo(before.sum("executions_chain_verifications_total", "result", "broken"));
    assertThat(
            delta(
                before,
                after,
                "executions_http_requests_seconds_count",
                "route",
                "/api/executions",
                "status_class",
                "4xx"))
        .isEqualTo(2);
  }

  @Test
  void onlyTheMetricsRoleReadsThemAndOpenMetricsIsAnsweredWhenAsked() {
    try (Response response = api.get("metrics")) {
      assertThat(response.getStatus())
          .as("the data API's roles do not read metrics")
          .isEqualTo(403);
    }
    try (ApiClient anonymous = ApiClient.anonymous(base);
        Response response = anonymous.get("metrics")) {
      assertThat(response.getStatus()).isEqualTo(401);
    }
    try (ApiClient monitor = new ApiClient(base, TestUser.MONITOR)) {
      try (Response response =
          monitor
              .api("metrics")
              .request()
              .header(
                  HttpHeaders.ACCEPT,
                  "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5")
              .get()) {
        assertThat(response.getStatus()).isEqualTo(200);
        MediaType type = response.getMediaType();
        assertThat(type.getType() + "/" + type.getSubtype())
            .isEqualTo("application/openmetrics-text");
        assertThat(type.getParameters()).containsEntry("version", "1.0.0");
        String body = response.readEntity(String.class);
        assertThat(body).endsWith("# EOF\n").contains("executions_runs_recorded_total");
      }
      try (Response response = monitor.api("executions").queryParam("limit", 1).request().get()) {
        assertThat(response.getStatus()).as("the metrics role reads no data").isEqualTo(403);
      }
    }
    Scrape scrape = scrape();
    assertThat(scrape.sum("executions_database_calls_max")).isEqualTo(16);
    assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
    // the binders that need the JDK's management extensions, which WildFly grants only on request
    assertThat(scrape.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
    assertThat(scrape.has("process_cpu_usage")).isTrue();
    assertThat(scrape.named("executions_runs_recorded_total"))
        .allSatisfy(
            sample ->
                assertThat(sample.labels()).containsEntry("application", "workflow-executions"));
  }
}
