package org.workflowengine.persistence.rest;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.EntityTag;

/** An execution's version as an HTTP entity tag, and back from {@code If-Match}. */
final class ETags {

  private ETags() {}

  static EntityTag of(Long version) {
    return new EntityTag(String.valueOf(version));
  }

  /**
   * The version an {@code If-Match} header names: null when absent or {@code *} (any version).
   *
   * @throws BadRequestException when it names no version this service issued
   */
  static Long expectedVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return null;
    }
    String tag = ifMatch.trim();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    try {
      return Long.valueOf(tag);
    } catch (NumberFormatException e) {
      throw new BadRequestException(
          "If-Match must be an ETag returned by this service, such as \"3\"; was " + ifMatch);
    }
  }
}
