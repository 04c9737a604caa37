package org.workflowengine.persistence.model;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code labels}: a JSON object whose values are all strings (null: no labels). JSON-B would
 * turn {@code "retries": 3} into the text "3"; a label value that is not a string is refused
 * instead, naming its key.
 */
public class LabelsDeserializer implements JsonbDeserializer<Map<String, String>> {

  @Override
  public Map<String, String> deserialize(
      JsonParser parser, DeserializationContext context, Type type) {
    JsonValue value = parser.getValue();
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      return new TreeMap<>();
    }
    if (!(value instanceof JsonObject object)) {
      throw new JsonbException("labels must be an object of strings, found " + value);
    }
    Map<String, String> labels = new TreeMap<>();
    object.forEach(
        (key, labelValue) -> {
          if (!(labelValue instanceof JsonString text)) {
            throw new JsonbException(
                "labels: the value of '" + key + "' must be a string, found " + labelValue);
          }
          labels.put(key, text.getString());
        });
    return labels;
  }
}
