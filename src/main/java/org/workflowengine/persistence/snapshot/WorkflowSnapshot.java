package org.workflowengine.persistence.snapshot;

import jakarta.json.JsonObject;
import jakarta.persistence.Column;
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

  /**
   * The canonical text, a CLOB by the schema. Kept as the text already computed for the hash, so
   * that storing a snapshot does not canonicalise it a second time; read through {@link
   * JsonObjectConverter}, which refuses stored text that is not one JSON object.
   */
  @Column(name = "content", nullable = false)
  private String content;

  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected WorkflowSnapshot() {}

  public WorkflowSnapshot(SnapshotContent snapshot) {
    this.hash = snapshot.hash();
    this.content = snapshot.canonicalText();
    this.sizeBytes = snapshot.sizeBytes();
    this.createdAt = Timestamps.now();
  }

  public String getHash() {
    return hash;
  }

  public JsonObject getContent() {
    return new JsonObjectConverter().convertToEntityAttribute(content);
  }

  public long getSizeBytes() {
    return sizeBytes;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
