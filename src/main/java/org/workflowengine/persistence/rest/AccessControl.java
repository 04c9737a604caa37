package org.workflowengine.persistence.rest;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import org.workflowengine.persistence.security.CallerAuthentication;
import org.workflowengine.persistence.security.RoleRequired;

/**
 * Who may call what: each resource method names its role with {@link RoleRequired}; a caller
 * without credentials (or with refused ones) gets 401 and a {@code WWW-Authenticate} challenge
 * (Basic, or RFC 6750's {@code error="invalid_token"} for a refused bearer token), a caller without
 * the role 403, both as problem+json. A method that names no roles is refused to everyone: nothing
 * is open by omission. In-process callers of the store are not concerned; this guards HTTP only.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessControl implements ContainerRequestFilter {

  static final String CHALLENGE =
      "Basic realm=\"" + CallerAuthentication.REALM + "\", charset=\"UTF-8\"";

  /**
   * The challenge for scripts in a browser (requests with {@code X-Requested-With: XMLHttpRequest},
   * as the console sends): a scheme the browser does not handle itself, so that it shows no Basic
   * dialog of its own over the page, which asks for credentials in its own form.
   */
  static final String SCRIPT_CHALLENGE = "Console realm=\"" + CallerAuthentication.REALM + "\"";

  /** RFC 6750's answer to a bearer token that was refused. */
  static final String INVALID_TOKEN =
      "Bearer realm=\"" + CallerAuthentication.REALM + "\", error=\"invalid_token\"";

  @Context ResourceInfo resource;
  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!ServiceScope.isOurs(resource.getResourceClass())) {
      return; // another application's resource (see ServiceScope)
    }
    Method method = resource.getResourceMethod();
    if (method == null) {
      return;
    }
    RoleRequired required = method.getAnnotation(RoleRequired.class);
    SecurityContext caller = request.getSecurityContext();
    if (caller.getUserPrincipal() == null) {
      Object refusal = servletRequest.getAttribute(CallerAuthentication.REFUSAL);
      boolean bearer =
          CallerAuthentication.BEARER.equals(
              servletRequest.getAttribute(CallerAuthentication.REFUSED_SCHEME));
      request.abortWith(
          Response.fromResponse(
                  ProblemDetails.of(
                      Response.Status.UNAUTHORIZED,
                      "unauthorized",
                      refusal != null
                          ? refusal.toString()
                          : "This operation needs HTTP Basic credentials or a bearer token",
                      request.getUriInfo(),
                      null))
              .header(
                  HttpHeaders.WWW_AUTHENTICATE,
                  bearer
                      ? INVALID_TOKEN
                      : "XMLHttpRequest".equals(request.getHeaderString("X-Requested-With"))
                          ? SCRIPT_CHALLENGE
                          : CHALLENGE)
              .build());
      return;
    }
    if (required != null && caller.isUserInRole(required.value())) {
      return;
    }
    request.abortWith(
        ProblemDetails.of(
            Response.Status.FORBIDDEN,
            "forbidden",
            required == null
                ? "No role may call this operation"
                : "This operation needs the role " + required.value(),
            request.getUriInfo(),
            null));
  }
}
