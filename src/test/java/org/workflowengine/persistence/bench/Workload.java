package org.workflowengine.persistence.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;

/**
 * The benchmark's realistic execution: one of 20 workflow definitions of about 20 KB, 10 task
 * records, 5 audit entries and 20 log lines.
 */
final class Workload {

  static final int DEFINITIONS = 20;

  /** One factory: {@code Json.create…} looks the JSON-P provider up on every call. */
  private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

  private final List<JsonObject> definitions = new ArrayList<>();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  Workload() {
    for (int d = 0; d < DEFINITIONS; d++) {
      JsonArrayBuilder tasks = JSON.createArrayBuilder();
      for (int t = 0; t < 110; t++) {
        tasks.add(
            JSON.createObjectBuilder()
                .add("id", "task-" + t)
                .add("image", "registry.example/etl/step-" + t + ":1." + d)
                .add(
                    "command", "run --input s3://bucket/in/" + t + " --output s3://bucket/out/" + t)
                .add(
                    "retries",
                    JSON.createObjectBuilder().add("max", 3).add("backoff", "PT" + t + "S")));
      }
      definitions.add(
          JSON.createObjectBuilder()
              .add("name", "bench-" + run + "-wf-" + d)
              .add("version", d)
              .add("tasks", tasks)
              .build());
    }
  }

  JsonObject definition(int i) {
    return definitions.get(i % DEFINITIONS);
  }

  String workflowName(int i) {
    return "bench-" + run + "-wf-" + (i % DEFINITIONS);
  }

  /** Execution number {@code i}: Running, with its tasks, audit entries and log lines. */
  WorkflowExecution execution(int i) {
    WorkflowExecution execution = new WorkflowExecution(workflowName(i), definition(i));
    execution.setId("bench-" + run + "-" + i + "-" + UUID.randomUUID());
    execution.setStatus(WorkflowStatus.RUNNING);
    List<TaskExecution> tasks = new ArrayList<>();
    Map<String, List<String>> logs = new LinkedHashMap<>();
    for (int t = 0; t < 10; t++) {
      TaskExecution task = new TaskExecution("task-" + t, "Task " + t, WorkflowStatus.COMPLETE);
      task.setOutput(JSON.createObjectBuilder().add("rows", t * 100).build());
      tasks.add(task);
      logs.put("task-" + t, List.of("started task " + t, "finished task " + t + " with 0 errors"));
    }
    execution.setTasks(tasks);
    execution.setPerTaskLogs(logs);
    List<AuditEntry> audit = new ArrayList<>();
    for (int a = 0; a < 5; a++) {
      audit.add(
          new AuditEntry("engine", "step-" + a, JSON.createObjectBuilder().add("n", a).build()));
    }
    execution.setAuditTrail(audit);
    return execution;
  }
}
