package org.workflowengine.persistence.snapshot;

import jakarta.json.JsonObject;
import java.util.regex.Pattern;
import org.workflowengine.persistence.json.CanonicalJson;

/**
 * A workflow definition with its canonical text and content hash, computed once.
 *
 * @param json the definition
 * @param canonicalText its canonical form (see {@link CanonicalJson})
 * @param hash hex SHA-256 of {@code canonicalText}
 * @param sizeBytes UTF-8 length of {@code canonicalText}: what the size limit applies to
 */
public record SnapshotContent(JsonObject json, String canonicalText, String hash, long sizeBytes) {

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  /** Whether {@code text} has the form of a snapshot hash: 64 lower-case hex digits. */
  public static boolean isHash(String text) {
    return text != null && HASH.matcher(text).matches();
  }

  /**
   * Canonicalizes and hashes {@code json}.
   *
   * @throws IllegalArgumentException if it holds text that is not valid Unicode
   */
  public static SnapshotContent of(JsonObject json) {
    String text = CanonicalJson.of(json);
    byte[] utf8 = CanonicalJson.utf8(text);
    return new SnapshotContent(json, text, CanonicalJson.sha256(utf8), utf8.length);
  }
}
