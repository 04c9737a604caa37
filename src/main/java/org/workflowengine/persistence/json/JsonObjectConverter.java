package org.workflowengine.persistence.json;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import jakarta.persistence.PersistenceException;
import java.io.StringReader;

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
 * <p>Reading uses the JSON-P parser that JSON-B is built on rather than {@code Jsonb.fromJson},
 * because the latter stops after the first value and would accept text with trailing garbage.
 *
 * <p>The converted value is treated as immutable by EclipseLink: callers replace a {@code
 * JsonObject} whole (it is immutable anyway), never mutate it in place.
 */
@Converter
public class JsonObjectConverter implements AttributeConverter<JsonObject, String> {

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
    try (JsonParser parser = JsonFormats.PARSERS.createParser(new StringReader(text))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw new JsonException("it is not a JSON object");
      }
      JsonObject json = parser.getObject();
      if (parser.hasNext()) {
        throw new JsonException("there is text after the object");
      }
      return json;
    } catch (JsonException | IllegalStateException e) {
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
