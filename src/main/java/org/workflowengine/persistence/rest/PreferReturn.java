package org.workflowengine.persistence.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * RFC 7240's {@code Prefer: return=minimal} on a write ({@code POST}, {@code PUT}, {@code DELETE}):
 * a successful answer comes without a body, a 200 as a 204, with its status line's meaning, {@code
 * Location} and {@code ETag} as they were, and {@code Preference-Applied: return=minimal}; the body
 * is never serialized. {@code return=representation} (the default) is answered as before, with
 * {@code Preference-Applied: return=representation}. Errors keep their problem bodies; other
 * preferences are ignored, as the RFC allows.
 */
@Provider
public class PreferReturn implements ContainerResponseFilter {

  static final String PREFER = "Prefer";
  static final String APPLIED = "Preference-Applied";
  static final String MINIMAL = "minimal";
  static final String REPRESENTATION = "representation";

  private static final Set<String> WRITES =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE);

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!WRITES.contains(request.getMethod())
        || response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL
        || !ServiceScope.isOurs(request.getUriInfo())) {
      return;
    }
    String preference = returnPreference(request.getHeaders().get(PREFER));
    if (preference == null) {
      return;
    }
    if (preference.equals(MINIMAL)) {
      response.setEntity(null);
      response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
      if (response.getStatus() == Response.Status.OK.getStatusCode()) {
        response.setStatus(Response.Status.NO_CONTENT.getStatusCode());
      }
    }
    response.getHeaders().putSingle(APPLIED, "return=" + preference);
  }

  /**
   * The {@code return} preference among {@code Prefer} header values ({@code token [= value] *(;
   * parameter)}, comma-separated, the token case-insensitive, the value perhaps quoted): {@value
   * #MINIMAL}, {@value #REPRESENTATION}, or null when absent or another value. The first {@code
   * return} counts (RFC 7240, section 2).
   */
  static String returnPreference(List<String> headers) {
    if (headers == null) {
      return null;
    }
    for (String header : headers) {
      for (String preference : header.split(",")) {
        String first = preference.split(";", 2)[0].trim();
        int equals = first.indexOf('=');
        String token = (equals < 0 ? first : first.substring(0, equals)).trim();
        if (!token.equalsIgnoreCase("return")) {
          continue;
        }
        String value = equals < 0 ? "" : first.substring(equals + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        value = value.toLowerCase(Locale.ROOT);
        return value.equals(MINIMAL) || value.equals(REPRESENTATION) ? value : null;
      }
    }
    return null;
  }
}
