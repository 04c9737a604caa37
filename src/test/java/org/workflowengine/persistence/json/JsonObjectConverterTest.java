package org.workflowengine.persistence.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import java.io.StringReader;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The snapshot's JSON-B converter: what goes into the CLOB and what comes back. */
class JsonObjectConverterTest {

  private final JsonObjectConverter converter = new JsonObjectConverter();

  private static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }

  private JsonObject roundTrip(JsonObject json) {
    return converter.convertToEntityAttribute(converter.convertToDatabaseColumn(json));
  }

  @Test
  void nullStaysNullBothWays() {
    assertThat(converter.convertToDatabaseColumn(null)).isNull();
    assertThat(converter.convertToEntityAttribute(null)).isNull();
  }

  @Test
  void theEmptyObjectIsStoredAsBraces() {
    assertThat(converter.convertToDatabaseColumn(JsonObject.EMPTY_JSON_OBJECT)).isEqualTo("{}");
    assertThat(converter.convertToEntityAttribute("{}")).isEqualTo(JsonObject.EMPTY_JSON_OBJECT);
  }

  @Test
  void nestedArraysAndObjectsSurvive() {
    JsonObject workflow =
        parse(
            """
            {"name": "etl", "tasks": [
              {"id": "a", "next": ["b", "c"], "retry": {"max": 3, "backoff": [1, 2, 4]}},
              {"id": "b", "params": {"deep": {"deeper": {"deepest": [[], [{}], null, true]}}}}
            ], "edges": [["a", "b"], ["a", "c"]]}
            """);

    assertThat(roundTrip(workflow)).isEqualTo(workflow);
  }

  @Test
  void unicodeSurvives() {
    JsonObject workflow =
        parse(
            "{\"name\": \"Überweisung → 送金 🚀\", \"emoji\": \"\\ud83d\\ude80\", \"nul\": \"a\\u0000b\"}");

    JsonObject back = roundTrip(workflow);

    assertThat(back).isEqualTo(workflow);
    assertThat(back.getString("name")).isEqualTo("Überweisung → 送金 🚀");
    assertThat(back.getString("nul")).isEqualTo("a\u0000b");
  }

  @Test
  void largeAndDecimalNumbersKeepTheirValueAndScale() {
    JsonObject workflow =
        parse(
            "{\"price\": 1.50, \"big\": 123456789012345678901234567890, \"tiny\": 0.000000000001,"
                + " \"negative\": -42, \"max_long\": 9223372036854775807}");

    String stored = converter.convertToDatabaseColumn(workflow);
    JsonObject back = converter.convertToEntityAttribute(stored);

    assertThat(stored).contains("\"price\":1.50");
    assertThat(back).isEqualTo(workflow);
    assertThat(back.getJsonNumber("price").bigDecimalValue()).isEqualTo(new BigDecimal("1.50"));
    assertThat(back.getJsonNumber("big").bigIntegerValue())
        .isEqualTo(new BigDecimal("123456789012345678901234567890").toBigInteger());
    assertThat(back.getJsonNumber("max_long").longValueExact()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void storedTextIsCanonical() {
    assertThat(converter.convertToDatabaseColumn(parse("{ \"b\" : 1 ,\n \"a\" : [ 2 , 3 ] }")))
        .isEqualTo("{\"a\":[2,3],\"b\":1}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"name\": ", "not json", "{\"a\": 1} trailing", "[1, 2]", "\"text\""})
  void malformedStoredTextIsAClearError(String stored) {
    assertThatThrownBy(() -> converter.convertToEntityAttribute(stored))
        .isInstanceOf(PersistenceException.class)
        .hasMessageContaining("Stored JSON object cannot be read")
        .hasMessageContaining(stored.substring(0, Math.min(stored.length(), 5)));
  }

  @Test
  void storedNullLiteralIsAnErrorNotASilentNull() {
    assertThatThrownBy(() -> converter.convertToEntityAttribute("null"))
        .isInstanceOf(PersistenceException.class)
        .hasMessageContaining("cannot be read");
  }
}
