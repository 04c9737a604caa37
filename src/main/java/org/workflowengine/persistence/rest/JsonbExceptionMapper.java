package org.workflowengine.persistence.rest;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** A body that is not valid JSON for the expected type is a 400 naming what was refused. */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(JsonbException e) {
    return malformedBody(e, uriInfo);
  }

  static Response malformedBody(Throwable e, UriInfo uriInfo) {
    return ProblemDetails.of(
        Status.BAD_REQUEST,
        "malformed-json",
        "The request body is not valid JSON for this resource: " + messageChain(e),
        uriInfo,
        List.of());
  }

  private static String messageChain(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t.getMessage() != null && !text.toString().contains(t.getMessage())) {
        text.append(": ").append(t.getMessage());
      }
    }
    return text.toString();
  }
}
