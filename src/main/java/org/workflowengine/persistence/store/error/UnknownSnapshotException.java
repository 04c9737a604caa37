package org.workflowengine.persistence.store.error;

/**
 * A write names a snapshot by hash ({@code snapshot_hash}, a {@code SnapshotRef}) that is not
 * stored: never registered, or removed by a purge since (a purge removes snapshots no execution
 * runs). Nothing is written; register the definition again ({@code ExecutionStore.snapshot}, {@code
 * POST /api/snapshots}) or send it by value.
 */
public class UnknownSnapshotException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  private final String hash;

  public UnknownSnapshotException(String hash) {
    super(
        "snapshot_hash: no snapshot '"
            + hash
            + "' is stored (never registered, or purged since no execution ran it); register the"
            + " definition again (POST /api/snapshots) or send workflow_snapshot instead");
    this.hash = hash;
  }

  /** The hash named. */
  public String getHash() {
    return hash;
  }
}
