package org.workflowengine.persistence.store.query;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * One distinct definition (snapshot) a workflow ran with, numbered 1..n in the order it was first
 * used.
 */
@JsonbPropertyOrder({"number", "hash", "firstUsedAt", "lastUsedAt", "runCount"})
public final class DefinitionVersion {

  private final int number;
  private final String hash;
  private final Instant firstUsedAt;
  private final Instant lastUsedAt;
  private final long runCount;

  public DefinitionVersion(
      int number, String hash, Instant firstUsedAt, Instant lastUsedAt, long runCount) {
    this.number = number;
    this.hash = hash;
    this.firstUsedAt = firstUsedAt;
    this.lastUsedAt = lastUsedAt;
    this.runCount = runCount;
  }

  /** 1 for the first definition this workflow ran with, 2 for the next new one, … */
  @JsonbProperty("number")
  public int getNumber() {
    return number;
  }

  /** The snapshot's SHA-256: {@code GET /api/snapshots/{hash}}. */
  @JsonbProperty("hash")
  public String getHash() {
    return hash;
  }

  /** Creation time of the first execution that ran it. */
  @JsonbProperty("first_used_at")
  public Instant getFirstUsedAt() {
    return firstUsedAt;
  }

  /** Creation time of the newest execution that ran it. */
  @JsonbProperty("last_used_at")
  public Instant getLastUsedAt() {
    return lastUsedAt;
  }

  @JsonbProperty("run_count")
  public long getRunCount() {
    return runCount;
  }
}
