package org.workflowengine.persistence.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The trace id of the OpenTelemetry span context current on this thread ({@code
 * Context.current()}): over HTTP, the request's (see {@code telemetry.TraceContextFilter}); for a
 * Java caller, whatever span its own instrumentation made current. Only the stable API of
 * OpenTelemetry 1.x is used, so the copy a server provides serves as well as the application's.
 */
public final class CurrentTrace {

  private CurrentTrace() {}

  /** The current trace id (32 lower-case hex digits), or null outside a valid span context. */
  public static String id() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : null;
  }
}
