package org.workflowengine.persistence.model;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.workflowengine.persistence.json.Timestamps;

/**
 * One run of a workflow, with the snapshot of the exact definition that ran (the model of
 * docs/api.md).
 *
 * <p>The entity maps only the execution's own row. The snapshot is stored once per distinct content
 * in its own table and referenced by {@link #getSnapshotHash() hash}; tasks, audit entries, log
 * lines and errors are rows of their own, so that appending one is a single INSERT. The {@code
 * ExecutionStore} assembles these parts when it reads an execution; the {@code Transient} fields
 * below carry them.
 *
 * <p>JSON wire format: snake_case names (see the {@code JsonbProperty} annotations), every field
 * always present (null when empty); {@code version} is read-only (written, never read). On a write,
 * {@code snapshot_hash} names a stored snapshot to run instead of sending {@code workflow_snapshot}
 * (with both, they must agree).
 */
@Entity
@Table(name = "workflow_execution")
@JsonbPropertyOrder({
  "id",
  "workflowName",
  "workflowSnapshot",
  "status",
  "createdAt",
  "completedAt",
  "success",
  "labels",
  "tasks",
  "timestamp",
  "auditTrail",
  "perTaskLogs",
  "errors",
  "statusHistory",
  "version",
  "snapshotHash",
  "archivedAt"
})
public class WorkflowExecution {

  /**
   * Ids travel in URLs and logs: a conservative alphabet keeps them safe in both. {@code .} and
   * {@code ..} are refused: as path segments they mean "this" and "the parent" (RFC 3986), so their
   * URL would name another resource.
   */
  public static final String ID_PATTERN = "(?!\\.{1,2}$)[A-Za-z0-9._:-]+";

  /** What {@link #ID_PATTERN} allows, for messages. */
  public static final String ID_RULE = "letters, digits and . _ : -, but not . or .. alone";

  @Id
  @Column(name = "id", length = 128)
  @NotNull(message = "id is required")
  @Size(min = 1, max = 128, message = "id must be 1 to 128 characters")
  @Pattern(regexp = ID_PATTERN, message = "id may contain only " + ID_RULE)
  @JsonbProperty("id")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @JsonbNillable
  private String id;

  @Column(name = "workflow_name", length = 255, nullable = false)
  @NotBlank(message = "workflow_name is required")
  @Size(max = 255, message = "workflow_name must be at most 255 characters")
  @StorableText(message = "workflow_name must be valid Unicode text without U+0000")
  @JsonbProperty("workflow_name")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @JsonbNillable
  private String workflowName;

  @Transient
  @StorableJson(
      message =
          "workflow_snapshot must nest at most 500 levels and hold only valid Unicode text and representable numbers")
  @JsonbProperty("workflow_snapshot")
  @JsonbNillable
  private JsonObject workflowSnapshot;

  @Column(name = "snapshot_hash", length = 64, nullable = false)
  @JsonbProperty("snapshot_hash")
  @JsonbNillable
  private String snapshotHash;

  /**
   * On a write: the hash of a stored snapshot this execution runs (a body's {@code snapshot_hash},
   * or {@link #setSnapshot(SnapshotRef)}); null when the snapshot is given by value.
   */
  @Transient @JsonbTransient private String snapshotReference;

  /** Whether {@code workflow_snapshot} was given (set after construction, or in a body). */
  @Transient @JsonbTransient private boolean snapshotGiven;

  @Column(name = "status", length = 16, nullable = false)
  @NotNull(message = "status is required")
  @JsonbProperty("status")
  @JsonbNillable
  @JsonbTypeAdapter(WorkflowStatusAdapter.class)
  private WorkflowStatus status;

  @Column(name = "created_at", nullable = false)
  @NotNull(message = "created_at is required")
  @StorableInstant(
      message = "created_at must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z")
  @JsonbProperty("created_at")
  @JsonbNillable
  private Instant createdAt;

  @Column(name = "completed_at")
  @StorableInstant(
      message =
          "completed_at must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z")
  @JsonbProperty("completed_at")
  @JsonbNillable
  private Instant completedAt;

  @Column(name = "success")
  @JsonbProperty("success")
  @JsonbNillable
  @JsonbTypeDeserializer(StrictBooleanDeserializer.class)
  private Boolean success;

  /**
   * Labels by key, sorted by key. Their rules ({@link Labels}) are checked with the model's other
   * rules when the execution is written.
   */
  @Transient
  @JsonbProperty("labels")
  @JsonbTypeDeserializer(LabelsDeserializer.class)
  private Map<String, String> labels;

  @Transient
  @JsonbProperty("tasks")
  @JsonbNillable
  private List<@NotNull(message = "tasks must not contain null") @Valid TaskExecution> tasks;

  @Column(name = "updated_at", nullable = false)
  @StorableInstant(
      message = "timestamp must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z")
  @JsonbProperty("timestamp")
  @JsonbNillable
  private Instant timestamp;

  @Transient
  @JsonbProperty("audit_trail")
  @JsonbNillable
  private List<@NotNull(message = "audit_trail must not contain null") @Valid AuditEntry>
      auditTrail;

  @Transient
  @JsonbProperty("per_task_logs")
  @JsonbNillable
  private Map<
          @TaskId(message = "per_task_logs keys must be task ids: " + TaskIds.RULE) String,
          List<@LogLine String>>
      perTaskLogs;

