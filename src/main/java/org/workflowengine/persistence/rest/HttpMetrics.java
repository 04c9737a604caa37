package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.workflowengine.persistence.metrics.StoreMetrics;

/**
 * Every request of the API timed by method, route template ({@code /api/executions/{id}}, never the
 * path itself, so the number of series stays that of the routes) and status class. A request no
 * route matched is counted under {@value #UNMATCHED}. A stream's time is until its headers are
 * sent.
 */
@Provider
@PreMatching
public class HttpMetrics implements ContainerRequestFilter, ContainerResponseFilter {

  static final String UNMATCHED = "unmatched";

  private static final String STARTED = HttpMetrics.class.getName() + ".started";

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /** A template's parameter with its regular expression: {@code {id: .+}}. */
  private static final Pattern PARAMETER_REGEX = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}");

  private static final Map<Method, String> ROUTES = new ConcurrentHashMap<>();

  @Inject StoreMetrics metrics;

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(STARTED) instanceof Long started)) {
      return;
    }
    Method method = resource.getResourceMethod();
    String route;
    if (method == null) {
      route = UNMATCHED;
    } else if (!ServiceScope.isOurs(resource.getResourceClass())) {
      return; // another application's resource (see ServiceScope)
    } else {
      route = ROUTES.computeIfAbsent(method, m -> route(resource.getResourceClass(), m));
    }
    String verb = request.getMethod();
    metrics.httpRequest(
        METHODS.contains(verb) ? verb : "other",
        route,
        response.getStatus(),
        System.nanoTime() - started);
  }

  /** {@code /api/} + the class's path + the method's, with parameters' expressions left out. */
  static String route(Class<?> resourceClass, Method method) {
    StringBuilder route = new StringBuilder("/api");
    for (Path path :
        new Path[] {resourceClass.getAnnotation(Path.class), method.getAnnotation(Path.class)}) {
      if (path == null) {
        continue;
      }
      String part = PARAMETER_REGEX.matcher(path.value()).replaceAll("{$1}");
      part = part.replaceAll("^/+|/+$", "");
      if (!part.isEmpty()) {
        route.append('/').append(part);
      }
    }
    return route.toString();
  }
}
