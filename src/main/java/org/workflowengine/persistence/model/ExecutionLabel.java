package org.workflowengine.persistence.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One label of an execution: a row of (execution, key, value), keyed by execution and key. The
 * execution's creation time is kept beside it (it never changes), so that an index over (key,
 * value, created_at, execution) serves "executions with this label, newest first" page by page
 * without visiting the executions that do not carry it.
 */
@Entity
@Table(name = "execution_label")
@IdClass(ExecutionLabel.Key.class)
@NamedQuery(
    name = "ExecutionLabel.findByExecution",
    query = "SELECT l FROM ExecutionLabel l WHERE l.executionId = :executionId ORDER BY l.labelKey")
@NamedQuery(
    name = "ExecutionLabel.findByExecutions",
    query =
        "SELECT l FROM ExecutionLabel l WHERE l.executionId IN :executionIds ORDER BY l.labelKey")
@NamedQuery(
    name = "ExecutionLabel.countByExecution",
    query = "SELECT COUNT(l) FROM ExecutionLabel l WHERE l.executionId = :executionId")
public class ExecutionLabel {

  @Id
  @Column(name = "execution_id", length = 128)
  private String executionId;

  @Id
  @Column(name = "label_key", length = Labels.MAX_KEY_LENGTH)
  private String labelKey;

  /** Twice the longest value in UTF-16 code units: 256 code points may take 512 of them. */
  @Column(name = "label_value", length = 2 * Labels.MAX_VALUE_LENGTH, nullable = false)
  private String labelValue;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected ExecutionLabel() {}

  public ExecutionLabel(String executionId, String key, String value, Instant createdAt) {
    this.executionId = executionId;
    this.labelKey = key;
    this.labelValue = value;
    this.createdAt = createdAt;
  }

  public String getExecutionId() {
    return executionId;
  }

  public String getKey() {
    return labelKey;
  }

  public String getValue() {
    return labelValue;
  }

  public void setValue(String value) {
    this.labelValue = value;
  }

  /** The primary key: execution and label key. */
  public static class Key implements Serializable {

    private static final long serialVersionUID = 1L;

    private String executionId;
    private String labelKey;

    public Key() {}

    public Key(String executionId, String labelKey) {
      this.executionId = executionId;
      this.labelKey = labelKey;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key that
          && Objects.equals(executionId, that.executionId)
          && Objects.equals(labelKey, that.labelKey);
    }

    @Override
    public int hashCode() {
      return Objects.hash(executionId, labelKey);
    }
  }
}
