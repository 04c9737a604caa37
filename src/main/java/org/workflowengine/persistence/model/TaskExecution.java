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
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.workflowengine.persistence.snapshot.JsonObjectConverter;

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
public class TaskExecution {

  @Id
  @Column(name = "row_id", length = 36)
  @Schema(hidden = true)
  private String rowId;

  /** Insertion order; see {@link AppendOrder}. */
  @Column(name = "seq", nullable = false)
  @Schema(hidden = true)
  private long seq;

  @Column(name = "execution_id", length = 128, nullable = false)
  @Schema(hidden = true)
  private String executionId;

  @Column(name = "task_id", length = 128, nullable = false)
  @NotBlank(message = "task_id is required")
  @Size(max = 128, message = "task_id must be at most 128 characters")
  @Pattern(
      regexp = WorkflowExecution.ID_PATTERN,
      message = "task_id may contain only letters, digits and . _ : -")
  @JsonbProperty("task_id")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @Schema(name = "task_id")
  @JsonbNillable
  private String taskId;

  @Column(name = "name", length = 255)
  @Size(max = 255, message = "name must be at most 255 characters")
  @JsonbProperty("name")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @Schema(name = "name")
  @JsonbNillable
  private String name;

  @Column(name = "status", length = 16, nullable = false)
  @JsonbProperty("status")
  @Schema(
      name = "status",
      type = SchemaType.STRING,
      enumeration = {"Pending", "Running", "Paused", "Complete", "Failed", "Cancelled"})
  @JsonbNillable
  @JsonbTypeAdapter(WorkflowStatusAdapter.class)
  private WorkflowStatus status = WorkflowStatus.PENDING;

  @Column(name = "started_at")
  @JsonbProperty("started_at")
  @Schema(name = "started_at", type = SchemaType.STRING, format = "date-time")
  @JsonbNillable
  private Instant startedAt;

  @Column(name = "completed_at")
  @JsonbProperty("completed_at")
  @Schema(name = "completed_at", type = SchemaType.STRING, format = "date-time")
  @JsonbNillable
  private Instant completedAt;

  @Column(name = "attempt", nullable = false)
  @Min(value = 1, message = "attempt must be at least 1")
  @JsonbProperty("attempt")
  @JsonbTypeDeserializer(StrictIntegerDeserializer.class)
  @Schema(name = "attempt")
  @JsonbNillable
  private int attempt = 1;

  @Column(name = "output_json")
  @Convert(converter = JsonObjectConverter.class)
  @JsonbProperty("output")
  @Schema(name = "output")
  @JsonbNillable
  private JsonObject output;

  @Column(name = "error", length = ExecutionError.MAX_MESSAGE_LENGTH)
  @Size(max = ExecutionError.MAX_MESSAGE_LENGTH, message = "error must be at most 32000 characters")
  @JsonbProperty("error")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @Schema(name = "error")
  @JsonbNillable
  private String error;

  @PrePersist
  void assignKey() {
    rowId = AppendOrder.newId();
    seq = AppendOrder.next();
  }

  public TaskExecution() {}

  public TaskExecution(String taskId, String name, WorkflowStatus status) {
    this.taskId = taskId;
    this.name = name;
    setStatus(status);
  }

  /** A copy of this record's values, not yet stored, belonging to {@code executionId}. */
  public TaskExecution copyFor(String executionId) {
    TaskExecution copy = new TaskExecution(taskId, name, status);
    copy.executionId = executionId;
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
