package org.workflowengine.persistence.model;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One run of a workflow, with the snapshot of the exact definition that ran: the seed's {@code
 * WorkflowExecution}.
 *
 * <p>The entity maps only the execution's own row. The snapshot is stored once per distinct content
 * in its own table and referenced by {@link #getSnapshotHash() hash}; tasks, audit entries, log
 * lines and errors are rows of their own, so that appending one is a single INSERT. The {@code
 * ExecutionStore} assembles these parts when it reads an execution; the {@code Transient} fields
 * below carry them.
 *
 * <p>JSON wire format: the seed's snake_case names (see the {@code JsonbProperty} annotations),
 * every field always present (null when empty); {@code version} and {@code snapshot_hash} are
 * read-only (written, never read).
 */
@Entity
@Table(name = "workflow_execution")
@NamedQuery(
    name = "WorkflowExecution.countBySnapshotHash",
    query = "SELECT COUNT(e) FROM WorkflowExecution e WHERE e.snapshotHash = :hash")
@JsonbPropertyOrder({
  "id",
  "workflowName",
  "workflowSnapshot",
  "status",
  "createdAt",
  "completedAt",
  "success",
  "tasks",
  "timestamp",
  "auditTrail",
  "perTaskLogs",
  "errors",
  "version",
  "snapshotHash"
})
public class WorkflowExecution {

  /** Ids travel in URLs and logs: a conservative alphabet keeps them safe in both. */
  public static final String ID_PATTERN = "[A-Za-z0-9._:-]+";

  @Id
  @Column(name = "id", length = 128)
  @NotNull(message = "id is required")
  @Size(min = 1, max = 128, message = "id must be 1 to 128 characters")
  @Pattern(regexp = ID_PATTERN, message = "id may contain only letters, digits and . _ : -")
  @JsonbProperty("id")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @Schema(name = "id")
  @JsonbNillable
  private String id;

  @Column(name = "workflow_name", length = 255, nullable = false)
  @NotBlank(message = "workflow_name is required")
  @Size(max = 255, message = "workflow_name must be at most 255 characters")
  @JsonbProperty("workflow_name")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @Schema(name = "workflow_name")
  @JsonbNillable
  private String workflowName;

  @Transient
  @JsonbProperty("workflow_snapshot")
  @Schema(name = "workflow_snapshot")
  @JsonbNillable
  private JsonObject workflowSnapshot;

  @Column(name = "snapshot_hash", length = 64, nullable = false)
  @JsonbProperty("snapshot_hash")
  @Schema(name = "snapshot_hash", readOnly = true)
  @JsonbNillable
  private String snapshotHash;

  @Column(name = "status", length = 16, nullable = false)
  @NotNull(message = "status is required")
  @JsonbProperty("status")
  @Schema(
      name = "status",
      type = SchemaType.STRING,
      enumeration = {"Pending", "Running", "Paused", "Complete", "Failed", "Cancelled"})
  @JsonbNillable
  @JsonbTypeAdapter(WorkflowStatusAdapter.class)
  private WorkflowStatus status;

  @Column(name = "created_at", nullable = false)
  @NotNull(message = "created_at is required")
  @JsonbProperty("created_at")
  @Schema(name = "created_at", type = SchemaType.STRING, format = "date-time")
  @JsonbNillable
  private Instant createdAt;

  @Column(name = "completed_at")
  @JsonbProperty("completed_at")
  @Schema(name = "completed_at", type = SchemaType.STRING, format = "date-time")
  @JsonbNillable
  private Instant completedAt;

  @Column(name = "success")
  @JsonbProperty("success")
  @Schema(name = "success")
  @JsonbNillable
  @JsonbTypeDeserializer(StrictBooleanDeserializer.class)
  private Boolean success;

  @Transient
  @JsonbProperty("tasks")
  @Schema(name = "tasks")
  @JsonbNillable
  private List<@NotNull(message = "tasks must not contain null") @Valid TaskExecution> tasks;

  @Column(name = "updated_at", nullable = false)
  @JsonbProperty("timestamp")
  @Schema(name = "timestamp", type = SchemaType.STRING, format = "date-time")
  @JsonbNillable
  private Instant timestamp;

  @Transient
  @JsonbProperty("audit_trail")
  @Schema(name = "audit_trail")
  @JsonbNillable
  private List<@NotNull(message = "audit_trail must not contain null") @Valid AuditEntry>
      auditTrail;

  @Transient
  @JsonbProperty("per_task_logs")
  @Schema(name = "per_task_logs")
  @JsonbNillable
  private Map<
          @NotBlank(message = "per_task_logs keys must be task ids")
          @Size(max = 128, message = "a task id must be at most 128 characters") String,
          List<
              @NotNull(message = "a log line must not be null")
              @Size(
                  max = TaskLogLine.MAX_LENGTH,
                  message = "a log line must be at most 32000 characters")
              String>>
      perTaskLogs;

  @Transient
  @JsonbProperty("errors")
  @Schema(name = "errors")
  @JsonbNillable
  private List<@NotNull(message = "errors must not contain null") @Valid ExecutionError> errors;

  @Version
  @Column(name = "version", nullable = false)
  @JsonbProperty("version")
  @Schema(name = "version", readOnly = true)
  @JsonbNillable
  private Long version;

  /** The seed's defaults: a new UUID, an empty name, the snapshot {@code {}}, {@code Pending}. */
  public WorkflowExecution() {
    Instant now = Timestamps.now();
    this.id = UUID.randomUUID().toString();
    this.workflowName = "";
    this.workflowSnapshot = JsonObject.EMPTY_JSON_OBJECT;
    this.status = WorkflowStatus.PENDING;
    this.createdAt = now;
    this.timestamp = now;
    this.tasks = new ArrayList<>();
    this.auditTrail = new ArrayList<>();
    this.perTaskLogs = new LinkedHashMap<>();
    this.errors = new ArrayList<>();
  }

  /** A new execution of {@code workflowName} running {@code snapshot}, otherwise with defaults. */
  public WorkflowExecution(String workflowName, JsonObject snapshot) {
    this();
    setWorkflowName(workflowName);
    setWorkflowSnapshot(snapshot);
  }

  /**
   * A copy of the execution's own record (everything but the snapshot and the child lists, which
   * start empty), including its version. The store hands out such copies, never its managed rows.
   */
  public WorkflowExecution copyRecord() {
    WorkflowExecution copy = new WorkflowExecution();
    copy.id = id;
    copy.workflowName = workflowName;
    copy.snapshotHash = snapshotHash;
    copy.status = status;
    copy.createdAt = createdAt;
    copy.completedAt = completedAt;
    copy.success = success;
    copy.timestamp = timestamp;
    copy.version = version;
    return copy;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getWorkflowName() {
    return workflowName;
  }

  public void setWorkflowName(String workflowName) {
    this.workflowName = workflowName;
  }

  public JsonObject getWorkflowSnapshot() {
    return workflowSnapshot;
  }

  /**
   * Replaces the snapshot as a whole (it is an immutable {@code JsonObject}); null means {@code
   * {}}. The hash is recomputed by the store when the execution is written.
   */
  public void setWorkflowSnapshot(JsonObject workflowSnapshot) {
    this.workflowSnapshot =
        workflowSnapshot == null ? JsonObject.EMPTY_JSON_OBJECT : workflowSnapshot;
  }

  /** Hex SHA-256 of the snapshot's canonical form, as last stored; null before the first save. */
  public String getSnapshotHash() {
    return snapshotHash;
  }

  /** Called by the store with the snapshot it stored or read; not part of the wire format. */
  public void attachSnapshot(JsonObject snapshot, String hash) {
    this.workflowSnapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.snapshotHash = Objects.requireNonNull(hash, "hash");
  }

  public WorkflowStatus getStatus() {
    return status;
  }

  public void setStatus(WorkflowStatus status) {
    this.status = status;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = Timestamps.normalize(createdAt);
  }

  public Instant getCompletedAt() {
    return completedAt;
  }

  public void setCompletedAt(Instant completedAt) {
    this.completedAt = Timestamps.normalize(completedAt);
  }

  public Boolean getSuccess() {
    return success;
  }

  public void setSuccess(Boolean success) {
    this.success = success;
  }

  public List<TaskExecution> getTasks() {
    return tasks;
  }

  public void setTasks(List<TaskExecution> tasks) {
    this.tasks = tasks == null ? new ArrayList<>() : new ArrayList<>(tasks);
  }

  /** Last modification of the execution record (status, tasks replaced, whole replacement). */
  public Instant getTimestamp() {
    return timestamp;
  }

  public void setTimestamp(Instant timestamp) {
    this.timestamp = Timestamps.normalize(timestamp);
  }

  public List<AuditEntry> getAuditTrail() {
    return auditTrail;
  }

  public void setAuditTrail(List<AuditEntry> auditTrail) {
    this.auditTrail = auditTrail == null ? new ArrayList<>() : new ArrayList<>(auditTrail);
  }

  public Map<String, List<String>> getPerTaskLogs() {
    return perTaskLogs;
  }

  public void setPerTaskLogs(Map<String, List<String>> perTaskLogs) {
    this.perTaskLogs =
        perTaskLogs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(perTaskLogs);
  }

  public List<ExecutionError> getErrors() {
    return errors;
  }

  public void setErrors(List<ExecutionError> errors) {
    this.errors = errors == null ? new ArrayList<>() : new ArrayList<>(errors);
  }

  /**
   * Versions start at 1 whichever provider stores the row: EclipseLink seeds a new numeric version
   * with 1, Hibernate with 0 unless the entity already carries one.
   */
  @PrePersist
  void firstVersion() {
    if (version == null) {
      version = 1L;
    }
  }

  /** The optimistic-lock version, null until stored; it changes with every write of the record. */
  public Long getVersion() {
    return version;
  }

  @Override
  public String toString() {
    return "WorkflowExecution[id=" + id + ", workflow=" + workflowName + ", status=" + status + "]";
  }
}
