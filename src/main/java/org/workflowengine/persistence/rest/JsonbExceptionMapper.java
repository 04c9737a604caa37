package org.workflowengine.persistence.rest;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.workflowengine.persistence.json.BindingErrors;

/** A body that is not valid JSON for the expected type is a 400 naming what was refused. */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(JsonbException e) {
    if (!ServiceScope.isOurs(uriInfo)) {
      return ServiceScope.notOurs(e);
    }
    return malformedBody(e, uriInfo);
  }

  static Response malformedBody(Throwable e, UriInfo uriInfo) {
    return ProblemDetails.of(
        Status.BAD_REQUEST,
        "malformed-json",
        "The request body is not valid JSON for this resource: " + BindingErrors.describe(e),
        uriInfo,
        List.of());
  }
}
