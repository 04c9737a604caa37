package org.workflowengine.persistence.model;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;

/**
 * The key every row that belongs to an execution has (task records, audit entries, errors, log
 * lines): a random row id, an ordering number, and the execution's id. None of it is part of the
 * wire format; the key is assigned when the row is first stored (see {@link AppendOrder}).
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
