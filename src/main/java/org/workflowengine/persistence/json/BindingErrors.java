package org.workflowengine.persistence.json;

import java.time.DateTimeException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.workflowengine.persistence.lang.Causes;

/**
 * Says what a JSON-B binding failure means to the client who sent the JSON — a request body or an
 * import line — without the binder's internals (class names, configuration keys, "Internal error"
 * texts), which tell a client nothing and tell an attacker which library parses.
 */
public final class BindingErrors {

  private BindingErrors() {}

  /** How the binder names the field it failed on, at every level of nesting. */
  private static final Pattern PROPERTY = Pattern.compile("deserialize property '([^']+)'");

  /** Text that speaks of the binder's own classes or settings rather than of the client's JSON. */
  private static final Pattern INTERNAL =
      Pattern.compile(
          "(?:\\b(?:org|com|java|javax|jakarta|sun)\\.[a-z]+\\.)|Internal error|@Jsonb|Yasson",
          Pattern.CASE_INSENSITIVE);

  /**
   * What the client got wrong, in the client's terms: the wire names of the field (outermost first)
   * and the innermost message, unless that message speaks of the binder's internals (class names,
   * settings), which are no use to a client and are replaced by a plain description.
   */
  public static String describe(Throwable e) {
    Set<String> fields = new LinkedHashSet<>();
    String innermost = null;
    boolean instant = false;
    for (Throwable t : Causes.of(e).toList()) {
      String message = t.getMessage();
      if (message == null) {
        continue;
      }
      Matcher property = PROPERTY.matcher(message);
      while (property.find()) {
        fields.add(property.group(1));
      }
      instant |= message.contains("java.time.Instant") || t instanceof DateTimeException;
      innermost = message;
    }
    String what;
    if (instant) {
      what = "expected an RFC 3339 timestamp such as 2025-01-15T10:30:00Z";
    } else if (innermost == null
        || INTERNAL.matcher(innermost).find()
        || PROPERTY.matcher(innermost).find()) {
      what = "a value of the wrong type or form";
    } else {
      what = innermost;
    }
    return fields.isEmpty() ? what : String.join(".", fields) + ": " + what;
  }
}
