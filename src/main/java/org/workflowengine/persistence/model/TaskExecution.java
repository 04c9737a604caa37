package org.workflowengine.persistence.model;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.workflowengine.persistence.json.JsonObjectConverter;
import org.workflowengine.persistence.json.Timestamps;

/**
 * The record of one task within an execution: its status, timing, attempt, output and error.
 *
 * <p>A row of its own keyed by (execution, {@code task_id}), so that one task can be created or
 * replaced without rewriting the others. Rows are read back in the order they were first written.
 */
@Entity
@Table(name = "task_execution")
@NamedQuery(
    name = "TaskExecution.findByExecution",
    query =
        "SELECT t FROM TaskExecution t WHERE t.executionId = :executionId ORDER BY t.seq, t.rowId")
@NamedQuery(
    name = "TaskExecution.findByExecutionAndTaskId",
    query =
        "SELECT t FROM TaskExecution t WHERE t.executionId = :executionId AND t.taskId = :taskId")
@NamedQuery(
    name = "TaskExecution.deleteByExecution",
    query = "DELETE FROM TaskExecution t WHERE t.executionId = :executionId")
@JsonbPropertyOrder({
  "taskId",
  "name",
  "status",
  "startedAt",
  "completedAt",
  "attempt",
  "output",
  "error"
})
public class TaskExecution extends ChildRow {

  @Column(name = "task_id", length = 128, nullable = false)
  @NotNull(message = "task_id is required")
  @TaskId
  @JsonbProperty("task_id")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @JsonbNillable
  private String taskId;

  @Column(name = "name", length = 255)
  @Size(max = 255, message = "name must be at most 255 characters")
  @StorableText(message = "name must be valid Unicode text without U+0000")
  @JsonbProperty("name")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @JsonbNillable
  private String name;

  @Column(name = "status", length = 16, nullable = false)
  @JsonbProperty("status")
  @JsonbNillable
  @JsonbTypeAdapter(WorkflowStatusAdapter.class)
  private WorkflowStatus status = WorkflowStatus.PENDING;

  @Column(name = "started_at")
  @StorableInstant(
      message = "started_at must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z")
  @JsonbProperty("started_at")
  @JsonbNillable
  private Instant startedAt;

  @Column(name = "completed_at")
  @StorableInstant(
      message =
          "completed_at must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z")
  @JsonbProperty("completed_at")
  @JsonbNillable
  private Instant completedAt;

  @Column(name = "attempt", nullable = false)
  @Min(value = 1, message = "attempt must be at least 1")
  @JsonbProperty("attempt")
  @JsonbTypeDeserializer(StrictIntegerDeserializer.class)
  @JsonbNillable
  private int attempt = 1;

  @Column(name = "output_json")
  @Convert(converter = JsonObjectConverter.class)
  @StorableJson(
      message =
          "output must nest at most 500 levels and hold only valid Unicode text and representable numbers")
  @JsonbProperty("output")
  @JsonbNillable
  private JsonObject output;

  @Column(name = "error", length = ExecutionError.MAX_MESSAGE_LENGTH)
  @Size(max = ExecutionError.MAX_MESSAGE_LENGTH, message = "error must be at most {max} characters")
  @StorableText(message = "error must be valid Unicode text without U+0000")
  @JsonbProperty("error")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @JsonbNillable
  private String error;

  public TaskExecution() {}

  public TaskExecution(String taskId, String name, WorkflowStatus status) {
    this.taskId = taskId;
    this.name = name;
    setStatus(status);
  }

  /** A copy of this record's values, not yet stored, belonging to {@code executionId}. */
  public TaskExecution copyFor(String executionId) {
    TaskExecution copy = new TaskExecution(taskId, name, status);
    copy.belongTo(executionId);
    copy.startedAt = startedAt;
    copy.completedAt = completedAt;
    copy.attempt = attempt;
    copy.output = output;
    copy.error = error;
    return copy;
  }

  /** Takes the values of {@code other} (not its identity). */
  public void replaceValuesWith(TaskExecution other) {
    this.name = other.name;
    this.status = other.status;
    this.startedAt = other.startedAt;
    this.completedAt = other.completedAt;
    this.attempt = other.attempt;
    this.output = other.output;
    this.error = other.error;
  }

  public String getTaskId() {
    return taskId;
  }

  public void setTaskId(String taskId) {
    this.taskId = taskId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public WorkflowStatus getStatus() {
    return status;
  }

  /** Null means {@code Pending}. */
  public void setStatus(WorkflowStatus status) {
    this.status = status == null ? WorkflowStatus.PENDING : status;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(Instant startedAt) {
    this.startedAt = Timestamps.normalize(startedAt);
  }

  public Instant getCompletedAt() {
    return completedAt;
  }

  public void setCompletedAt(Instant completedAt) {
    this.completedAt = Timestamps.normalize(completedAt);
  }

  public int getAttempt() {
    return attempt;
  }

  public void setAttempt(int attempt) {
    this.attempt = attempt;
  }

  public JsonObject getOutput() {
    return output;
  }

  public void setOutput(JsonObject output) {
    this.output = output;
  }

  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = error;
  }
}
