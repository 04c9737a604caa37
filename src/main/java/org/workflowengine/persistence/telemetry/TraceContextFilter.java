package org.workflowengine.persistence.telemetry;

import io.opentelemetry.api.trace.Span;
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

/**
 * Accepts a request's W3C trace context: a valid {@code traceparent} header becomes the current
 * OpenTelemetry context (its span context, as a remote parent) for as long as the request is served
 * on this thread, so that the store records its trace id with what the request appends ({@code
 * trace.CurrentTrace}) and a failure's log line names it. A missing or malformed header (as {@link
 * W3CTraceContextPropagator} parses it) leaves no trace current; the request is served as any
 * other.
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
    if (!Span.fromContext(incoming).getSpanContext().isValid()) {
      chain.doFilter(request, response);
      return;
    }
    try (Scope scope = incoming.makeCurrent()) {
      chain.doFilter(request, response);
    }
  }
}
