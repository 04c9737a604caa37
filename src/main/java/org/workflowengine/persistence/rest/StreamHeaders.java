package org.workflowengine.persistence.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * The headers of a live stream's answer that keep what stands between it and the client from
 * holding it back: {@code Cache-Control: no-cache} (nothing caches a stream) and {@code
 * X-Accel-Buffering: no} (nginx, and proxies that follow it, pass each event on at once instead of
 * buffering the response).
 */
@Provider
public class StreamHeaders implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(response.getMediaType())
        && ServiceScope.isOurs(request.getUriInfo())) {
      response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-cache");
      response.getHeaders().putSingle("X-Accel-Buffering", "no");
    }
  }
}
