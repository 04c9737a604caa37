package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.workflowengine.persistence.metrics.StoreMetrics;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;

/**
 * {@code /api/metrics}: every metric of the service, for Prometheus to scrape — in the Prometheus
 * text format 0.0.4, or in OpenMetrics 1.0 when the {@code Accept} header names {@code
 * application/openmetrics-text} (as Prometheus's own scraper does). Only for the role {@value
 * Roles#METRICS}; absent (404) when {@code executions.metrics.enabled=false}.
 */
@Path("metrics")
public class MetricsResource {

  static final String OPENMETRICS = "application/openmetrics-text";

  @Inject StoreMetrics metrics;

  @RoleRequired(Roles.METRICS)
  @GET
  @Produces({"text/plain", OPENMETRICS})
  public Response scrape(@Context HttpHeaders headers) {
    if (!metrics.enabled()) {
      throw new NotFoundException("The metrics are switched off (executions.metrics.enabled)");
    }
    String type = StoreMetrics.PROMETHEUS_TEXT;
    for (MediaType acceptable : headers.getAcceptableMediaTypes()) { // most preferred first
      if (acceptable.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
        break;
      }
      if (acceptable.getType().equals("application")
          && acceptable.getSubtype().equals("openmetrics-text")) {
        type = StoreMetrics.OPENMETRICS;
        break;
      }
    }
    return Response.ok(metrics.scrape(type)).type(type).build();
  }
}
