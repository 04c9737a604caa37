package org.workflowengine.persistence.rest;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of the web module (see {@code web.xml}): what the servlet container itself refuses
 * — a path outside {@code /api} that names nothing, a URL the container will not map (an encoded
 * {@code ..} segment), a method its default servlet does not serve — is answered as {@code
 * application/problem+json} like every answer of the API, not with the server's HTML page.
 * Requested directly, it is a 404 like any other unknown path.
 */
@WebServlet(ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

  static final String PATH = "/problem-details";

  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer given && given >= 400 ? given : 404;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    Status known = Status.fromStatusCode(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    JsonObjectBuilder problem =
        Json.createObjectBuilder()
            .add("type", "urn:workflow-persistence:problem:http-" + status)
            .add("title", title)
            .add("status", status)
            .add("detail", detailOf(status));
    problem.add("instance", uri instanceof String path ? path : request.getRequestURI());
    byte[] body = problem.build().toString().getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    // JSON is UTF-8 by definition: bytes, not a writer, so no charset parameter is added.
    response.setContentType(ProblemDetails.MEDIA_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static String detailOf(int status) {
    return switch (status) {
      case 400 -> "The request could not be read: its URL or headers are malformed";
      case 404 -> "No resource at this path; the API is under /api, its description at /openapi";
      case 405 -> "This method is not allowed on this resource";
      default -> status >= 500 ? "The request failed on the server" : "The request was refused";
    };
  }
}
