package org.workflowengine.persistence.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores {@link WorkflowStatus} as its wire name, so rows read the same in SQL as in JSON and a
 * reordering of the enum never changes stored data.
 */
@Converter(autoApply = true)
public class WorkflowStatusConverter implements AttributeConverter<WorkflowStatus, String> {

  @Override
  public String convertToDatabaseColumn(WorkflowStatus status) {
    return status == null ? null : status.wireName();
  }

  @Override
  public WorkflowStatus convertToEntityAttribute(String name) {
    return name == null ? null : WorkflowStatus.fromWire(name);
  }
}
