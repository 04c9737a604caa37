package org.workflowengine.persistence.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.workflowengine.persistence.json.BindingErrors;

/**
 * Gives the JAX-RS runtime's own refusals (unknown route 404, wrong method 405, unsupported media
 * type 415, unacceptable {@code Accept} 406, unreadable body 400) the problem-details shape instead
 * of the server's HTML page.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(WebApplicationException e) {
    if (!ServiceScope.isOurs(uriInfo)) {
      return ServiceScope.notOurs(e);
    }
    if (e.getResponse().hasEntity()
        && ProblemDetails.MEDIA_TYPE.equals(String.valueOf(e.getResponse().getMediaType()))) {
      return e.getResponse();
    }
    Response.StatusType status = e.getResponse().getStatusInfo();
    String detail = detailOf(status.getStatusCode(), e);
    Response problem =
        ProblemDetails.of(status, "http-" + status.getStatusCode(), detail, uriInfo, List.of());
    if (status.getStatusCode() == 405 && e.getResponse().getHeaderString("Allow") != null) {
      return Response.fromResponse(problem)
          .header("Allow", e.getResponse().getHeaderString("Allow"))
          .build();
    }
    return problem;
  }

  private static String detailOf(int status, WebApplicationException e) {
    return switch (status) {
      case 404 ->
          e.getMessage() != null && !e.getMessage().startsWith("HTTP 404")
              ? e.getMessage()
              : "No resource at this path";
      case 405 -> "This method is not allowed on this resource";
      case 406 -> "This resource cannot produce the media type the Accept header asks for";
      case 415 -> "This resource does not accept the request's Content-Type";
      case 400 ->
          e.getCause() == null
              ? e.getMessage()
              : "The request could not be read: " + BindingErrors.describe(e.getCause());
      default -> e.getMessage();
    };
  }
}
