package org.workflowengine.persistence.json;

import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The rules every JSON document that comes in must pass before anything binds or stores it — a REST
 * request body and each line of an import alike — so that there is one set of rules for every way
 * data comes in:
 *
 * <ul>
 *   <li>UTF-8, strictly: a malformed byte sequence is refused, never replaced;
 *   <li>one JSON object, and nothing after it;
 *   <li>no key twice in one object (which one would win?);
 *   <li>at most {@value #MAX_DEPTH} levels of objects and arrays;
 *   <li>every key and string well-formed Unicode (no unpaired surrogate, see {@link UnicodeText});
 *   <li>every number representable as a {@code BigDecimal} (an exponent beyond its range is
 *       refused).
 * </ul>
 *
 * <p>The check streams (no tree is built and nothing recurses), so a document nested 100,000 deep
 * is refused in constant stack. Each refusal names the place as a JSON Pointer (RFC 6901).
 */
public final class JsonInput {

  /** Largest document accepted, bytes of UTF-8: twice the default snapshot limit. */
  public static final int MAX_BYTES = 8 * 1024 * 1024;

  /** Deepest nesting of objects and arrays accepted. */
  public static final int MAX_DEPTH = 500;

  private JsonInput() {}

  /**
   * Decodes UTF-8 strictly.
   *
   * @throws InvalidJsonException if {@code bytes} is not valid UTF-8
   */
  public static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidJsonException("is not valid UTF-8");
    }
  }

  /**
   * Checks that {@code text} is one JSON object that passes every rule above.
   *
   * @throws InvalidJsonException naming the first broken rule and where
   */
  public static void checkObject(String text) {
    if (text.isBlank()) {
      throw new InvalidJsonException("is empty; a JSON object is needed");
    }
    Deque<Level> levels = new ArrayDeque<>();
    try (JsonParser parser = JsonFormats.PARSERS.createParser(new StringReader(text))) {
      boolean started = false;
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        if (!started && event != JsonParser.Event.START_OBJECT) {
          throw new InvalidJsonException("must be a JSON object");
        }
        if (started && levels.isEmpty()) {
          throw new InvalidJsonException("has text after its JSON value");
        }
        started = true;
        switch (event) {
          case START_OBJECT, START_ARRAY -> {
            if (!levels.isEmpty()) {
              levels.peek().valueSeen();
            }
            if (levels.size() >= MAX_DEPTH) {
              throw new InvalidJsonException(
                  "nests deeper than " + MAX_DEPTH + " levels (at " + pointer(levels) + ")");
            }
            levels.push(new Level(event == JsonParser.Event.START_OBJECT));
          }
          case END_OBJECT, END_ARRAY -> levels.pop();
          case KEY_NAME -> {
            String key = parser.getString();
            Level level = levels.peek();
            level.key = key;
            if (!UnicodeText.isWellFormed(key)) {
              level.key = "";
              throw new InvalidJsonException(
                  "has a key that "
                      + UnicodeText.problemOf(key)
                      + " (in the object at "
                      + pointer(levels)
                      + ")");
            }
            if (!level.keys.add(key)) {
              throw new InvalidJsonException(
                  "has the key \""
                      + abbreviate(key)
                      + "\" twice in one object (at "
                      + pointer(levels)
                      + ")");
            }
          }
          case VALUE_STRING -> {
            levels.peek().valueSeen();
            String value = parser.getString();
            if (!UnicodeText.isWellFormed(value)) {
              throw new InvalidJsonException(
                  "has a string at " + pointer(levels) + " that " + UnicodeText.problemOf(value));
            }
          }
          case VALUE_NUMBER -> {
            levels.peek().valueSeen();
            try {
              parser.getBigDecimal();
            } catch (NumberFormatException | ArithmeticException e) {
              throw new InvalidJsonException(
                  "has a number at " + pointer(levels) + " whose exponent is out of range");
            }
          }
          default -> levels.peek().valueSeen();
        }
      }
    } catch (JsonParsingException e) {
      throw new InvalidJsonException("is not valid JSON: " + e.getMessage());
    }
  }

  /**
   * True when {@code number}'s text ({@link BigDecimal#toString}, what the canonical form writes)
   * parses back to the same number. It does not when the exponent lies beyond an {@code int}, as a
   * {@code BigDecimal} built in Java can have ({@code new BigDecimal(ONE, MIN_VALUE + 1)}): such a
   * number is refused, since stored it could never be read back.
   */
  public static boolean isRepresentable(BigDecimal number) {
    if (Math.abs((long) number.scale()) < 1_000_000_000L) {
      return true;
    }
    try {
      return new BigDecimal(number.toString()).equals(number);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The JSON Pointer of the value being read. */
  private static String pointer(Deque<Level> levels) {
    StringBuilder pointer = new StringBuilder();
    java.util.Iterator<Level> outermostFirst = levels.descendingIterator();
    while (outermostFirst.hasNext()) {
      Level level = outermostFirst.next();
      String step = level.object ? level.key : String.valueOf(Math.max(level.index, 0));
      if (step == null) {
        break;
      }
      pointer.append('/').append(abbreviate(step).replace("~", "~0").replace("/", "~1"));
    }
    return pointer.length() == 0 ? "/" : pointer.toString();
  }

  private static String abbreviate(String key) {
    return key.length() <= 60 ? key : key.substring(0, 60) + "…";
  }

  /** One open object or array: the keys seen (objects) or the index reached (arrays). */
  private static final class Level {
    final boolean object;
    final Set<String> keys;
    String key;
    int index = -1;

    Level(boolean object) {
      this.object = object;
      this.keys = object ? new HashSet<>() : Set.of();
    }

    void valueSeen() {
      if (!object) {
        index++;
      }
    }
  }
}
