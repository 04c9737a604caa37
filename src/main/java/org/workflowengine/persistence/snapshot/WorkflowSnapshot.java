package org.workflowengine.persistence.snapshot;

import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.workflowengine.persistence.json.JsonObjectConverter;
import org.workflowengine.persistence.json.Timestamps;

/**
 * One distinct workflow definition, stored once however many executions ran it, keyed by the
 * SHA-256 of its canonical form.
 */
@Entity
@Table(name = "workflow_snapshot")
public class WorkflowSnapshot {

  @Id
  @Column(name = "hash", length = 64)
  private String hash;

  /** A CLOB by the schema; see {@link JsonObjectConverter} for why a converter. */
  @Column(name = "content", nullable = false)
  @Convert(converter = JsonObjectConverter.class)
  private JsonObject content;

  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected WorkflowSnapshot() {}

  public WorkflowSnapshot(SnapshotContent snapshot) {
    this.hash = snapshot.hash();
    this.content = snapshot.json();
    this.sizeBytes = snapshot.sizeBytes();
    this.createdAt = Timestamps.now();
  }

  public String getHash() {
    return hash;
  }

  public JsonObject getContent() {
    return content;
  }

  public long getSizeBytes() {
    return sizeBytes;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
