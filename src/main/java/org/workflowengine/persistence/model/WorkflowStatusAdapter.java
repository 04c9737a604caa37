package org.workflowengine.persistence.model;

import jakarta.json.bind.adapter.JsonbAdapter;

/** Maps {@link WorkflowStatus} to its wire spelling in JSON, accepting any letter case on input. */
public class WorkflowStatusAdapter implements JsonbAdapter<WorkflowStatus, String> {

  @Override
  public String adaptToJson(WorkflowStatus status) {
    return status == null ? null : status.wireName();
  }

  @Override
  public WorkflowStatus adaptFromJson(String name) {
    return name == null ? null : WorkflowStatus.fromWire(name);
  }
}
