package org.workflowengine.persistence.rest;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import org.workflowengine.persistence.json.JsonFormats;
import org.workflowengine.persistence.store.insight.RunGrid;
import org.workflowengine.persistence.store.insight.WorkflowStats;

/**
 * A workflow's statistics and grid as the OpenAPI document's {@code WorkflowStats} and {@code
 * RunGrid}, written field by field: the Java API's records stay records, and the wire form does not
 * depend on which JSON-B implementation (and which of its record rules) the server has.
 */
final class WorkflowStatsJson {

  private WorkflowStatsJson() {}

  static JsonObject of(WorkflowStats stats) {
    JsonArrayBuilder buckets = JsonFormats.PROVIDER.createArrayBuilder();
    for (WorkflowStats.Bucket bucket : stats.buckets()) {
      JsonObjectBuilder statuses = JsonFormats.PROVIDER.createObjectBuilder();
      bucket.statuses().forEach(statuses::add);
      buckets.add(
          JsonFormats.PROVIDER
              .createObjectBuilder()
              .add("start", bucket.start().toString())
              .add("runs", bucket.runs())
              .add("statuses", statuses)
              .add(
                  "success_rate",
                  bucket.successRate() == null
                      ? JsonValue.NULL
                      : JsonFormats.PROVIDER.createValue(bucket.successRate()))
              .add("duration", durations(bucket.duration()))
              .add("tasks", tasks(bucket.tasks()))
              .add("top_errors", errors(bucket.topErrors())));
    }
    return JsonFormats.PROVIDER
        .createObjectBuilder()
        .add("workflow_name", stats.workflowName())
        .add("from", stats.from().toString())
        .add("to", stats.to().toString())
        .add("bucket", stats.bucket())
        .add("buckets", buckets)
        .add("tasks", tasks(stats.tasks()))
        .add("top_errors", errors(stats.topErrors()))
        .build();
  }

  static JsonObject of(RunGrid grid) {
    JsonArrayBuilder runs = JsonFormats.PROVIDER.createArrayBuilder();
    for (RunGrid.Run run : grid.runs()) {
      JsonArrayBuilder tasks = JsonFormats.PROVIDER.createArrayBuilder();
      for (RunGrid.Task task : run.tasks()) {
        tasks.add(
            JsonFormats.PROVIDER
                .createObjectBuilder()
                .add("task_id", task.taskId())
                .add("status", task.status().wireName())
                .add("started_at", instant(task.startedAt()))
                .add("completed_at", instant(task.completedAt()))
                .add("attempt", task.attempt()));
      }
      runs.add(
          JsonFormats.PROVIDER
              .createObjectBuilder()
              .add("id", run.id())
              .add("status", run.status().wireName())
              .add("created_at", instant(run.createdAt()))
              .add("completed_at", instant(run.completedAt()))
              .add("snapshot_hash", run.snapshotHash())
              .add("archived", run.archived())
              .add("tasks", tasks));
    }
    JsonArrayBuilder taskIds = JsonFormats.PROVIDER.createArrayBuilder();
    grid.taskIds().forEach(taskIds::add);
    return JsonFormats.PROVIDER
        .createObjectBuilder()
        .add("workflow_name", grid.workflowName())
        .add("task_ids", taskIds)
        .add("runs", runs)
        .build();
  }

  private static JsonValue instant(java.time.Instant instant) {
    return instant == null ? JsonValue.NULL : JsonFormats.PROVIDER.createValue(instant.toString());
  }

  private static JsonObjectBuilder durations(WorkflowStats.Durations durations) {
    return JsonFormats.PROVIDER
        .createObjectBuilder()
        .add("count", durations.count())
        .add("p50_ms", number(durations.p50Ms()))
        .add("p95_ms", number(durations.p95Ms()));
  }

  private static JsonValue number(Long value) {
    return value == null ? JsonValue.NULL : JsonFormats.PROVIDER.createValue(value);
  }

  private static JsonArrayBuilder tasks(List<WorkflowStats.TaskDurations> tasks) {
    JsonArrayBuilder array = JsonFormats.PROVIDER.createArrayBuilder();
    tasks.forEach(
        task ->
            array.add(
                JsonFormats.PROVIDER
                    .createObjectBuilder()
                    .add("task_id", task.taskId())
                    .add("duration", durations(task.duration()))));
    return array;
  }

  private static JsonArrayBuilder errors(List<WorkflowStats.ErrorCount> errors) {
    JsonArrayBuilder array = JsonFormats.PROVIDER.createArrayBuilder();
    errors.forEach(
        error ->
            array.add(
                JsonFormats.PROVIDER
                    .createObjectBuilder()
                    .add("message", error.message())
                    .add("count", error.count())
                    .add("executions", error.executions())
                    .add("last_execution_id", error.lastExecutionId())));
    return array;
  }
}
