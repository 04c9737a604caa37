package org.workflowengine.persistence.snapshot;

import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import jakarta.persistence.PersistenceException;

/**
 * Stores a JSON object (a workflow snapshot, a task's output, an audit entry's details) as text in
 * a CLOB ({@code text} on PostgreSQL).
 *
 * <p>Why a converter: neither JPA provider maps {@code JsonObject}, and a CLOB of canonical JSON is
 * portable across Derby and PostgreSQL and readable in SQL. Objects are written in canonical form
 * (see {@link CanonicalJson}) so equal content is equal text. Null-safe both ways. Stored text that
 * is not a JSON object is reported as a {@link PersistenceException} naming the problem, never
 * turned into a silent null.
 *
 * <p>The converted value is treated as immutable by EclipseLink: callers replace a {@code
 * JsonObject} whole (it is immutable anyway), never mutate it in place.
 */
@Converter
public class JsonObjectConverter implements AttributeConverter<JsonObject, String> {

  /** {@code Jsonb} is thread-safe and costly to create: one for all conversions. */
  private static final Jsonb JSONB = JsonbBuilder.create();

  private static final int EXCERPT_LENGTH = 80;

  @Override
  public String convertToDatabaseColumn(JsonObject json) {
    return json == null ? null : CanonicalJson.of(json);
  }

  @Override
  public JsonObject convertToEntityAttribute(String text) {
    if (text == null) {
      return null;
    }
    try {
      JsonObject json = JSONB.fromJson(text, JsonObject.class);
      if (json == null) {
        throw new PersistenceException(
            "Stored JSON is not an object (it is 'null'): " + excerpt(text));
      }
      return json;
    } catch (JsonbException | ClassCastException e) {
      throw new PersistenceException(
          "Stored JSON object cannot be read: "
              + e.getMessage()
              + "; stored text starts with: "
              + excerpt(text),
          e);
    }
  }

  private static String excerpt(String text) {
    return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH) + "…";
  }
}
