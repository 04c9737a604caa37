package org.workflowengine.persistence.store.retention;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** What a purge did, or (dry run) would do. */
@JsonbPropertyOrder({"dryRun", "executions", "archived", "deleted", "snapshots", "batches"})
public final class PurgeResult {

  private final boolean dryRun;
  private final long executions;
  private final long archived;
  private final long deleted;
  private final long snapshots;
  private final int batches;

  /**
   * @param archived executions moved to the archive (or that would be)
   * @param deleted executions deleted outright (or that would be)
   */
  public PurgeResult(boolean dryRun, long archived, long deleted, long snapshots, int batches) {
    this.dryRun = dryRun;
    this.executions = archived + deleted;
    this.archived = archived;
    this.deleted = deleted;
    this.snapshots = snapshots;
    this.batches = batches;
  }

  @JsonbProperty("dry_run")
  public boolean isDryRun() {
    return dryRun;
  }

  /**
   * Executions the purge took out of the database, archived and deleted alike; or (dry run) those a
   * real run would take now.
   */
  @JsonbProperty("executions")
  public long getExecutions() {
    return executions;
  }

  /** Executions moved to the archive: still read at their URLs. */
  @JsonbProperty("archived")
  public long getArchived() {
    return archived;
  }

  /** Executions deleted outright, with their archived objects if they had one. */
  @JsonbProperty("deleted")
  public long getDeleted() {
    return deleted;
  }

  /**
   * Snapshots no execution referenced any more, deleted; or, in a dry run, those a real run would
   * delete now (no execution outside the purge references them).
   */
  @JsonbProperty("snapshots")
  public long getSnapshots() {
    return snapshots;
  }

  /** Transactions the deletion took (0 in a dry run). */
  @JsonbProperty("batches")
  public int getBatches() {
    return batches;
  }
}
