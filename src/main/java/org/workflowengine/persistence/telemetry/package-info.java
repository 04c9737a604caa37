/**
 * Trace context over HTTP: a request's W3C {@code traceparent} made the current OpenTelemetry
 * context while the request is served, so that what it appends records its trace id. Not in the
 * store library.
 */
package org.workflowengine.persistence.telemetry;