  @Transient
  @JsonbProperty("errors")
  @JsonbNillable
  private List<@NotNull(message = "errors must not contain null") @Valid ExecutionError> errors;

  /** The record's changes, oldest first, as its chain links them; read-only on the wire. */
  @Transient private List<StatusChange> statusHistory = List.of();

  /** When the execution moved to the archive; null (and absent on the wire) while it is live. */
  @Column(name = "archived_at")
  @JsonbProperty("archived_at")
  @JsonbNillable(false)
  private Instant archivedAt;

  /** The SHA-256 of the archived object, hex; null while the execution is live. */
  @Column(name = "archive_sha256", length = 64)
  @JsonbTransient
  private String archiveSha256;

  @Version
  @Column(name = "version", nullable = false)
  @JsonbProperty("version")
  @JsonbNillable
  private Long version;

  /** The defaults: a new UUID, an empty name, the snapshot {@code {}}, {@code Pending}. */
  public WorkflowExecution() {
    Instant now = Timestamps.now();
    this.id = UUID.randomUUID().toString();
    this.workflowName = "";
    this.workflowSnapshot = JsonObject.EMPTY_JSON_OBJECT;
    this.status = WorkflowStatus.PENDING;
    this.createdAt = now;
    this.timestamp = now;
    this.labels = sortedLabels(null);
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
   * A new execution of {@code workflowName} running the stored definition {@code snapshot} (see
   * {@code ExecutionStore.snapshot}), otherwise with defaults. (A factory, not a constructor:
   * {@code new WorkflowExecution(name, null)} keeps meaning the snapshot {@code {}}.)
   */
  public static WorkflowExecution of(String workflowName, SnapshotRef snapshot) {
    WorkflowExecution execution = new WorkflowExecution();
    execution.setWorkflowName(workflowName);
    execution.setSnapshot(snapshot);
    return execution;
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
    copy.archivedAt = archivedAt;
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
    this.snapshotGiven = true;
  }

  /**
   * Makes the execution run the stored definition {@code snapshot} when it is next written: no
   * definition is sent or hashed again. Null goes back to the snapshot given by value.
   */
  public void setSnapshot(SnapshotRef snapshot) {
    this.snapshotReference = snapshot == null ? null : snapshot.hash();
    if (snapshot != null) {
      this.workflowSnapshot = JsonObject.EMPTY_JSON_OBJECT;
      this.snapshotGiven = false;
    }
  }

  /** Hex SHA-256 of the snapshot's canonical form, as last stored; null before the first save. */
  public String getSnapshotHash() {
    return snapshotHash;
  }

  /**
   * A body's {@code snapshot_hash}: the execution runs the stored snapshot with this hash. With
   * {@code workflow_snapshot} too, the two must agree. Kept as given (checked when written).
   */
  public void setSnapshotHash(String hash) {
    this.snapshotReference = hash;
  }

  /** The stored snapshot this execution is to run, named on a write; null when given by value. */
  public String snapshotReference() {
    return snapshotReference;
  }

  /** Whether {@code workflow_snapshot} was given on a write, rather than left at its default. */
  public boolean snapshotGiven() {
    return snapshotGiven;
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

  /** The labels, sorted by key; never null. */
  public Map<String, String> getLabels() {
    return labels;
  }

  /** Replaces the labels as a whole; null means none. */
  public void setLabels(Map<String, String> labels) {
    this.labels = sortedLabels(labels);
  }

  /** A sorted copy; a null key sorts first (and is refused when the execution is written). */
  private static Map<String, String> sortedLabels(Map<String, String> labels) {
    Map<String, String> sorted = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
    if (labels != null) {
      sorted.putAll(labels);
    }
    return sorted;
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
   * The record's changes, oldest first: its creation and every later change of its status, outcome,
   * completion, snapshot or name, each with who made it. Set by the store; empty on an execution
   * not read from it.
   */
  @JsonbProperty("status_history")
  public List<StatusChange> getStatusHistory() {
    return statusHistory;
  }

  /** This execution with {@code history} as its status history; for the store. */
  public WorkflowExecution withStatusHistory(List<StatusChange> history) {
    this.statusHistory = List.copyOf(history);
    return this;
  }

  /** When the execution moved to the archive, or null while it is live; read-only on the wire. */
  public Instant getArchivedAt() {
    return archivedAt;
  }

  /** Whether the execution lives in the archive (its row keeps what listings need). */
  public boolean archived() {
    return archivedAt != null;
  }

  /** The SHA-256 (hex) of its archived object, or null while it is live. */
  public String archiveSha256() {
    return archiveSha256;
  }

  /**
   * This execution as archived at {@code at} in an object of SHA-256 {@code sha256}; for the store.
   */
  public WorkflowExecution archivedAs(Instant at, String sha256) {
    this.archivedAt = at;
    this.archiveSha256 = sha256;
    return this;
  }

  /**
   * Versions start at 1 whichever provider (or a JDBC insert, which calls this) stores the row:
   * EclipseLink starts a new numeric version with 1, Hibernate with 0 unless the entity already
   * carries one.
   */
  @PrePersist
  public void firstVersion() {
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
