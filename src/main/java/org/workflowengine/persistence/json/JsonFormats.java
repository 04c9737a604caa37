package org.workflowengine.persistence.json;

import jakarta.json.Json;
import jakarta.json.JsonReaderFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParserFactory;
import java.util.Map;

/**
 * The one JSON-B configuration and the JSON-P factories every part of the module shares, each
 * created once and thread-safe ({@code Json.createParser} and friends look the JSON-P provider up
 * on every call; {@code JsonbBuilder.create} builds a whole mapping context).
 *
 * <p>The REST API and export write with the same {@link #JSONB}, so an exported line and a {@code
 * GET} answer spell an execution the same way.
 */
public final class JsonFormats {

  /**
   * Field names and the status spelling are fixed on the model; here: absent values are written as
   * {@code null}, so every field of the wire format is always present.
   */
  public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

  /** Parsers for text: {@link JsonInput} and {@link JsonObjectConverter}. */
  public static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  /** Readers for text that must be one JSON value (export lines). */
  public static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  /**
   * Values, builders and the rest of JSON-P for code that makes many of them (a hash chain's
   * links): {@code Json.createValue} and {@code Json.createObjectBuilder} look the provider up on
   * every call, through the class loader.
   */
  public static final JsonProvider PROVIDER = JsonProvider.provider();

  /** Generators for {@link CanonicalJson}. */
  public static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

  private JsonFormats() {}
}
