package org.workflowengine.persistence.snapshot;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * A workflow definition with its canonical text and content hash, computed once.
 *
 * @param json the definition
 * @param canonicalText its canonical form (see {@link CanonicalJson})
 * @param hash hex SHA-256 of {@code canonicalText}
 * @param sizeBytes UTF-8 length of {@code canonicalText}: what the size limit applies to
 */
public record SnapshotContent(JsonObject json, String canonicalText, String hash, long sizeBytes) {

  /** Canonicalizes and hashes {@code json}. */
  public static SnapshotContent of(JsonObject json) {
    String text = CanonicalJson.of(json);
    return new SnapshotContent(
        json, text, CanonicalJson.sha256(text), text.getBytes(StandardCharsets.UTF_8).length);
  }
}
