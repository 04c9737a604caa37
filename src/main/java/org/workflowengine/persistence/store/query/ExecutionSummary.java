package org.workflowengine.persistence.store.query;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.model.WorkflowStatusAdapter;

/**
 * An execution as listed: its indexed columns only, never the snapshot, tasks, logs or other large
 * columns. (A class with getters rather than a record: JSON-B implementations in the servers we run
 * on do not all serialize records.)
 */
@JsonbPropertyOrder({
  "id",
  "workflowName",
  "status",
  "createdAt",
  "completedAt",
  "success",
  "labels",
  "timestamp",
  "version",
  "snapshotHash",
  "archivedAt"
})
public final class ExecutionSummary {

  private final String id;
  private final String workflowName;
  private final WorkflowStatus status;
  private final Instant createdAt;
  private final Instant completedAt;
  private final Boolean success;
  private final Instant timestamp;
  private final Long version;
  private final String snapshotHash;
  private final Instant archivedAt;
  private Map<String, String> labels = Map.of();

  /** Called by the list query's constructor expression. */
  public ExecutionSummary(
      String id,
      String workflowName,
      WorkflowStatus status,
      Instant createdAt,
      Instant completedAt,
      Boolean success,
      Instant timestamp,
      Long version,
      String snapshotHash,
      Instant archivedAt) {
    this.archivedAt = archivedAt;
    this.id = id;
    this.workflowName = workflowName;
    this.status = status;
    this.createdAt = createdAt;
    this.completedAt = completedAt;
    this.success = success;
    this.timestamp = timestamp;
    this.version = version;
    this.snapshotHash = snapshotHash;
  }

  @JsonbProperty("id")
  public String getId() {
    return id;
  }

  @JsonbProperty("workflow_name")
  public String getWorkflowName() {
    return workflowName;
  }

  @JsonbProperty("status")
  @JsonbTypeAdapter(WorkflowStatusAdapter.class)
  public WorkflowStatus getStatus() {
    return status;
  }

  @JsonbProperty("created_at")
  public Instant getCreatedAt() {
    return createdAt;
  }

  @JsonbProperty("completed_at")
  @JsonbNillable
  public Instant getCompletedAt() {
    return completedAt;
  }

  @JsonbProperty("success")
  @JsonbNillable
  public Boolean getSuccess() {
    return success;
  }

  /** The execution's labels, sorted by key. */
  @JsonbProperty("labels")
  public Map<String, String> getLabels() {
    return labels;
  }

  /** Called by the store once it has read the labels of a page. */
  void attachLabels(Map<String, String> labels) {
    this.labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  @JsonbProperty("timestamp")
  public Instant getTimestamp() {
    return timestamp;
  }

  @JsonbProperty("version")
  public Long getVersion() {
    return version;
  }

  @JsonbProperty("snapshot_hash")
  public String getSnapshotHash() {
    return snapshotHash;
  }

  /** When the execution moved to the archive; absent while it is live. */
  @JsonbProperty("archived_at")
  @JsonbNillable(false)
  public Instant getArchivedAt() {
    return archivedAt;
  }

  @Override
  public String toString() {
    return "ExecutionSummary[id=" + id + ", status=" + status + ", created=" + createdAt + "]";
  }
}
