package org.workflowengine.persistence.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The keyset position after the last item of a page: its creation time and id, the listing's sort
 * key. Opaque to clients (URL-safe Base64); a cursor that does not decode is refused.
 */
record ExecutionCursor(Instant createdAt, String id) {

  private static final String PREFIX = "v1|";

  static ExecutionCursor after(ExecutionSummary last) {
    return new ExecutionCursor(last.getCreatedAt(), last.getId());
  }

  String encode() {
    String plain = PREFIX + createdAt + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static ExecutionCursor decode(String cursor) {
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException("cursor", "not a cursor returned by this service");
    }
    String[] parts = plain.split("\\|", 3);
    if (parts.length != 3 || !plain.startsWith(PREFIX) || parts[2].isEmpty()) {
      throw new InvalidQueryException("cursor", "not a cursor returned by this service");
    }
    try {
      return new ExecutionCursor(Instant.parse(parts[1]), parts[2]);
    } catch (DateTimeParseException e) {
      throw new InvalidQueryException("cursor", "not a cursor returned by this service");
    }
  }
}
