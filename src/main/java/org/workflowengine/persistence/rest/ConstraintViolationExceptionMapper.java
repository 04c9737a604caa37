package org.workflowengine.persistence.rest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** Bean Validation failures raised outside the store are a 400 listing every violation. */
@Provider
public class ConstraintViolationExceptionMapper
    implements ExceptionMapper<ConstraintViolationException> {

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(ConstraintViolationException e) {
    if (!ServiceScope.isOurs(uriInfo)) {
      return ServiceScope.notOurs(e);
    }
    List<String> violations =
        e.getConstraintViolations().stream().map(ConstraintViolation::getMessage).sorted().toList();
    return ProblemDetails.of(
        Status.BAD_REQUEST,
        "invalid-input",
        "Invalid input: " + String.join("; ", violations),
        uriInfo,
        violations);
  }
}
