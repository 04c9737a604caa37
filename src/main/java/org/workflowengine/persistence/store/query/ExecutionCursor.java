package org.workflowengine.persistence.store.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.TreeSet;
import org.workflowengine.persistence.store.error.InvalidQueryException;

/**
 * The keyset position after the last item of a page: its creation time and id, the listing's sort
 * key, and a fingerprint of the filters of the listing it belongs to. Opaque to clients (URL-safe
 * Base64). A cursor that does not decode is refused, and so is one sent with other filters than
 * those of the page that issued it: a position in one listing means nothing in another, and
 * answering with some page would hide the client's mistake. The page size may change between pages.
 */
record ExecutionCursor(String filter, Instant createdAt, String id) {

  private static final String PREFIX = "v2|";

  public static ExecutionCursor after(ExecutionQuery query, ExecutionSummary last) {
    return new ExecutionCursor(fingerprint(query), last.getCreatedAt(), last.getId());
  }

  public String encode() {
    String plain = PREFIX + filter + "|" + createdAt + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position {@code query}'s cursor names.
   *
   * @throws InvalidQueryException if it is not a cursor of this service, or was issued for a
   *     listing with other filters
   */
  public static ExecutionCursor decode(ExecutionQuery query) {
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(query.cursor()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notACursor();
    }
    String[] parts = plain.split("\\|", 4);
    if (parts.length != 4 || !plain.startsWith(PREFIX) || parts[3].isEmpty()) {
      throw notACursor();
    }
    ExecutionCursor cursor;
    try {
      cursor = new ExecutionCursor(parts[1], Instant.parse(parts[2]), parts[3]);
    } catch (DateTimeParseException e) {
      throw notACursor();
    }
    if (!cursor.filter().equals(fingerprint(query))) {
      throw new InvalidQueryException(
          "cursor",
          "was issued for a listing with other filters; send the same filters as for the first"
              + " page (the page size may change), or start again without a cursor");
    }
    return cursor;
  }

  /** A short digest of every filter of {@code query} (not its page size or cursor). */
  public static String fingerprint(ExecutionQuery query) {
    String filters =
        String.join(
            "\u0000",
            String.valueOf(query.workflowName()),
            new TreeSet<>(query.statuses()).toString(),
            String.valueOf(query.success()),
            String.valueOf(query.createdAfter()),
            String.valueOf(query.createdBefore()),
            String.valueOf(query.completedAfter()),
            String.valueOf(query.completedBefore()));
    // Added only when present, so that cursors issued before labels and search existed still hold.
    if (!query.labels().isEmpty()) {
      filters +=
          "\u0000labels="
              + query.labels().stream().map(LabelSelector::toString).sorted().distinct().toList();
    }
    if (query.errorContains() != null) {
      filters += "\u0000error_contains=" + query.errorContains();
    }
    if (query.archived() != ExecutionQuery.Archived.INCLUDE) {
      filters += "\u0000archived=" + query.archived().wireName();
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(filters.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform provides SHA-256", e);
    }
  }

  private static InvalidQueryException notACursor() {
    return new InvalidQueryException("cursor", "not a cursor returned by this service");
  }
}
