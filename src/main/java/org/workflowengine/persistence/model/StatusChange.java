package org.workflowengine.persistence.model;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One change of an execution's record, as its chain links it: its creation, a status change, a
 * replacement that changed its status, outcome, completion, snapshot or name. Written by the store
 * only (with the link's position and hash, by JDBC); read-only here and on the wire, where an
 * execution shows them as {@code status_history}.
 */
@Entity
@Table(name = "execution_status_change")
@NamedQuery(
    name = "StatusChange.findByExecution",
    query =
        "SELECT s FROM StatusChange s WHERE s.executionId = :executionId ORDER BY s.seq, s.rowId")
@JsonbPropertyOrder({
  "status",
  "success",
  "completedAt",
  "snapshotHash",
  "workflowName",
  "at",
  "recordedBy"
})
public class StatusChange extends ChildRow {

  @Column(name = "status", length = 16, nullable = false, insertable = false, updatable = false)
  private WorkflowStatus status;

  @Column(name = "success", insertable = false, updatable = false)
  private Boolean success;

  @Column(name = "completed_at", insertable = false, updatable = false)
  private Instant completedAt;

  @Column(name = "snapshot_hash", length = 64, insertable = false, updatable = false)
  private String snapshotHash;

  @Column(name = "workflow_name", length = 255, insertable = false, updatable = false)
  private String workflowName;

  @Column(name = "changed_at", insertable = false, updatable = false)
  private Instant at;

  @Column(name = "recorded_by", length = 255, insertable = false, updatable = false)
  private String recordedBy;

  protected StatusChange() {}

  /** The change that records {@code row} as it is now, made by {@code recordedBy}. */
  public static StatusChange of(WorkflowExecution row, String recordedBy) {
    return of(
        row.getStatus(),
        row.getSuccess(),
        row.getCompletedAt(),
        row.getSnapshotHash(),
        row.getWorkflowName(),
        row.getTimestamp(),
        recordedBy);
  }

  /** A change with these values, as read from its link. */
  public static StatusChange of(
      WorkflowStatus status,
      Boolean success,
      Instant completedAt,
      String snapshotHash,
      String workflowName,
      Instant at,
      String recordedBy) {
    StatusChange change = new StatusChange();
    change.status = status;
    change.success = success;
    change.completedAt = completedAt;
    change.snapshotHash = snapshotHash;
    change.workflowName = workflowName;
    change.at = at;
    change.recordedBy = recordedBy;
    return change;
  }

  /** A detached copy of this change. */
  public StatusChange copy() {
    StatusChange copy = new StatusChange();
    copy.status = status;
    copy.success = success;
    copy.completedAt = completedAt;
    copy.snapshotHash = snapshotHash;
    copy.workflowName = workflowName;
    copy.at = at;
    copy.recordedBy = recordedBy;
    return copy;
  }

  @JsonbProperty("status")
  @JsonbNillable
  @JsonbTypeAdapter(WorkflowStatusAdapter.class)
  public WorkflowStatus getStatus() {
    return status;
  }

  @JsonbProperty("success")
  @JsonbNillable
  public Boolean getSuccess() {
    return success;
  }

  @JsonbProperty("completed_at")
  @JsonbNillable
  public Instant getCompletedAt() {
    return completedAt;
  }

  @JsonbProperty("snapshot_hash")
  @JsonbNillable
  public String getSnapshotHash() {
    return snapshotHash;
  }

  @JsonbProperty("workflow_name")
  @JsonbNillable
  public String getWorkflowName() {
    return workflowName;
  }

  /** When the change was made (the execution's record timestamp from then on). */
  @JsonbProperty("at")
  @JsonbNillable
  public Instant getAt() {
    return at;
  }

  @JsonbProperty("recorded_by")
  @JsonbNillable
  public String getRecordedBy() {
    return recordedBy;
  }
}
