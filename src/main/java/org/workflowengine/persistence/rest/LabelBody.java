package org.workflowengine.persistence.rest;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import org.workflowengine.persistence.model.StrictStringDeserializer;

/**
 * One label: {@code {"value": "prod"}} in a request (the key is in the path), {@code {"key": "env",
 * "value": "prod"}} in the answer.
 */
@JsonbPropertyOrder({"key", "value"})
public class LabelBody {

  @JsonbProperty("key")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  private String key;

  @JsonbProperty("value")
  @JsonbTypeDeserializer(StrictStringDeserializer.class)
  private String value;

  public LabelBody() {}

  LabelBody(String key, String value) {
    this.key = key;
    this.value = value;
  }

  /** The label's key; set from the path, whatever a request body says. */
  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  /** The label's value (required). */
  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }
}
