package org.workflowengine.persistence.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The trace a write is made in. While an HTTP request is served ({@link #request}), the trace its
 * {@code traceparent} named, or none: the server's own instrumentation may make a span of another
 * trace current (Payara with its telemetry off starts one per JAX-RS request, ignoring the header),
 * and a request's trace is what its caller sent. Otherwise, for a Java caller, the trace of the
 * OpenTelemetry span current on this thread ({@code Span.current()}). Only the stable API of
 * OpenTelemetry 1.x is used, so the copy a server provides serves as well as the application's.
 */
public final class CurrentTrace {

  /** The trace of the request served on this thread; null outside a request. */
  private static final ThreadLocal<Request> REQUEST = new ThreadLocal<>();

  /** A request's trace id, null when it named none. */
  private record Request(String traceId) {}

  private CurrentTrace() {}

  /** The current trace id (32 lower-case hex digits), or null. */
  public static String id() {
    Request request = REQUEST.get();
    if (request != null) {
      return request.traceId();
    }
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : null;
  }

  /**
   * Makes this thread serve a request made in trace {@code traceId} (null: none) until the returned
   * scope is closed.
   */
  public static RequestScope request(String traceId) {
    Request outer = REQUEST.get();
    REQUEST.set(new Request(traceId));
    return () -> {
      if (outer == null) {
        REQUEST.remove();
      } else {
        REQUEST.set(outer);
      }
    };
  }

  /** A request's trace on this thread; closing it restores what was there before. */
  public interface RequestScope extends AutoCloseable {
    @Override
    void close();
  }
}
