package org.workflowengine.persistence.model;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * Reads only JSON strings. Why: JSON-B implementations turn a number or boolean into its text, so
 * {@code "workflow_name": 42} would be stored as the name "42" instead of refused as a wrong type.
 */
public class StrictStringDeserializer implements JsonbDeserializer<String> {

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
    JsonValue value = parser.getValue();
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NULL -> null;
      default -> throw new JsonbException("Expected a string but found " + value);
    };
  }
}
