package org.workflowengine.persistence.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workflowengine.persistence.testing.ApiClient;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.TestUser;
import org.workflowengine.persistence.testing.WildFlyProcess;

/**
 * Span export by the server's own MicroProfile Telemetry, on Payara Micro and on WildFly
 * (configured by {@code server-config/wildfly/configure.cli}), each a process of its own with the
 * standard {@code OTEL_*} environment variables: with {@code OTEL_SDK_DISABLED=false} a request
 * with a {@code traceparent} is exported over OTLP/HTTP as a server span of that trace, child of
 * the caller's span, with the route and the status; the trace id the store records is that trace's.
 * Without a {@code traceparent} the span is the root of a new trace and the store records none.
 * Without {@code OTEL_SDK_DISABLED=false} nothing is exported, though the endpoint is set, and the
 * trace id is still recorded. The collector is this test: an HTTP server that decodes {@code POST
 * /v1/traces} with OpenTelemetry's protocol classes. Run by {@code mvn verify -Pchecks}; Derby.
 */
class TraceExportCheck {

  /** Payara Micro's HTTP port; WildFly's ports are its own moved by this offset (8400, 10310). */
  private static final int PAYARA_PORT = Integer.getInteger("trace.payara.port", 8297);

  private static final int WILDFLY_PORT_OFFSET = Integer.getInteger("trace.wildfly.offset", 320);

  /** Long enough for several of the batch span processor's rounds at the delay set below. */
  private static final Duration QUIET = Duration.ofSeconds(5);

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static HttpServer collector;

  /** Every span received, and every request to the collector that was not a trace export. */
  private static final List<Span> spans = new CopyOnWriteArrayList<>();

  private static final List<String> services = new CopyOnWriteArrayList<>();
  private static final List<String> otherRequests = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startCollector() throws IOException {
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext("/", TraceExportCheck::receive);
    collector.start();
  }

  @AfterAll
  static void stopCollector() {
    if (collector != null) {
      collector.stop(0);
    }
  }

  @BeforeEach
  void forgetEarlierSpans() {
    spans.clear();
    services.clear();
    otherRequests.clear();
  }

