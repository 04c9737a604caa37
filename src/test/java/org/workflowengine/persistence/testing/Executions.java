package org.workflowengine.persistence.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.UUID;
import org.workflowengine.persistence.model.WorkflowExecution;

/** Test data: executions with unique ids and names, so that tests never see each other's rows. */
public final class Executions {

  private Executions() {}

  /** A unique string starting with {@code prefix}, usable as an id or a workflow name. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  /** The seed's test snapshot. */
  public static JsonObject seedSnapshot() {
    return json("{\"id\": \"test\", \"name\": \"Test Workflow\", \"tasks\": []}");
  }

  /** A snapshot no other test uses. */
  public static JsonObject uniqueSnapshot() {
    return Json.createObjectBuilder()
        .add("id", unique("wf"))
        .add("tasks", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "a")))
        .build();
  }

  /** A new Pending execution of a uniquely named workflow, with a unique snapshot. */
  public static WorkflowExecution newExecution() {
    return new WorkflowExecution(unique("workflow"), uniqueSnapshot());
  }

  /** A new Pending execution of {@code workflowName}, with a unique snapshot. */
  public static WorkflowExecution newExecution(String workflowName) {
    return new WorkflowExecution(workflowName, uniqueSnapshot());
  }

  public static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  /**
   * The body of a create with three tasks (a, b, c) and a snapshot unique to {@code id}: {@code
   * {"run": id, "steps": 3}}; what the checks that must find an execution whole or absent send.
   */
  public static JsonObject withThreeTasks(String id, String workflowName) {
    return Json.createObjectBuilder()
        .add("id", id)
        .add("workflow_name", workflowName)
        .add("workflow_snapshot", Json.createObjectBuilder().add("run", id).add("steps", 3))
        .add(
            "tasks",
            Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("task_id", "a"))
                .add(Json.createObjectBuilder().add("task_id", "b"))
                .add(Json.createObjectBuilder().add("task_id", "c")))
        .build();
  }
}
