package org.workflowengine.persistence.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
 *
 * <p>Why the form is injective: parsing is a function, and it inverts {@link #of} ({@code
 * parse(of(v)).equals(v)}); so {@code of(a).equals(of(b))} implies {@code a.equals(b)}. The hash is
 * taken over the UTF-8 bytes of the text, and UTF-8 is injective on well-formed Unicode only: a
 * string with an unpaired surrogate would be encoded with a replacement character, sharing its
 * bytes with another string. Such a value is therefore refused ({@link IllegalArgumentException}),
 * never replaced; the input rules ({@code json/JsonInput}, the model's constraints) refuse it
 * earlier with a message that names the field. {@code CanonicalJsonProperties} checks both
 * directions over generated values.
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  /** The canonical text of {@code value}. */
  public static String of(JsonValue value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JsonFormats.GENERATORS.createGenerator(out)) {
      write(generator, null, value);
    }
    return out.toString();
  }

  /**
   * Lower-case hex SHA-256 of the UTF-8 bytes of {@code canonicalText}.
   *
   * @throws IllegalArgumentException if the text is not well-formed Unicode
   */
  public static String sha256(String canonicalText) {
    return sha256(utf8(canonicalText));
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform provides SHA-256", e);
    }
  }

  /**
   * The UTF-8 bytes of {@code text}, encoded strictly.
   *
   * @throws IllegalArgumentException if the text is not well-formed Unicode (an unpaired
   *     surrogate), which {@link String#getBytes} would silently replace
   */
  public static byte[] utf8(String text) {
    try {
      ByteBuffer bytes =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] out = new byte[bytes.remaining()];
      bytes.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "JSON text that is not valid Unicode cannot be stored: it " + UnicodeText.problemOf(text),
          e);
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
      case NUMBER -> {
        if (!JsonInput.isRepresentable(((JsonNumber) value).bigDecimalValue())) {
          throw new IllegalArgumentException(
              "A JSON number whose exponent is out of range cannot be stored: " + value);
        }
        if (key == null) {
          generator.write(value);
        } else {
          generator.write(key, value);
        }
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
