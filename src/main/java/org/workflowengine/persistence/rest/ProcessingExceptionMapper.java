package org.workflowengine.persistence.rest;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.workflowengine.persistence.lang.Causes;

/**
 * The JAX-RS runtime wraps a body that JSON-B or JSON-P cannot read in a {@code
 * ProcessingException}: that is the client's 400. Any other processing failure is the server's.
 */
@Provider
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(ProcessingException e) {
    if (!ServiceScope.isOurs(uriInfo)) {
      return ServiceScope.notOurs(e);
    }
    return Causes.of(e)
        .filter(t -> t instanceof JsonbException || t instanceof JsonException)
        .findFirst()
        .map(t -> JsonbExceptionMapper.malformedBody(t, uriInfo))
        .orElseGet(() -> UnexpectedExceptionMapper.internalError(e, uriInfo));
  }
}
