package org.workflowengine.persistence.store.transfer;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** What an import stored and what it found already there. */
@JsonbPropertyOrder({"lines", "snapshots", "imported", "skipped"})
public final class ImportResult {

  private final long lines;
  private final long snapshots;
  private final long imported;
  private final long skipped;

  public ImportResult(long lines, long snapshots, long imported, long skipped) {
    this.lines = lines;
    this.snapshots = snapshots;
    this.imported = imported;
    this.skipped = skipped;
  }

  /** Non-empty lines read. */
  @JsonbProperty("lines")
  public long getLines() {
    return lines;
  }

  /** Snapshot lines (each stored once, whether new or not). */
  @JsonbProperty("snapshots")
  public long getSnapshots() {
    return snapshots;
  }

  /** Executions stored. */
  @JsonbProperty("imported")
  public long getImported() {
    return imported;
  }

  /** Executions left alone because their id was already stored. */
  @JsonbProperty("skipped")
  public long getSkipped() {
    return skipped;
  }
}
