package org.workflowengine.persistence.rest;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import org.workflowengine.persistence.model.StrictBooleanDeserializer;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.model.WorkflowStatusAdapter;

/** The body of a status change: {@code {"status": "Complete", "success": true}}. */
public class StatusChange {

  @JsonbProperty("status")
  @JsonbTypeAdapter(WorkflowStatusAdapter.class)
  private WorkflowStatus status;

  @JsonbProperty("success")
  @JsonbTypeDeserializer(StrictBooleanDeserializer.class)
  private Boolean success;

  /** The status to move to (required). */
  public WorkflowStatus getStatus() {
    return status;
  }

  public void setStatus(WorkflowStatus status) {
    this.status = status;
  }

  /** The outcome to record when the status is terminal; optional. */
  public Boolean getSuccess() {
    return success;
  }

  public void setSuccess(Boolean success) {
    this.success = success;
  }
}
