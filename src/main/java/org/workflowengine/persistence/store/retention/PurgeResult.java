package org.workflowengine.persistence.store.retention;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** What a purge did, or (dry run) would do. */
@JsonbPropertyOrder({"dryRun", "executions", "snapshots", "batches"})
public final class PurgeResult {

  private final boolean dryRun;
  private final long executions;
  private final long snapshots;
  private final int batches;

  public PurgeResult(boolean dryRun, long executions, long snapshots, int batches) {
    this.dryRun = dryRun;
    this.executions = executions;
    this.snapshots = snapshots;
    this.batches = batches;
  }

  @JsonbProperty("dry_run")
  public boolean isDryRun() {
    return dryRun;
  }

  /** Executions deleted, or (dry run) those a real run would delete now. */
  @JsonbProperty("executions")
  public long getExecutions() {
    return executions;
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
