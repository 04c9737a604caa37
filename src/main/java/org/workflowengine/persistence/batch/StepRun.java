package org.workflowengine.persistence.batch;

import jakarta.batch.runtime.BatchStatus;
import java.time.Instant;
import java.util.Map;

/**
 * A step execution as the task record that records it (public: it crosses the recorder's EJB proxy,
 * which may live in another class loader than this package's other classes).
 */
public record StepRun(
    String name,
    BatchStatus status,
    String exitStatus,
    Instant started,
    Instant ended,
    int attempt,
    Map<String, Long> metrics) {}
