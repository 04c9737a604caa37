package org.workflowengine.persistence.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Whether the request in progress is one of this service's. The service's JAX-RS providers (the
 * access control, the body checks, the JSON-B configuration, the exception mappers) must act on its
 * own API only. Some servers hand them to every JAX-RS application of a deployment: Payara before
 * 6.2025 runs an EAR as one CDI deployment, and Jersey registers the providers it finds there with
 * every web module's application, so an engine's WAR beside the service's in one EAR got the
 * service's access control on its own paths (a 403 from a rule it never declared). A request is the
 * service's when the resource it was matched to is one of this package's; a request matched to
 * nothing (an unknown path) counts as the service's, so that its own 404s stay problem+json. (The
 * pre-matching {@link UriTextFilter}, which refuses URLs that are not valid text, knows no resource
 * yet and applies to every application it is given to.)
 */
final class ServiceScope {

  private static final String PACKAGE = ServiceScope.class.getPackageName() + ".";

  private ServiceScope() {}

  /** True unless the request was matched to another application's resource. */
  static boolean isOurs(UriInfo uriInfo) {
    List<Object> matched;
    try {
      matched = uriInfo.getMatchedResources();
    } catch (RuntimeException outsideARequest) {
      return true;
    }
    return matched == null || matched.isEmpty() || isOurs(matched.get(0).getClass());
  }

  /** True for a resource class of this service's (or of its container's proxies of them). */
  static boolean isOurs(Class<?> resourceClass) {
    return resourceClass == null || resourceClass.getName().startsWith(PACKAGE);
  }

  /**
   * What a mapper answers for another application's exception: as near as a mapper can get to that
   * application's own handling (a JAX-RS exception's own response, otherwise a bare 500).
   */
  static Response notOurs(Throwable e) {
    return e instanceof WebApplicationException web
        ? web.getResponse()
        : Response.serverError().build();
  }
}
