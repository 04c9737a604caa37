package org.workflowengine.persistence.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

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
    StringBuilderWriter out = new StringBuilderWriter();
    try (JsonGenerator generator = JsonFormats.GENERATORS.createGenerator(out)) {
      write(generator, null, value);
    }
    return out.toString();
  }

  /** A {@link java.io.StringWriter} without its lock: the text is built by one thread. */
  private static final class StringBuilderWriter extends Writer {
    private final StringBuilder text = new StringBuilder(1024);

    @Override
    public void write(char[] chars, int offset, int length) {
      text.append(chars, offset, length);
    }

    @Override
    public void write(String string, int offset, int length) {
      text.append(string, offset, offset + length);
    }

    @Override
    public void write(int c) {
      text.append((char) c);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
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
    // Checked first, then encoded by String.getBytes (the JDK's fast path): for well-formed text
    // it gives exactly what a strict encoder would, and ill-formed text never reaches it.
    if (UnicodeText.firstUnpairedSurrogate(text) >= 0) {
      throw new IllegalArgumentException(
          "JSON text that is not valid Unicode cannot be stored: it "
              + UnicodeText.problemOf(text));
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonGenerator generator, String key, JsonValue value) {
    switch (value.getValueType()) {
      case OBJECT -> {
        if (key == null) {
          generator.writeStartObject();
        } else {
          generator.writeStartObject(key);
        }
        JsonObject object = (JsonObject) value;
        // Sorted by String.compareTo, as the canonical form says; an array is cheaper than a map.
        String[] keys = object.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        for (String member : keys) {
          write(generator, member, object.get(member));
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
