package org.workflowengine.persistence.library.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * The engine's own authentication, nothing like the service's: a shared key in {@code
 * X-Engine-Key}. Every request needs it.
 */
@ApplicationScoped
public class EngineKeyAuthentication implements HttpAuthenticationMechanism {

  public static final String HEADER = "X-Engine-Key";
  public static final String KEY = "engine-secret-key";
  public static final String CALLER = "engine-operator";

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    if (KEY.equals(request.getHeader(HEADER))) {
      return context.notifyContainerAboutLogin(CALLER, Set.of("engine"));
    }
    response.setHeader("WWW-Authenticate", "EngineKey realm=\"engine\"");
    return context.responseUnauthorized();
  }
}