  private static void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      String what = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      if (!what.equals("POST /v1/traces")) {
        otherRequests.add(what);
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      InputStream body = exchange.getRequestBody();
      if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(body);
      }
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
      for (ResourceSpans resource : request.getResourceSpansList()) {
        attribute(resource.getResource().getAttributesList(), "service.name")
            .ifPresent(services::add);
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          spans.addAll(scope.getSpansList());
        }
      }
      byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  /** The standard variables that point OpenTelemetry at the collector, OTLP over HTTP. */
  private static Map<String, String> pointedAtTheCollector() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_TRACES_EXPORTER", "otlp");
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort());
    env.put("OTEL_BSP_SCHEDULE_DELAY", "100");
    env.put("OTEL_SERVICE_NAME", "workflow-executions");
    return env;
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"payara", "wildfly"})
  void aRequestIsExportedAsAServerSpanOfItsCallersTrace(String container) throws Exception {
    Map<String, String> env = pointedAtTheCollector();
    env.put("OTEL_SDK_DISABLED", "false");
    try (Server server = start(container, "trace-export-" + container, env)) {
      String trace = hex(16);
      String parent = hex(8);
      String id = "traced-" + UUID.randomUUID();
      String traceparent = "00-" + trace + "-" + parent + "-01";

      assertThat(create(server, id, traceparent)).isEqualTo(201);
      HttpResponse<String> audit = appendAudit(server, id, traceparent);
      assertThat(audit.statusCode()).as(audit.body()).isEqualTo(201);
      assertThat(json(audit.body()).getString("trace_id")).isEqualTo(trace);

      Span span =
          awaitSpan(s -> hex(s.getTraceId()).equals(trace) && isAudit(s), "trace " + trace, server);
      System.out.printf(
          "%s exported %s %s%n",
          container,
          span.getName(),
          span.getAttributesList().stream()
              .map(a -> a.getKey() + "=" + text(a.getValue()))
              .toList());
      assertThat(hex(span.getParentSpanId())).as("parent span id").isEqualTo(parent);
      assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
      assertThat(attribute(span.getAttributesList(), "http.route"))
          .as("http.route of %s", span)
          // Payara 6.2025.10 joins the application path and the resource's without their "/".
          .hasValueSatisfying(route -> assertThat(route).endsWith("executions/{id}/audit"));
      assertThat(
              attribute(span.getAttributesList(), "http.response.status_code")
                  .or(() -> attribute(span.getAttributesList(), "http.status_code")))
          .as("the status of %s", span)
          .contains("201");
      assertThat(services).contains("workflow-executions");

      assertThat(otherRequests).as("metrics and logs are off").isEmpty();

      // Without a traceparent the server span starts a trace of its own; the store records none.
      HttpResponse<String> untraced = appendAudit(server, id, null);
      assertThat(untraced.statusCode()).as(untraced.body()).isEqualTo(201);
      assertThat(json(untraced.body()).isNull("trace_id")).isTrue();
      Span root =
          awaitSpan(s -> !hex(s.getTraceId()).equals(trace) && isAudit(s), "a root span", server);
      assertThat(root.getParentSpanId().isEmpty()).as("a root span").isTrue();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"payara", "wildfly"})
  void withoutTheSdkSwitchedOnNothingIsExported(String container) throws Exception {
    try (Server server = start(container, "trace-quiet-" + container, pointedAtTheCollector())) {
      String trace = hex(16);
      String traceparent = "00-" + trace + "-" + hex(8) + "-01";
      String id = "quiet-" + UUID.randomUUID();
      assertThat(create(server, id, traceparent)).isEqualTo(201);
      HttpResponse<String> audit = appendAudit(server, id, traceparent);
      assertThat(audit.statusCode()).as(audit.body()).isEqualTo(201);
      assertThat(json(audit.body()).getString("trace_id")).isEqualTo(trace);
      Thread.sleep(QUIET.toMillis());
      assertThat(spans).as("spans exported with OTEL_SDK_DISABLED unset").isEmpty();
      assertThat(otherRequests).isEmpty();
    }
  }

  /** A server span of {@code POST …/audit}, by its route or else its name. */
  private static boolean isAudit(Span span) {
    return span.getKind() == Span.SpanKind.SPAN_KIND_SERVER
        && attribute(span.getAttributesList(), "http.route")
            .orElse(span.getName())
            .endsWith("/audit");
  }

  /** Waits up to 30 s for a span that {@code wanted} accepts. */
  private static Span awaitSpan(Predicate<Span> wanted, String what, Server server)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      Optional<Span> found = spans.stream().filter(wanted).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(100);
    }
    return fail("no server span of %s within 30 s; received %s; see %s", what, spans, server.log());
  }

  private static int create(Server server, String id, String traceparent) throws Exception {
    return send(server, "api/executions", ApiClient.pendingExecution(id, id), traceparent)
        .statusCode();
  }

  private static HttpResponse<String> appendAudit(Server server, String id, String traceparent)
      throws Exception {
    JsonObject entry =
        Json.createObjectBuilder().add("actor", "tracer").add("action", "ran").build();
    return send(server, "api/executions/" + id + "/audit", entry, traceparent);
  }

  private static HttpResponse<String> send(
      Server server, String path, JsonObject body, String traceparent) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.base().resolve(path))
            .header("Authorization", TestUser.OPERATOR.authorization())
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  private static Optional<String> attribute(List<KeyValue> attributes, String key) {
    return attributes.stream()
        .filter(a -> a.getKey().equals(key))
        .map(KeyValue::getValue)
        .map(TraceExportCheck::text)
        .findFirst();
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      default -> value.toString().strip();
    };
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    random[0] |= 1; // never all zeros
    return HexFormat.of().formatHex(random);
  }

  /** The server under test: where the application is, and its log. */
  private interface Server extends AutoCloseable {
    URI base();

    Path log();

    @Override
    void close() throws InterruptedException;
  }

  private static Server start(String container, String name, Map<String, String> env)
      throws Exception {
    Map<String, String> derby =
        Map.of(
            "executions.db.url",
            "",
            "executions.db.dir",
            Path.of("target", "instances", name + "-derby").toAbsolutePath().toString());
    if (container.equals("wildfly")) {
      WildFlyProcess wildfly =
          WildFlyProcess.start(name, WILDFLY_PORT_OFFSET, derby, env, List.of());
      return new Server() {
        public URI base() {
          return wildfly.base();
        }

        public Path log() {
          return wildfly.log();
        }

        public void close() throws InterruptedException {
          wildfly.close();
        }
      };
    }
    PayaraMicroProcess payara =
        PayaraMicroProcess.start(
            name,
            PAYARA_PORT,
            derby,
            env,
            List.of("-Xmx512m"),
            Path.of("target", "workflow-persistence.war"));
    return new Server() {
      public URI base() {
        return payara.base();
      }

      public Path log() {
        return payara.log();
      }

      public void close() throws InterruptedException {
        payara.close();
      }
    };
  }
}
