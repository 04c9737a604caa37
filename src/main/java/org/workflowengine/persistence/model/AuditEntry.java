package org.workflowengine.persistence.model;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.workflowengine.persistence.json.JsonObjectConverter;
import org.workflowengine.persistence.json.Timestamps;

/**
 * One entry of an execution's append-only audit trail: who did what, when, with details.
 *
 * <p>Each entry is its own row, so appending costs one INSERT however long the trail is.
 */
@Entity
@Table(name = "audit_entry")
@NamedQuery(
    name = "AuditEntry.findByExecution",
    query = "SELECT a FROM AuditEntry a WHERE a.executionId = :executionId ORDER BY a.seq, a.rowId")
@NamedQuery(
    name = "AuditEntry.countByExecution",
    query = "SELECT COUNT(a) FROM AuditEntry a WHERE a.executionId = :executionId")
@JsonbPropertyOrder({"timestamp", "actor", "action", "details", "recordedBy", "traceId"})
public class AuditEntry extends ChildRow {

  @Column(name = "occurred_at", nullable = false)
  @NotNull(message = "timestamp is required")
  @StorableInstant(
      message = "timestamp must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z")
  @JsonbProperty("timestamp")
  @JsonbNillable
  private Instant timestamp = Timestamps.now();

  @Column(name = "actor", length = 255)
  @Size(max = 255, message = "actor must be at most 255 characters")
  @StorableText(message = "actor must be valid Unicode text without U+0000")
  @JsonbProperty("actor")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @JsonbNillable
  private String actor;

  @Column(name = "action", length = 255, nullable = false)
  @NotBlank(message = "action is required")
  @Size(max = 255, message = "action must be at most 255 characters")
  @StorableText(message = "action must be valid Unicode text without U+0000")
  @JsonbProperty("action")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  @JsonbNillable
  private String action;

  @Column(name = "details_json")
  @Convert(converter = JsonObjectConverter.class)
  @StorableJson(
      message =
          "details must nest at most 500 levels and hold only valid Unicode text and representable numbers")
  @JsonbProperty("details")
  @JsonbNillable
  private JsonObject details;

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

  public AuditEntry() {}

  public AuditEntry(String actor, String action, JsonObject details) {
    this.actor = actor;
    this.action = action;
    this.details = details;
  }

  /** A copy of this entry's values, not yet stored, belonging to {@code executionId}. */
  public AuditEntry copyFor(String executionId) {
    AuditEntry copy = new AuditEntry(actor, action, details);
    copy.belongTo(executionId);
    copy.recordedBy = recordedBy;
    copy.traceId = traceId;
    copy.timestamp = timestamp == null ? Timestamps.now() : timestamp;
    return copy;
  }

  public Instant getTimestamp() {
    return timestamp;
  }

  public void setTimestamp(Instant timestamp) {
    this.timestamp = Timestamps.normalize(timestamp);
  }

  public String getActor() {
    return actor;
  }

  public void setActor(String actor) {
    this.actor = actor;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public JsonObject getDetails() {
    return details;
  }

  public void setDetails(JsonObject details) {
    this.details = details;
  }

  @JsonbProperty("recorded_by")
  @JsonbNillable
  public String getRecordedBy() {
    return recordedBy;
  }

  /** This entry, as recorded by {@code recordedBy}; for the store, which decides who that is. */
  public AuditEntry recordedBy(String recordedBy) {
    this.recordedBy = recordedBy;
    return this;
  }

  @JsonbProperty("trace_id")
  @JsonbNillable
  public String getTraceId() {
    return traceId;
  }

  /** This entry, as recorded in trace {@code traceId} (null: none); for the store. */
  public AuditEntry inTrace(String traceId) {
    this.traceId = traceId;
    return this;
  }
}
