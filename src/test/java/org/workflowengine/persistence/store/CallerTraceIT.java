package org.workflowengine.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.Executions.newExecution;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.TaskLogLine;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.testing.Deployments;

/**
 * A Java caller's trace: what it appends through the injected store carries the trace id of its
 * current OpenTelemetry span, none without one, and appends committed in one group keep each
 * caller's own.
 */
@ExtendWith(ArquillianExtension.class)
class CallerTraceIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application();
  }

  @Inject ExecutionStore store;

  private static String traceId(int n) {
    return HexFormat.of().toHexDigits(0x1000L + n) + HexFormat.of().toHexDigits(0xabcL);
  }

  private static Scope inTrace(String traceId) {
    SpanContext span =
        SpanContext.create(
            traceId, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
    return Context.current().with(Span.wrap(span)).makeCurrent();
  }

  @Test
  void appendsCarryTheCallersCurrentTraceIdOrNone() {
    String id = store.create(newExecution()).getId();
    String trace = traceId(0);
    try (Scope scope = inTrace(trace)) {
      assertThat(store.appendAudit(id, new AuditEntry("engine", "traced", null)).getTraceId())
          .isEqualTo(trace);
      store.recordError(id, new ExecutionError("traced", null));
      store.appendLogs(id, "t1", List.of("traced"));
    }
    // Outside any span. (This test runs within the server's handling of a request, which on a
    // server with telemetry, as WildFly configured by configure.cli, is a span of its own.)
    try (Scope none = Context.root().makeCurrent()) {
      store.appendAudit(id, new AuditEntry("engine", "untraced", null));
    }
    WorkflowExecution found = store.get(id);
    assertThat(found.getAuditTrail())
        .extracting(AuditEntry::getTraceId)
        .containsExactly(trace, null);
    assertThat(found.getErrors()).extracting(ExecutionError::getTraceId).containsExactly(trace);
    assertThat(store.getLogLines(id, "t1"))
        .extracting(TaskLogLine::getTraceId)
        .containsExactly(trace);
    assertThat(store.verify(id).valid()).isTrue();
  }

  @Test
  void groupedAppendsKeepEachCallersTraceId() throws Exception {
    String id = store.create(newExecution()).getId();
    int threads = 12;
    int appends = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  try (Scope scope = inTrace(traceId(thread))) {
                    for (int i = 0; i < appends; i++) {
                      store.appendAudit(id, new AuditEntry("thread-" + thread, "step", null));
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<AuditEntry> audit = store.get(id).getAuditTrail();
    assertThat(audit).hasSize(threads * appends);
    for (AuditEntry entry : audit) {
      int thread = Integer.parseInt(entry.getActor().substring("thread-".length()));
      assertThat(entry.getTraceId()).as(entry.getActor()).isEqualTo(traceId(thread));
    }
    assertThat(store.verify(id).valid()).isTrue();
  }
}
