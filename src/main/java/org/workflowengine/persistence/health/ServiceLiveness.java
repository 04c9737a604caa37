package org.workflowengine.persistence.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the application is deployed and answering. It does not look at the database: an outage
 * makes the service unready, not dead, and restarting it would not help.
 */
@Liveness
@ApplicationScoped
public class ServiceLiveness implements HealthCheck {

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.up("execution-store");
  }
}
