package org.workflowengine.persistence.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The model's defaults and its JSON wire format (the seed's model tests). */
class WorkflowExecutionTest {

  private static Jsonb jsonb;

  @BeforeAll
  static void createJsonb() {
    jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
  }

  @AfterAll
  static void closeJsonb() throws Exception {
    jsonb.close();
  }

  static String seedFixture() throws IOException {
    try (InputStream in =
        WorkflowExecutionTest.class.getResourceAsStream("/fixtures/test-execution.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }

  @Test
  void newExecutionHasTheSeedsDefaults() {
    WorkflowExecution execution = new WorkflowExecution();

    assertThat(UUID.fromString(execution.getId()).toString()).isEqualTo(execution.getId());
    assertThat(execution.getWorkflowName()).isEmpty();
    assertThat(execution.getWorkflowSnapshot()).isEqualTo(JsonObject.EMPTY_JSON_OBJECT);
    assertThat(execution.getStatus()).isEqualTo(WorkflowStatus.PENDING);
    assertThat(execution.getCompletedAt()).isNull();
    assertThat(execution.getSuccess()).isNull();
    assertThat(execution.getTasks()).isEmpty();
    assertThat(execution.getAuditTrail()).isEmpty();
    assertThat(execution.getPerTaskLogs()).isEmpty();
    assertThat(execution.getErrors()).isEmpty();
    assertThat(execution.getVersion()).isNull();
    assertThat(execution.getSnapshotHash()).isNull();
  }

  @Test
  void newExecutionIsCreatedAndStampedNow() {
    Instant before = Instant.now().minusMillis(1);
    WorkflowExecution execution = new WorkflowExecution();

    assertThat(execution.getCreatedAt()).isBetween(before, Instant.now());
    assertThat(execution.getTimestamp()).isEqualTo(execution.getCreatedAt());
  }

  @Test
  void everyNewExecutionGetsItsOwnId() {
    assertThat(new WorkflowExecution().getId()).isNotEqualTo(new WorkflowExecution().getId());
  }

  @Test
  void aNullSnapshotBecomesTheEmptyObject() {
    WorkflowExecution execution = new WorkflowExecution("wf", null);

    assertThat(execution.getWorkflowSnapshot()).isEqualTo(JsonObject.EMPTY_JSON_OBJECT);
  }

  @Test
  void workflowExecutionSerializationWithSnapshot() {
    WorkflowExecution execution = new WorkflowExecution();
    execution.setId("exec-1");
    execution.setWorkflowName("Test Workflow");
    execution.setWorkflowSnapshot(
        Json.createObjectBuilder()
            .add("id", "test")
            .add("name", "Test")
            .add("tasks", Json.createArrayBuilder())
            .build());
    execution.setStatus(WorkflowStatus.COMPLETE);
    execution.setCompletedAt(Instant.now());
    execution.setSuccess(true);

    String json = jsonb.toJson(execution);
    WorkflowExecution deserialized = jsonb.fromJson(json, WorkflowExecution.class);

    assertThat(deserialized.getWorkflowSnapshot()).isEqualTo(execution.getWorkflowSnapshot());
    assertThat(deserialized.getId()).isEqualTo("exec-1");
    assertThat(deserialized.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(deserialized.getCompletedAt()).isEqualTo(execution.getCompletedAt());
    assertThat(deserialized.getCreatedAt()).isEqualTo(execution.getCreatedAt());
  }

  @Test
  void serializedFormUsesTheSeedsSnakeCaseNamesAndStatusSpelling() {
    WorkflowExecution execution = new WorkflowExecution("Test Workflow", null);
    execution.setStatus(WorkflowStatus.COMPLETE);
    execution.getPerTaskLogs().put("t1", List.of("started"));

    JsonObject json = parse(jsonb.toJson(execution));

    assertThat(json.keySet())
        .containsExactly(
            "id",
            "workflow_name",
            "workflow_snapshot",
            "status",
            "created_at",
            "completed_at",
            "success",
            "labels",
            "tasks",
            "timestamp",
            "audit_trail",
            "per_task_logs",
            "errors",
            "status_history",
            "version",
            "snapshot_hash");
    assertThat(json.getString("status")).isEqualTo("Complete");
    assertThat(json.getJsonObject("per_task_logs").getJsonArray("t1").getString(0))
        .isEqualTo("started");
  }

  @Test
  void timestampsAreWrittenAsRfc3339Utc() {
    WorkflowExecution execution = new WorkflowExecution();
    execution.setCreatedAt(Instant.parse("2025-01-15T10:30:00Z"));

    JsonObject json = parse(jsonb.toJson(execution));

    assertThat(json.getString("created_at")).isEqualTo("2025-01-15T10:30:00Z");
  }

  @Test
  void theSeedFixtureDeserializes() throws IOException {
    WorkflowExecution execution = jsonb.fromJson(seedFixture(), WorkflowExecution.class);

    assertThat(execution.getId()).isEqualTo("exec-1");
    assertThat(execution.getWorkflowName()).isEqualTo("Test Workflow");
    assertThat(execution.getWorkflowSnapshot())
        .isEqualTo(parse("{\"id\":\"test\",\"name\":\"Test Workflow\",\"tasks\":[]}"));
    assertThat(execution.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(execution.getCreatedAt()).isEqualTo(Instant.parse("2025-01-15T10:30:00Z"));
    assertThat(execution.getCompletedAt()).isEqualTo(Instant.parse("2025-01-15T10:31:30Z"));
    assertThat(execution.getSuccess()).isTrue();
    assertThat(execution.getTasks()).isEmpty();
    assertThat(execution.getPerTaskLogs()).isEmpty();
  }

  @Test
  void childRecordsDeserializeFromSnakeCase() {
    String json =
        """
        {"workflow_name": "wf",
         "tasks": [{"task_id": "t1", "name": "fetch", "status": "running", "attempt": 2,
                    "started_at": "2025-01-15T10:30:00Z", "output": {"rows": 3}}],
         "audit_trail": [{"actor": "alice", "action": "start", "details": {"why": "cron"}}],
         "per_task_logs": {"t1": ["a", "b"]},
         "errors": [{"message": "boom", "task_id": "t1"}]}
        """;

    WorkflowExecution execution = jsonb.fromJson(json, WorkflowExecution.class);

    TaskExecution task = execution.getTasks().get(0);
    assertThat(task.getTaskId()).isEqualTo("t1");
    assertThat(task.getStatus()).isEqualTo(WorkflowStatus.RUNNING);
    assertThat(task.getAttempt()).isEqualTo(2);
    assertThat(task.getStartedAt()).isEqualTo(Instant.parse("2025-01-15T10:30:00Z"));
    assertThat(task.getOutput().getInt("rows")).isEqualTo(3);
    assertThat(execution.getAuditTrail().get(0).getActor()).isEqualTo("alice");
    assertThat(execution.getAuditTrail().get(0).getTimestamp()).isNotNull();
    assertThat(execution.getPerTaskLogs()).isEqualTo(Map.of("t1", List.of("a", "b")));
    assertThat(execution.getErrors().get(0).getMessage()).isEqualTo("boom");
    assertThat(execution.getErrors().get(0).getTaskId()).isEqualTo("t1");
  }

  @ParameterizedTest
  @CsvSource({
    "Pending, PENDING",
    "running, RUNNING",
    "PAUSED, PAUSED",
    "Complete, COMPLETE",
    "failed, FAILED",
    "CANCELLED, CANCELLED",
    "cOmPlEtE, COMPLETE"
  })
  void everyStatusSpellingIsAcceptedInAnyCase(String wire, WorkflowStatus expected) {
    WorkflowExecution execution =
        jsonb.fromJson("{\"status\": \"" + wire + "\"}", WorkflowExecution.class);

    assertThat(execution.getStatus()).isEqualTo(expected);
  }

  @Test
  void everyStatusIsWrittenInTheSeedsSpelling() {
    for (WorkflowStatus status : WorkflowStatus.values()) {
      WorkflowExecution execution = new WorkflowExecution();
      execution.setStatus(status);
      String written = parse(jsonb.toJson(execution)).getString("status");
      assertThat(written).isEqualTo(status.wireName());
      assertThat(WorkflowStatus.fromWire(written)).isEqualTo(status);
    }
    assertThat(WorkflowStatus.COMPLETE.wireName()).isEqualTo("Complete");
  }

  @Test
  void anUnknownStatusIsRefusedNamingTheAcceptedValues() {
    assertThatThrownBy(() -> jsonb.fromJson("{\"status\": \"Finished\"}", WorkflowExecution.class))
        .isInstanceOf(JsonbException.class)
        .satisfies(
            e ->
                assertThat(rootMessage(e))
                    .contains("Finished")
                    .contains("Pending, Running, Paused, Complete, Failed, Cancelled"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"workflow_name\": \"wf\"",
        "{\"workflow_name\": wf}",
        "not json",
        "{\"workflow_snapshot\": [1, 2]}",
        "{\"workflow_snapshot\": \"text\"}",
        "{\"success\": \"maybe\"}",
        "{\"created_at\": \"yesterday\"}",
        "{\"tasks\": {\"task_id\": \"t1\"}}",
        "{\"workflow_name\": 42}",
        "{\"id\": true}",
        "{\"tasks\": [{\"task_id\": \"t1\", \"attempt\": \"2\"}]}",
        "{\"tasks\": [{\"task_id\": \"t1\", \"attempt\": 1.5}]}",
        "{\"audit_trail\": [{\"action\": [\"start\"]}]}"
      })
  void badJsonIsRefused(String json) {
    assertThatThrownBy(() -> jsonb.fromJson(json, WorkflowExecution.class))
        .isInstanceOf(JsonbException.class);
  }

  @Test
  void versionAndSnapshotHashAreReadOnlyOnTheWire() {
    WorkflowExecution execution =
        jsonb.fromJson(
            "{\"version\": 7, \"snapshot_hash\": \"abc\", \"workflow_name\": \"wf\"}",
            WorkflowExecution.class);

    assertThat(execution.getVersion()).isNull();
    assertThat(execution.getSnapshotHash()).isNull();
    assertThat(execution.getWorkflowName()).isEqualTo("wf");
  }

  @Test
  void timestampsAreKeptToTheMicrosecond() {
    WorkflowExecution execution = new WorkflowExecution();
    execution.setCreatedAt(Instant.parse("2025-01-15T10:30:00.123456789Z"));

    assertThat(execution.getCreatedAt()).isEqualTo(Instant.parse("2025-01-15T10:30:00.123456Z"));
  }

  private static String rootMessage(Throwable e) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append(" | ");
    }
    return messages.toString();
  }
}
