package org.workflowengine.persistence.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else is a fault of the service: logged with an incident id, answered with a 500 problem
 * that names the incident but shows no stack trace or internals.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable e) {
    return internalError(e, uriInfo);
  }

  static Response internalError(Throwable e, UriInfo uriInfo) {
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Request failed, incident " + incident, e);
    return ProblemDetails.of(
        Status.INTERNAL_SERVER_ERROR,
        "internal-error",
        "The request failed on the server; incident " + incident,
        uriInfo,
        List.of());
  }
}
