package org.workflowengine.persistence.model;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An error recorded against an execution, optionally naming the task it came from. Append-only. */
@Entity
@Table(name = "execution_error")
@NamedQuery(
    name = "ExecutionError.findByExecution",
    query =
        "SELECT e FROM ExecutionError e WHERE e.executionId = :executionId ORDER BY e.seq, e.rowId")
@NamedQuery(
    name = "ExecutionError.countByExecution",
    query = "SELECT COUNT(e) FROM ExecutionError e WHERE e.executionId = :executionId")
@JsonbPropertyOrder({"message", "taskId", "occurredAt"})
public class ExecutionError {

  /** Longest message kept; long enough for a stack trace, short enough for a VARCHAR everywhere. */
  public static final int MAX_MESSAGE_LENGTH = 32000;

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

  @Column(name = "message", length = MAX_MESSAGE_LENGTH, nullable = false)
  @NotBlank(message = "message is required")
  @Size(max = MAX_MESSAGE_LENGTH, message = "message must be at most 32000 characters")
  @JsonbProperty("message")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @Schema(name = "message")
  @JsonbNillable
  private String message;

  @Column(name = "task_id", length = 128)
  @Size(max = 128, message = "task_id must be at most 128 characters")
  @JsonbProperty("task_id")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @Schema(name = "task_id")
  @JsonbNillable
  private String taskId;

  @Column(name = "occurred_at", nullable = false)
  @NotNull(message = "occurred_at is required")
  @JsonbProperty("occurred_at")
  @Schema(name = "occurred_at", type = SchemaType.STRING, format = "date-time")
  @JsonbNillable
  private Instant occurredAt = Timestamps.now();

  @PrePersist
  void assignKey() {
    rowId = AppendOrder.newId();
    seq = AppendOrder.next();
  }

  public ExecutionError() {}

  public ExecutionError(String message, String taskId) {
    this.message = message;
    this.taskId = taskId;
  }

  /** A copy of this error's values, not yet stored, belonging to {@code executionId}. */
  public ExecutionError copyFor(String executionId) {
    ExecutionError copy = new ExecutionError(message, taskId);
    copy.executionId = executionId;
    copy.occurredAt = occurredAt == null ? Timestamps.now() : occurredAt;
    return copy;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getTaskId() {
    return taskId;
  }

  public void setTaskId(String taskId) {
    this.taskId = taskId;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public void setOccurredAt(Instant occurredAt) {
    this.occurredAt = Timestamps.normalize(occurredAt);
  }
}
