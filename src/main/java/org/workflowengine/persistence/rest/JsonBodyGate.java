package org.workflowengine.persistence.rest;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
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
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks every JSON request body before JSON-B binds it, so that what JSON-B would let through
 * quietly is refused with a 400 that says why: anything but an object at the top, bytes that are
 * not UTF-8, text after the value, duplicate keys (which one would win?), nesting deeper than
 * {@value #MAX_DEPTH}. A body over {@value #MAX_BODY_BYTES} bytes is a 413 and is not read further.
 */
@Provider
public class JsonBodyGate implements ReaderInterceptor {

  /** Twice the default snapshot limit, leaving room for the rest of an execution. */
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  static final int MAX_DEPTH = 500;

  /** How much of an oversized body is read and discarded before the 413 is sent. */
  private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

  /** Created once: {@code Json.createParser} looks the JSON-P provider up on every call. */
  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  @Context UriInfo uriInfo;

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    if (type == null
        || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
      return context.proceed();
    }
    byte[] body = readAtMost(context.getInputStream(), MAX_BODY_BYTES);
    String text = utf8(body);
    check(text);
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

  private String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw refused(Status.BAD_REQUEST, "The request body is not valid UTF-8", "malformed-json");
    }
  }

  private void check(String text) {
    if (text.isBlank()) {
      throw refused(Status.BAD_REQUEST, "The request needs a JSON body", "malformed-json");
    }
    Deque<Set<String>> objects = new ArrayDeque<>();
    int depth = 0;
    try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
      boolean started = false;
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        if (!started && event != JsonParser.Event.START_OBJECT) {
          throw refused(
              Status.BAD_REQUEST, "The request body must be a JSON object", "malformed-json");
        }
        if (started && depth == 0) {
          throw refused(
              Status.BAD_REQUEST,
              "The request body has text after its JSON value",
              "malformed-json");
        }
        started = true;
        switch (event) {
          case START_OBJECT, START_ARRAY -> {
            if (++depth > MAX_DEPTH) {
              throw refused(
                  Status.BAD_REQUEST,
                  "The request body nests deeper than " + MAX_DEPTH + " levels",
                  "malformed-json");
            }
            objects.push(event == JsonParser.Event.START_OBJECT ? new HashSet<>() : Set.of());
          }
          case END_OBJECT, END_ARRAY -> {
            depth--;
            objects.pop();
          }
          case KEY_NAME -> {
            if (!objects.peek().add(parser.getString())) {
              throw refused(
                  Status.BAD_REQUEST,
                  "The request body has the key \""
                      + abbreviate(parser.getString())
                      + "\" twice in one object",
                  "malformed-json");
            }
          }
          default -> {
            // scalar values need no check here
          }
        }
      }
    } catch (JsonParsingException e) {
      throw refused(
          Status.BAD_REQUEST,
          "The request body is not valid JSON: " + e.getMessage(),
          "malformed-json");
    }
  }

  private static String abbreviate(String key) {
    return key.length() <= 60 ? key : key.substring(0, 60) + "…";
  }

  private WebApplicationException refused(Status status, String detail, String type) {
    return new WebApplicationException(ProblemDetails.of(status, type, detail, uriInfo, List.of()));
  }
}
