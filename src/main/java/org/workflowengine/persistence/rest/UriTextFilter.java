package org.workflowengine.persistence.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.workflowengine.persistence.json.InvalidJsonException;
import org.workflowengine.persistence.json.JsonInput;
import org.workflowengine.persistence.json.UnicodeText;

/**
 * Checks the text of the request URI before anything reads it: every percent-escape must be
 * well-formed and decode, with the rest, to valid UTF-8 without U+0000. JAX-RS decodes a malformed
 * sequence to replacement characters, so {@code ?workflow_name=%ED%A0%80} (an encoded surrogate)
 * would silently become another name; here it is a 400 that names the query parameter. The same
 * rule as for JSON bodies ({@link JsonInput#decode}): text is refused, never replaced.
 */
@Provider
@PreMatching
public class UriTextFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    URI uri = request.getUriInfo().getRequestUri();
    String path = uri.getRawPath();
    if (path != null && problemOf(path, false) != null) {
      throw refused(request, "The request path " + problemOf(path, false));
    }
    String query = uri.getRawQuery();
    if (query == null) {
      return;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String rawName = equals < 0 ? pair : pair.substring(0, equals);
      String nameProblem = problemOf(rawName, true);
      if (nameProblem != null) {
        throw refused(request, "A query parameter's name " + nameProblem);
      }
      if (equals >= 0) {
        String valueProblem = problemOf(pair.substring(equals + 1), true);
        if (valueProblem != null) {
          throw refused(
              request, "The query parameter '" + decode(rawName, true) + "' " + valueProblem);
        }
      }
    }
  }

  /** What is wrong with one raw (percent-encoded) part of the URI, or null. */
  static String problemOf(String raw, boolean formEncoded) {
    String text;
    try {
      text = decode(raw, formEncoded);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    return text.indexOf('\u0000') >= 0 ? "contains U+0000, which no text here may hold" : null;
  }

  /**
   * Percent-decodes {@code raw} strictly.
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  static String decode(String raw, boolean formEncoded) {
    if (raw.indexOf('%') < 0 && !(formEncoded && raw.indexOf('+') >= 0)) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()
            || Character.digit(raw.charAt(i + 1), 16) < 0
            || Character.digit(raw.charAt(i + 2), 16) < 0) {
          throw new IllegalArgumentException("has a malformed percent-escape");
        }
        bytes.write(
            Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
        i += 2;
      } else if (formEncoded && c == '+') {
        bytes.write(' ');
      } else {
        int end = i + 1;
        while (end < raw.length() && raw.charAt(end) != '%' && raw.charAt(end) != '+') {
          end++;
        }
        String run = raw.substring(i, end);
        if (!UnicodeText.isWellFormed(run)) {
          throw new IllegalArgumentException("is not valid Unicode text");
        }
        byte[] encoded = run.getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i = end - 1;
      }
    }
    try {
      return JsonInput.decode(bytes.toByteArray());
    } catch (InvalidJsonException e) {
      throw new IllegalArgumentException("is not valid UTF-8 text once percent-decoded");
    }
  }

  private static WebApplicationException refused(ContainerRequestContext request, String detail) {
    return new WebApplicationException(
        ProblemDetails.of(
            Status.BAD_REQUEST, "invalid-uri", detail, request.getUriInfo(), List.of()));
  }
}
