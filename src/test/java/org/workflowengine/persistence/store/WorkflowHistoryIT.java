package org.workflowengine.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workflowengine.persistence.testing.Executions.json;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.error.SnapshotNotFoundException;
import org.workflowengine.persistence.store.query.DefinitionVersion;
import org.workflowengine.persistence.testing.Deployments;

/** Definition history and diffs, through the store API other modules use. */
@ExtendWith(ArquillianExtension.class)
class WorkflowHistoryIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application();
  }

  @Inject ExecutionStore store;

  @Inject WorkflowHistory history;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  private WorkflowExecution run(String workflow, JsonObject definition, String createdAt) {
    WorkflowExecution execution = new WorkflowExecution(workflow, definition);
    execution.setCreatedAt(Instant.parse(createdAt));
    return store.create(execution);
  }

  @Test
  void threeDefinitionsOfOneWorkflowAreNumberedInFirstUseOrderWithTheirCounts() {
    String name = unique("etl");
    JsonObject v1 = json("{\"name\": \"" + name + "\", \"tasks\": [\"a\"]}");
    JsonObject v2 = json("{\"name\": \"" + name + "\", \"tasks\": [\"a\", \"b\"]}");
    JsonObject v3 = json("{\"name\": \"" + name + "\", \"tasks\": [\"b\"]}");
    String h1 = run(name, v1, "2025-01-01T00:00:00Z").getSnapshotHash();
    run(name, v1, "2025-01-02T00:00:00Z");
    String h2 = run(name, v2, "2025-01-03T00:00:00Z").getSnapshotHash();
    run(name, v1, "2025-01-04T00:00:00Z");
    String h3 = run(name, v3, "2025-01-05T00:00:00Z").getSnapshotHash();
    run(name, v2, "2025-01-06T00:00:00Z");

    List<DefinitionVersion> versions = history.definitionsOf(name);

    assertThat(versions).extracting(DefinitionVersion::getNumber).containsExactly(1, 2, 3);
    assertThat(versions).extracting(DefinitionVersion::getHash).containsExactly(h1, h2, h3);
    assertThat(versions).extracting(DefinitionVersion::getRunCount).containsExactly(3L, 2L, 1L);
    assertThat(versions.get(0).getFirstUsedAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(versions.get(0).getLastUsedAt()).isEqualTo(Instant.parse("2025-01-04T00:00:00Z"));
    assertThat(versions.get(1).getLastUsedAt()).isEqualTo(Instant.parse("2025-01-06T00:00:00Z"));
    assertThat(history.workflows())
        .filteredOn(w -> w.getWorkflowName().equals(name))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.getRunCount()).isEqualTo(6);
              assertThat(w.getDefinitions()).isEqualTo(3);
              assertThat(w.getLastRunAt()).isEqualTo(Instant.parse("2025-01-06T00:00:00Z"));
            });
    assertThat(history.definitionsOf(unique("never-ran"))).isEmpty();
  }

  @Test
  void theDiffAddsRemovesAndReplacesInNestedObjectsAndArrays() {
    String name = unique("diffed");
    JsonObject before =
        json(
            "{\"name\": \""
                + name
                + "\", \"retries\": 3, \"obsolete\": true,"
                + " \"tasks\": [{\"id\": \"a\", \"params\": {\"depth\": 1}}, {\"id\": \"b\"}]}");
    JsonObject after =
        json(
            "{\"name\": \""
                + name
                + "\", \"retries\": 5, \"timeout\": \"PT1M\","
                + " \"tasks\": [{\"id\": \"a\", \"params\": {\"depth\": 2}}, {\"id\": \"b\"},"
                + " {\"id\": \"c\"}]}");
    String from = run(name, before, "2025-02-01T00:00:00Z").getSnapshotHash();
    String to = run(name, after, "2025-02-02T00:00:00Z").getSnapshotHash();

    JsonArray patch = history.diff(from, to);

    assertThat(Json.createPatch(patch).apply(before)).isEqualTo(after);
    assertThat(patch.getValuesAs(JsonObject.class))
        .extracting(op -> op.getString("op") + " " + op.getString("path"))
        .contains(
            "remove /obsolete",
            "replace /retries",
            "add /timeout",
            "replace /tasks/0/params/depth",
            "add /tasks/2");
  }

  @Test
  void diffingTwoRunsComparesTheirSnapshots() {
    String name = unique("runs");
    WorkflowExecution worked = run(name, json("{\"v\": 1}"), "2025-03-01T00:00:00Z");
    WorkflowExecution failed = run(name, json("{\"v\": 2}"), "2025-03-02T00:00:00Z");

    JsonArray patch = history.diffExecutions(failed.getId(), worked.getId());

    assertThat(patch.toString()).isEqualTo("[{\"op\":\"replace\",\"path\":\"/v\",\"value\":2}]");
    assertThatThrownBy(() -> history.diffExecutions(failed.getId(), unique("missing")))
        .isInstanceOf(ExecutionNotFoundException.class);
  }

  @Test
  void equalHashesGiveAnEmptyPatchWithoutReadingTheSnapshot() throws Exception {
    String name = unique("same");
    WorkflowExecution execution =
        run(name, json("{\"unique\": \"" + name + "\"}"), "2025-04-01T00:00:00Z");
    String hash = execution.getSnapshotHash();
    corruptStoredSnapshot(hash);
    try {
      assertThat(history.diff(hash, hash)).isEmpty();
      assertThatThrownBy(() -> history.diff(unique("unknown"), hash))
          .isInstanceOf(SnapshotNotFoundException.class);
      assertThatThrownBy(() -> history.diff(unique("unknown"), unique("unknown")))
          .isInstanceOf(SnapshotNotFoundException.class);
    } finally {
      // Gone again, so that no later test (an export, say) meets the unreadable row.
      store.delete(execution.getId(), null);
      removeSnapshot(hash);
    }
  }

  private void removeSnapshot(String hash) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM workflow_snapshot WHERE hash = ?")) {
      delete.setString(1, hash);
      assertThat(delete.executeUpdate()).isEqualTo(1);
    }
  }

  /** Makes the stored text unreadable, so that any read of it would fail. */
  private void corruptStoredSnapshot(String hash) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE workflow_snapshot SET content = ? WHERE hash = ?")) {
      update.setString(1, "{not json");
      update.setString(2, hash);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }
}
