package org.workflowengine.persistence.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.workflowengine.persistence.json.InvalidJsonException;
import org.workflowengine.persistence.json.JsonInput;

/**
 * Checks every JSON request body before JSON-B binds it, by the rules of {@link JsonInput} (the
 * same rules as every import line), so that what JSON-B would let through quietly is refused with a
 * 400 that says why and where: bytes that are not UTF-8, anything but one object, duplicate keys,
 * nesting deeper than {@value JsonInput#MAX_DEPTH}, text that is not valid Unicode, numbers out of
 * range. A body over {@value JsonInput#MAX_BYTES} bytes is a 413 and is not read further.
 */
@Provider
public class JsonBodyGate implements ReaderInterceptor {

  static final int MAX_BODY_BYTES = JsonInput.MAX_BYTES;

  /** How much of an oversized body is read and discarded before the 413 is sent. */
  private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

  @Context UriInfo uriInfo;

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    if (!ServiceScope.isOurs(uriInfo)) {
      return context.proceed();
    }
    MediaType type = context.getMediaType();
    if (type == null
        || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
      return context.proceed();
    }
    byte[] body = readAtMost(context.getInputStream(), MAX_BODY_BYTES);
    try {
      JsonInput.checkObject(JsonInput.decode(body));
    } catch (InvalidJsonException e) {
      throw refused(Status.BAD_REQUEST, "The request body " + e.getMessage(), "malformed-json");
    }
    context.setInputStream(new ByteArrayInputStream(body));
    return context.proceed();
  }

  private byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    while ((read = in.read(buffer)) != -1) {
      if (out.size() + read > limit) {
        // Read on, discarding, so that the client finishes sending and reads the answer; a body
        // past DRAIN_LIMIT is cut off instead.
        long discarded = out.size() + (long) read;
        while (discarded < DRAIN_LIMIT && (read = in.read(buffer)) != -1) {
          discarded += read;
        }
        throw refused(
            Status.REQUEST_ENTITY_TOO_LARGE,
            "The request body exceeds " + limit + " bytes",
            "body-too-large");
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  private WebApplicationException refused(Status status, String detail, String type) {
    return new WebApplicationException(ProblemDetails.of(status, type, detail, uriInfo, List.of()));
  }
}
