package org.workflowengine.persistence.snapshot;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical text of a JSON value and its SHA-256: what makes snapshots content-addressed.
 *
 * <p>Canonical form: object keys sorted (by UTF-16 code units, as {@link String#compareTo}), no
 * insignificant whitespace, strings escaped by JSON-P, numbers written as JSON-P holds them (the
 * parsed {@code BigDecimal}: {@code 1.50} stays {@code 1.50}, {@code 1e3} becomes {@code 1E+3}).
 * Two values that are {@code equals} as JSON-P values therefore have the same canonical text, and
 * parsing the text gives back a value {@code equals} to the original.
 */
public final class CanonicalJson {

  /**
   * Created once: {@code Json.createGenerator} looks the JSON-P provider up on every call, which
   * scans the class path and cost more than the canonicalization itself.
   */
  private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

  private CanonicalJson() {}

  /** The canonical text of {@code value}. */
  public static String of(JsonValue value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = GENERATORS.createGenerator(out)) {
      write(generator, null, value);
    }
    return out.toString();
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code canonicalText}. */
  public static String sha256(String canonicalText) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(canonicalText.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform provides SHA-256", e);
    }
  }

  private static void write(JsonGenerator generator, String key, JsonValue value) {
    switch (value.getValueType()) {
      case OBJECT -> {
        if (key == null) {
          generator.writeStartObject();
        } else {
          generator.writeStartObject(key);
        }
        for (Map.Entry<String, JsonValue> member : new TreeMap<>((JsonObject) value).entrySet()) {
          write(generator, member.getKey(), member.getValue());
        }
        generator.writeEnd();
      }
      case ARRAY -> {
        if (key == null) {
          generator.writeStartArray();
        } else {
          generator.writeStartArray(key);
        }
        for (JsonValue element : (JsonArray) value) {
          write(generator, null, element);
        }
        generator.writeEnd();
      }
      default -> {
        if (key == null) {
          generator.write(value);
        } else {
          generator.write(key, value);
        }
      }
    }
  }
}
