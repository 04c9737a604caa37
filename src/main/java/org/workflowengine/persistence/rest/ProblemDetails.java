package org.workflowengine.persistence.rest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Builds RFC 9457 {@code application/problem+json} responses: the one shape of every error. */
final class ProblemDetails {

  static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "urn:workflow-persistence:problem:";

  private ProblemDetails() {}

  /**
   * A problem response.
   *
   * @param type a short, stable slug naming the kind of problem (becomes a URN)
   * @param uriInfo the request, for {@code instance}; may be null
   */
  static Response of(
      Response.StatusType status,
      String type,
      String detail,
      UriInfo uriInfo,
      List<String> errors) {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("type", TYPE_BASE + type)
            .add("title", status.getReasonPhrase())
            .add("status", status.getStatusCode())
            .add("detail", detail == null ? status.getReasonPhrase() : detail);
    if (uriInfo != null) {
      body.add("instance", uriInfo.getRequestUri().getRawPath());
    }
    if (errors != null && !errors.isEmpty()) {
      body.add("errors", Json.createArrayBuilder(errors));
    }
    JsonObject problem = body.build();
    return Response.status(status.getStatusCode())
        .type(MediaType.valueOf(MEDIA_TYPE))
        .entity(problem.toString())
        .build();
  }
}
