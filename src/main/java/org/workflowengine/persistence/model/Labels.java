package org.workflowengine.persistence.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.workflowengine.persistence.json.UnicodeText;

/**
 * The rules of an execution's labels, wherever labels come in (a create or replacement, one label
 * set on its own, an import line, a listing filter): at most {@value #MAX_LABELS} of them; a key of
 * 1 to 64 characters matching {@value #KEY_PATTERN}; a value of 0 to {@value #MAX_VALUE_LENGTH}
 * characters (Unicode code points) of valid Unicode text without control characters.
 */
public final class Labels {

  public static final int MAX_LABELS = 32;
  public static final String KEY_PATTERN = "[a-z0-9][a-z0-9._/-]{0,62}";
  public static final int MAX_KEY_LENGTH = 63;
  public static final int MAX_VALUE_LENGTH = 256;

  private static final Pattern KEY = Pattern.compile(KEY_PATTERN);

  private Labels() {}

  /** Every rule {@code labels} breaks, each naming its label; empty when it keeps them all. */
  public static List<String> violationsOf(Map<String, String> labels) {
    List<String> violations = new ArrayList<>();
    if (labels == null) {
      return violations;
    }
    if (labels.size() > MAX_LABELS) {
      violations.add(
          "labels: at most " + MAX_LABELS + " labels are allowed, there are " + labels.size());
    }
    labels.forEach(
        (key, value) -> {
          String keyProblem = keyViolation(key);
          if (keyProblem != null) {
            violations.add(keyProblem);
          } else {
            String valueProblem = valueViolation(key, value);
            if (valueProblem != null) {
              violations.add(valueProblem);
            }
          }
        });
    return violations;
  }

  /** What is wrong with a label key, naming it; null when it is a key. */
  public static String keyViolation(String key) {
    if (key == null) {
      return "labels: a label key is missing";
    }
    if (!UnicodeText.isStorable(key) || !KEY.matcher(key).matches()) {
      return "labels: key '"
          + printable(key)
          + "' must be 1 to 63 characters: a lower-case letter or digit, then lower-case letters,"
          + " digits and . _ / -";
    }
    return null;
  }

  /** What is wrong with the value of label {@code key}, naming the label; null when it is fine. */
  public static String valueViolation(String key, String value) {
    String label = "labels: the value of '" + key + "'";
    if (value == null) {
      return label + " must be a string";
    }
    if (!UnicodeText.isWellFormed(value)) {
      return label + " " + UnicodeText.problemOf(value);
    }
    int length = value.codePointCount(0, value.length());
    if (length > MAX_VALUE_LENGTH) {
      return label + " must be at most " + MAX_VALUE_LENGTH + " characters, was " + length;
    }
    if (value.codePoints().anyMatch(Character::isISOControl)) {
      return label + " must not contain control characters";
    }
    return null;
  }

  /** A key for a message: control characters and broken surrogates shown as escapes, cut short. */
  private static String printable(String key) {
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < key.length() && shown.length() < 80; i++) {
      char c = key.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        shown.append(String.format("\\u%04x", (int) c));
      } else {
        shown.append(c);
      }
    }
    return key.length() > 80 ? shown + "…" : shown.toString();
  }
}
