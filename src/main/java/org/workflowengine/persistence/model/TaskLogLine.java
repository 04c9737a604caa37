package org.workflowengine.persistence.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One line of one task's log. The wire format shows lines grouped per task ({@code per_task_logs});
 * storage keeps one row per line so an append is an INSERT.
 */
@Entity
@Table(name = "task_log_line")
@NamedQuery(
    name = "TaskLogLine.findByExecution",
    query =
        "SELECT l FROM TaskLogLine l WHERE l.executionId = :executionId ORDER BY l.seq, l.rowId")
@NamedQuery(
    name = "TaskLogLine.findByExecutionAndTask",
    query =
        "SELECT l FROM TaskLogLine l WHERE l.executionId = :executionId AND l.taskId = :taskId"
            + " ORDER BY l.seq, l.rowId")
@NamedQuery(
    name = "TaskLogLine.countByExecutionAndTask",
    query =
        "SELECT COUNT(l) FROM TaskLogLine l WHERE l.executionId = :executionId"
            + " AND l.taskId = :taskId")
public class TaskLogLine extends ChildRow {

  /** Longest line kept. */
  public static final int MAX_LENGTH = 32000;

  @Column(name = "task_id", length = 128, nullable = false)
  private String taskId;

  @Column(name = "line", length = MAX_LENGTH, nullable = false)
  private String line;

  @Column(name = "logged_at", nullable = false)
  private Instant loggedAt;

  /** Who appended it; written by the store with the line's link (see the chain package). */
  @Column(name = "recorded_by", length = 255, insertable = false, updatable = false)
  private String recordedBy;

  /** The trace it was appended in; written by the store with the line's link. */
  @Column(name = "trace_id", length = 32, insertable = false, updatable = false)
  private String traceId;

  protected TaskLogLine() {}

  public TaskLogLine(String executionId, String taskId, String line, Instant loggedAt) {
    belongTo(executionId);
    this.taskId = taskId;
    this.line = line;
    this.loggedAt = loggedAt;
  }

  public String getTaskId() {
    return taskId;
  }

  public String getLine() {
    return line;
  }

  public Instant getLoggedAt() {
    return loggedAt;
  }

  public String getRecordedBy() {
    return recordedBy;
  }

  /** This line as recorded by {@code caller}; for a line read back from its chain link. */
  public TaskLogLine recordedBy(String caller) {
    this.recordedBy = caller;
    return this;
  }

  public String getTraceId() {
    return traceId;
  }

  /** This line as appended in trace {@code traceId}; for a line read back from its chain link. */
  public TaskLogLine inTrace(String traceId) {
    this.traceId = traceId;
    return this;
  }
}
