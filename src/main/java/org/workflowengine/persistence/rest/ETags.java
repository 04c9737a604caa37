package org.workflowengine.persistence.rest;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * An execution's version as an HTTP entity tag, and the conditional requests on it (RFC 9110,
 * 13.1.1 and 13.1.2): {@code If-Match} on every write that replaces, moves or deletes an execution,
 * {@code If-None-Match: *} on {@code PUT}.
 */
final class ETags {

  private ETags() {}

  /**
   * What an {@code If-Match} header asks: that the execution is stored, at {@link #version} when it
   * names one, at any version for {@code *} (version null).
   */
  record IfMatch(Long version) {

    /** {@code If-Match: *}: any version, as long as the execution is stored. */
    boolean any() {
      return version == null;
    }
  }

  static EntityTag of(Long version) {
    return new EntityTag(String.valueOf(version));
  }

  /**
   * The condition of an {@code If-Match} header: null when absent (or blank).
   *
   * @throws BadRequestException when it names no version this service issued
   */
  static IfMatch ifMatch(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String tag = header.trim();
    if (tag.equals("*")) {
      return new IfMatch(null);
    }
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    try {
      return new IfMatch(Long.valueOf(tag));
    } catch (NumberFormatException e) {
      throw new BadRequestException(
          "If-Match must be * or an ETag returned by this service, such as \"3\"; was " + header);
    }
  }

  /**
   * Whether a write asks {@code If-None-Match: *} (only if no execution is stored): false when the
   * header is absent or blank.
   *
   * @throws BadRequestException for any other value: a write honours only {@code *}
   */
  static boolean ifNoneMatchAny(String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    if (header.trim().equals("*")) {
      return true;
    }
    throw new BadRequestException(
        "If-None-Match on a write must be * (create only if absent); was " + header);
  }

  /** A {@code 412} problem: the request's precondition does not hold, and nothing changed. */
  static WebApplicationException preconditionFailed(String detail, UriInfo uriInfo) {
    return new WebApplicationException(
        ProblemDetails.of(
            Status.PRECONDITION_FAILED,
            "precondition-failed",
            detail + "; nothing changed",
            uriInfo,
            List.of()));
  }

  /** The {@code 412} of an {@code If-Match} on an execution that is not stored. */
  static WebApplicationException notStored(String id, UriInfo uriInfo) {
    return preconditionFailed(
        "If-Match asks for a stored execution, and there is no execution with id '" + id + "'",
        uriInfo);
  }
}
