package org.workflowengine.persistence.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JSON as a document shows it, abridged: {@code …} stands for members or elements left out (as in
 * {@code {"id":"a",…}}) or for part of a string ({@code "1a3b90…"}). {@link #mismatch} compares
 * such a text with a real value: the members shown must be there with the values shown, other
 * members may be there too, a string with {@code …} matches any text in its place, and a timestamp
 * matches any timestamp (the times of a real run differ from the document's).
 */
public final class AbridgedJson {

  /** What {@code …} stands for. */
  public static final String ELLIPSIS = "\u2026";

  private AbridgedJson() {}

  /** Parses {@code text}, a JSON value in which {@code …} may stand for what was left out. */
  public static JsonValue parse(String text) {
    List<String> strings = new ArrayList<>();
    StringBuilder masked = new StringBuilder();
    List<Character> open = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        int end = i + 1;
        while (text.charAt(end) != '"') {
          end += text.charAt(end) == '\\' ? 2 : 1;
        }
        strings.add(text.substring(i, end + 1));
        masked.append('\u0000').append(strings.size() - 1).append('\u0000');
        i = end;
      } else if (c == '{' || c == '[') {
        open.add(c);
        masked.append(c);
      } else if (c == '}' || c == ']') {
        open.remove(open.size() - 1);
        masked.append(c);
      } else if (c == ELLIPSIS.charAt(0)) {
        // Left-out members of an object vanish; a left-out run of elements is marked.
        boolean inArray = !open.isEmpty() && open.get(open.size() - 1) == '[';
        if (inArray) {
          strings.add("\"" + ELLIPSIS + "\"");
          masked.append('\u0000').append(strings.size() - 1).append('\u0000');
        }
      } else {
        masked.append(c);
      }
    }
    String tidy =
        masked
            .toString()
            .replaceAll("([{\\[,])\\s*,", "$1")
            .replaceAll("([{\\[,])\\s*,", "$1")
            .replaceAll(",\\s*([}\\]])", "$1");
    StringBuilder json = new StringBuilder();
    var matcher = Pattern.compile("\u0000(\\d+)\u0000").matcher(tidy);
    while (matcher.find()) {
      matcher.appendReplacement(
          json,
          java.util.regex.Matcher.quoteReplacement(
              strings.get(Integer.parseInt(matcher.group(1)))));
    }
    matcher.appendTail(json);
    return Json.createReader(new StringReader(json.toString())).readValue();
  }

  /** Where {@code actual} differs from the abridged {@code expected}, or empty if nowhere. */
  public static Optional<String> mismatch(JsonValue expected, JsonValue actual) {
    return mismatch("$", expected, actual);
  }

  private static Optional<String> mismatch(String path, JsonValue expected, JsonValue actual) {
    if (expected instanceof JsonObject shown) {
      if (!(actual instanceof JsonObject real)) {
        return differs(path, expected, actual);
      }
      for (var member : shown.entrySet()) {
        if (!real.containsKey(member.getKey())) {
          return Optional.of(path + "." + member.getKey() + " is missing");
        }
        Optional<String> inner =
            mismatch(path + "." + member.getKey(), member.getValue(), real.get(member.getKey()));
        if (inner.isPresent()) {
          return inner;
        }
      }
      return Optional.empty();
    }
    if (expected instanceof JsonArray shown) {
      if (!(actual instanceof JsonArray real)) {
        return differs(path, expected, actual);
      }
      List<JsonValue> elements = shown.stream().filter(value -> !isEllipsis(value)).toList();
      boolean abridged = elements.size() < shown.size();
      if (abridged ? real.size() < elements.size() : real.size() != elements.size()) {
        return Optional.of(
            path + " has " + real.size() + " elements, shown " + elements.size() + ": " + actual);
      }
      for (int i = 0; i < elements.size(); i++) {
        Optional<String> inner = mismatch(path + "[" + i + "]", elements.get(i), real.get(i));
        if (inner.isPresent()) {
          return inner;
        }
      }
      return Optional.empty();
    }
    if (expected instanceof JsonString shown && shown.getString().contains(ELLIPSIS)) {
      return actual instanceof JsonString real && glob(shown.getString(), real.getString())
          ? Optional.empty()
          : differs(path, expected, actual);
    }
    if (expected instanceof JsonString shown && isTimestamp(shown.getString())) {
      return actual instanceof JsonString real && isTimestamp(real.getString())
          ? Optional.empty()
          : differs(path, expected, actual);
    }
    return expected.equals(actual) ? Optional.empty() : differs(path, expected, actual);
  }

  /** Whether {@code text} matches {@code pattern}, where {@code …} stands for any text. */
  public static boolean glob(String pattern, String text) {
    String[] parts = pattern.split(ELLIPSIS, -1);
    if (!text.startsWith(parts[0])) {
      return false;
    }
    int at = parts[0].length();
    for (int i = 1; i < parts.length - 1; i++) {
      int found = text.indexOf(parts[i], at);
      if (found < 0) {
        return false;
      }
      at = found + parts[i].length();
    }
    String last = parts[parts.length - 1];
    return parts.length == 1
        ? text.equals(pattern)
        : text.length() - last.length() >= at && text.endsWith(last);
  }

  private static boolean isEllipsis(JsonValue value) {
    return value instanceof JsonString text && text.getString().equals(ELLIPSIS);
  }

  private static boolean isTimestamp(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static Optional<String> differs(String path, JsonValue expected, JsonValue actual) {
    return Optional.of(path + " is " + actual + ", shown " + expected);
  }
}
