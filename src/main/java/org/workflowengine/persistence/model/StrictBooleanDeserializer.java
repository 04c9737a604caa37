package org.workflowengine.persistence.model;

import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * Reads only the JSON literals {@code true} and {@code false}. Why: JSON-B implementations also
 * accept strings and read anything but {@code "true"} as false, so {@code "success": "maybe"} would
 * be stored as a failure instead of refused.
 */
public class StrictBooleanDeserializer implements JsonbDeserializer<Boolean> {

  @Override
  public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
    JsonValue value = parser.getValue();
    return switch (value.getValueType()) {
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case NULL -> null;
      default -> throw new JsonbException("Expected true, false or null but found " + value);
    };
  }
}
