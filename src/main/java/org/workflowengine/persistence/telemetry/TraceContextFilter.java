package org.workflowengine.persistence.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.workflowengine.persistence.trace.CurrentTrace;

/**
 * Accepts a request's W3C trace context: a valid {@code traceparent} header becomes the current
 * OpenTelemetry context (its span context, as a remote parent) for as long as the request is served
 * on this thread, and its trace id the request's ({@link CurrentTrace#request}), so that the store
 * records it with what the request appends and a failure's log line names it, whatever span the
 * server's own telemetry makes current (when on, a server span of that same trace). A missing or
 * malformed header (as {@link W3CTraceContextPropagator} parses it) makes the request one of no
 * trace; it is served as any other.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class TraceContextFilter extends HttpFilter {

  private static final TextMapGetter<HttpServletRequest> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest request) {
          return Collections.list(request.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest request, String name) {
          return request == null ? null : request.getHeader(name);
        }
      };

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Context incoming =
        W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS);
    SpanContext parent = Span.fromContext(incoming).getSpanContext();
    if (!parent.isValid()) {
      try (CurrentTrace.RequestScope none = CurrentTrace.request(null)) {
        chain.doFilter(request, response);
      }
      return;
    }
    try (Scope scope = incoming.makeCurrent();
        CurrentTrace.RequestScope traced = CurrentTrace.request(parent.getTraceId())) {
      chain.doFilter(request, response);
    }
  }
}
