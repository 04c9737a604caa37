package org.workflowengine.persistence.model;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * Reads only whole JSON numbers that fit an {@code int}. Why: JSON-B implementations also accept
 * strings and truncate fractions, so {@code "attempt": "2"} or {@code 1.7} would pass unnoticed.
 */
public class StrictIntegerDeserializer implements JsonbDeserializer<Integer> {

  @Override
  public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
    JsonValue value = parser.getValue();
    if (value.getValueType() == JsonValue.ValueType.NUMBER) {
      JsonNumber number = (JsonNumber) value;
      if (number.isIntegral()) {
        try {
          return number.intValueExact();
        } catch (ArithmeticException e) {
          throw new JsonbException("Expected a whole number within int range but found " + value);
        }
      }
    }
    throw new JsonbException("Expected a whole number but found " + value);
  }
}
