package org.workflowengine.persistence.model;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;

/**
 * The key every row that belongs to an execution has (task records, audit entries, errors, log
 * lines, status changes): a random row id, an ordering number, and the execution's id. None of it
 * is part of the wire format. The ordering number of an audit entry, error, log line or status
 * change is its position in the execution's hash chain (1, 2, …), given by the store when it writes
 * the row; a task record's is {@link AppendOrder}'s, assigned when it is first stored.
 */
@MappedSuperclass
public abstract class ChildRow {

  @Id
  @Column(name = "row_id", length = 36)
  private String rowId;

  /** Insertion order; see {@link AppendOrder}. */
  @Column(name = "seq", nullable = false)
  private long seq;

  @Column(name = "execution_id", length = 128, nullable = false)
  private String executionId;

  @PrePersist
  void assignKey() {
    rowId = AppendOrder.newId();
    seq = AppendOrder.next();
  }

  /** Makes this (not yet stored) row one of execution {@code executionId}'s. */
  protected void belongTo(String executionId) {
    this.executionId = executionId;
  }
}
