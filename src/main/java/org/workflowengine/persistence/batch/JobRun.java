package org.workflowengine.persistence.batch;

import java.time.Instant;
import java.util.Map;

/**
 * A job execution as the run that records it (public: it crosses the recorder's EJB proxy, which
 * may live in another class loader than this package's other classes).
 */
public record JobRun(
    String runId,
    String jobName,
    long instanceId,
    long executionId,
    Instant created,
    Map<String, String> labels,
    String restartOf) {}
