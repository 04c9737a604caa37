package org.workflowengine.persistence.model;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.workflowengine.persistence.json.Timestamps;

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
@JsonbPropertyOrder({"message", "taskId", "occurredAt", "recordedBy", "traceId"})
public class ExecutionError extends ChildRow {

  /** Longest message kept; long enough for a stack trace, short enough for a VARCHAR everywhere. */
  public static final int MAX_MESSAGE_LENGTH = 32000;

  @Column(name = "message", length = MAX_MESSAGE_LENGTH, nullable = false)
  @NotBlank(message = "message is required")
  @Size(max = MAX_MESSAGE_LENGTH, message = "message must be at most {max} characters")
  @StorableText(message = "message must be valid Unicode text without U+0000")
  @JsonbProperty("message")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @JsonbNillable
  private String message;

  @Column(name = "task_id", length = 128)
  @Size(max = 128, message = "task_id must be at most 128 characters")
  @StorableText(message = "task_id must be valid Unicode text without U+0000")
  @JsonbProperty("task_id")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @JsonbNillable
  private String taskId;

  @Column(name = "occurred_at", nullable = false)
  @NotNull(message = "occurred_at is required")
  @StorableInstant(
      message = "occurred_at must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z")
  @JsonbProperty("occurred_at")
  @JsonbNillable
  private Instant occurredAt = Timestamps.now();

  /**
   * Who recorded it (the caller's principal, or "system"), set by the store: read-only on the wire,
   * so that no request body can set it (JSON-B has no setter to call).
   */
  @Column(name = "recorded_by", length = 255, insertable = false, updatable = false)
  private String recordedBy;

  /**
   * The W3C trace id of the request (or span) that recorded it, set by the store: read-only on the
   * wire like {@code recorded_by}.
   */
  @Column(name = "trace_id", length = 32, insertable = false, updatable = false)
  private String traceId;

  public ExecutionError() {}

  public ExecutionError(String message, String taskId) {
    this.message = message;
    this.taskId = taskId;
  }

  /** A copy of this error's values, not yet stored, belonging to {@code executionId}. */
  public ExecutionError copyFor(String executionId) {
    ExecutionError copy = new ExecutionError(message, taskId);
    copy.belongTo(executionId);
    copy.recordedBy = recordedBy;
    copy.traceId = traceId;
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

  @JsonbProperty("recorded_by")
  @JsonbNillable
  public String getRecordedBy() {
    return recordedBy;
  }

  /** This entry, as recorded by {@code recordedBy}; for the store, which decides who that is. */
  public ExecutionError recordedBy(String recordedBy) {
    this.recordedBy = recordedBy;
    return this;
  }

  @JsonbProperty("trace_id")
  @JsonbNillable
  public String getTraceId() {
    return traceId;
  }

  /** This entry, as recorded in trace {@code traceId} (null: none); for the store. */
  public ExecutionError inTrace(String traceId) {
    this.traceId = traceId;
    return this;
  }
}
