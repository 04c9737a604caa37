package org.workflowengine.persistence.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenApiContract} on exchanges made up for it, against the source document served by a
 * server of the JDK's: what conforms passes, what deviates fails with the validator's words, a
 * request that breaks the document on purpose has its response checked all the same, and an export
 * is checked line by line.
 */
class OpenApiContractTest {

  private static HttpServer server;
  private static URL deployment;
  private static OpenApiContract contract;

  @BeforeAll
  static void serveTheDocument() throws IOException {
    byte[] document =
        Files.readAllBytes(
            Path.of("src", "main", "webapp", "WEB-INF", "classes", "META-INF", "openapi.json"));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/openapi",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, document.length);
          exchange.getResponseBody().write(document);
          exchange.close();
        });
    server.start();
    deployment = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/app/").toURL();
    contract = OpenApiContract.of(deployment);
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static HttpRequest get(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(deployment + path))
            .header("Authorization", TestUser.OPERATOR.authorization());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return request.GET().build();
  }

  private static final String PROBLEM =
      "{\"type\":\"urn:workflow-persistence:problem:http-406\",\"title\":\"Not Acceptable\","
          + "\"status\":406,\"detail\":\"no\",\"instance\":\"/app/api/executions/x\"}";

  @Test
  void aDocumentedAnswerPasses() {
    contract.check(
        get("api/executions/exec-1", "Accept", "application/xml"),
        null,
        new Answer(406, "application/problem+json", PROBLEM),
        "an Accept the operation cannot serve");
  }

  @Test
  void anUndocumentedStatusFailsTheExchange() {
    assertThatThrownBy(
            () ->
                contract.check(
                    get("api/me"),
                    (String) null,
                    new Answer(404, "application/problem+json", PROBLEM)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("validation.response.status.unknown");
  }

  @Test
  void aPropertyTheSchemaDoesNotNameFailsTheExchange() {
    assertThatThrownBy(
            () ->
                contract.check(
                    get("api/me"),
                    (String) null,
                    new Answer(
                        200,
                        "application/json",
                        "{\"name\":\"op\",\"roles\":[\"reader\"],\"password\":\"x\"}")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("password");
  }

  @Test
  void aRequestThatBreaksTheDocumentOnPurposeHasOnlyItsResponseChecked() {
    HttpRequest badId = get("api/executions/a%20b");
    Answer refused =
        new Answer(
            400,
            "application/problem+json",
            PROBLEM.replace("406", "400").replace("Not Acceptable", "Bad Request"));

    assertThatThrownBy(() -> contract.check(badId, (String) null, refused))
        .hasMessageContaining("validation.request.parameter.schema.pattern");
    contract.check(badId, null, refused, "an id the rule refuses");
    assertThatThrownBy(
            () ->
                contract.check(
                    badId,
                    null,
                    new Answer(404, "text/html", "<p>no</p>"),
                    "an id the rule refuses"))
        .hasMessageContaining("validation.response");
  }

  @Test
  void anExportIsCheckedLineByLine() {
    String snapshot =
        "{\"type\":\"snapshot\",\"hash\":\"" + "a".repeat(64) + "\",\"snapshot\":{\"id\":\"w\"}}";
    contract.check(
        get("api/export"), (String) null, new Answer(200, "application/x-ndjson", snapshot + "\n"));

    assertThatThrownBy(
            () ->
                contract.check(
                    get("api/export"),
                    (String) null,
                    new Answer(
                        200,
                        "application/x-ndjson",
                        snapshot + "\n{\"type\":\"snapshot\",\"hash\":\"nope\"}\n")))
        .hasMessageContaining("line 2");
  }

  @Test
  void pathsOutsideTheApiAreOutOfScope() {
    contract.check(get("console/index.html"), (String) null, new Answer(200, "text/html", "<p/>"));
    contract.check(
        HttpRequest.newBuilder(URI.create(deployment.toString()).resolve("/health/ready")).build(),
        (String) null,
        new Answer(503, "text/plain", "down"));
  }

  /** A response as java.net.http hands it over. */
  private record Answer(int status, String type, String body) implements HttpResponse<String> {
    @Override
    public int statusCode() {
      return status;
    }

    @Override
    public HttpRequest request() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return HttpHeaders.of(Map.of("Content-Type", List.of(type)), (name, value) -> true);
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return URI.create(deployment.toString());
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
