package org.workflowengine.persistence.json;

/**
 * Whether a Java string is text that can be stored and read back unchanged.
 *
 * <p>A Java string is a sequence of UTF-16 code units, and not every sequence is Unicode text: a
 * high surrogate must be followed by a low one, and a low surrogate must follow a high one. JSON
 * lets a client write an unpaired surrogate as an escape ({@code "\ud800"}), and encoding such a
 * string as UTF-8 silently replaces it with {@code ?}: the store would keep text other than the
 * text it was given, and two different definitions would share one hash. So unpaired surrogates are
 * refused wherever text comes in, never replaced.
 */
public final class UnicodeText {

  private UnicodeText() {}

  /** The index of the first unpaired surrogate in {@code text}, or -1 when it is well-formed. */
  public static int firstUnpairedSurrogate(CharSequence text) {
    if (text instanceof String string) {
      // The common case, and the one on every write path: a monomorphic loop the JIT compiles
      // tightly, which the interface calls of a CharSequence loop are not.
      return firstUnpairedSurrogate(string);
    }
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static int firstUnpairedSurrogate(String text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else {
        return i;
      }
    }
    return -1;
  }

  /**
   * True when {@code text} is well-formed Unicode (null counts as well-formed: nothing to check).
   */
  public static boolean isWellFormed(CharSequence text) {
    return text == null || firstUnpairedSurrogate(text) < 0;
  }

  /**
   * True when {@code text} can be kept in a text column of either database: well-formed, and
   * without U+0000, which PostgreSQL cannot store in {@code text} (inside JSON values it is written
   * as the escape {@code \u0000} and needs no such rule).
   */
  public static boolean isStorable(CharSequence text) {
    return text == null || (isWellFormed(text) && text.toString().indexOf('\u0000') < 0);
  }

  /** Why {@code text} is not well-formed, for an error message; null when it is. */
  public static String problemOf(CharSequence text) {
    int at = text == null ? -1 : firstUnpairedSurrogate(text);
    return at < 0
        ? null
        : String.format(
            "is not valid Unicode text: an unpaired surrogate \\u%04x at character %d",
            (int) text.charAt(at), at);
  }
}
