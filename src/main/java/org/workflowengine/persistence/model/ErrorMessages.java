package org.workflowengine.persistence.model;

import java.util.regex.Pattern;

/**
 * Error messages as the statistics count them: with what varies from one occurrence to the next
 * masked, so that "timeout after 31 s" and "timeout after 29 s" are one message. In order: UUIDs,
 * then runs of 12 or more hexadecimal digits holding a digit (hashes, trace and object ids), then
 * every number (digits, with any decimal or thousands separators) become {@code #}; white space
 * runs become one space; the result is trimmed and cut to {@value #MAX_LENGTH} characters.
 */
public final class ErrorMessages {

  /** The longest normalised message kept. */
  public static final int MAX_LENGTH = 200;

  private static final Pattern UUID =
      Pattern.compile("(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
  private static final Pattern HEX = Pattern.compile("(?i)\\b(?=[a-f]*[0-9])[0-9a-f]{12,}\\b");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private ErrorMessages() {}

  /** {@code message} with numbers and ids masked; empty for null. */
  public static String normalise(String message) {
    if (message == null) {
      return "";
    }
    String masked = UUID.matcher(message).replaceAll("#");
    masked = HEX.matcher(masked).replaceAll("#");
    masked = NUMBER.matcher(masked).replaceAll("#");
    masked = SPACE.matcher(masked).replaceAll(" ").strip();
    return masked.codePointCount(0, masked.length()) <= MAX_LENGTH
        ? masked
        : masked.substring(0, masked.offsetByCodePoints(0, MAX_LENGTH));
  }
}
