package org.workflowengine.persistence.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.json.CanonicalJson;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.testing.Deployments;
import org.workflowengine.persistence.testing.OpenApiContract;
import org.workflowengine.persistence.testing.Rows;
import org.workflowengine.persistence.testing.TestUser;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/cases.json}, one case a row) sent
 * over HTTP from inside the server, where every table can be counted before and after each case,
 * and every failing case is reported by name: each must be answered with its 4xx as {@code
 * application/problem+json} with a useful detail and no stack trace, and leave every table exactly
 * as it was.
 */
@ExtendWith(ArquillianExtension.class)
class HostileInputIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application(HostileInputIT.class.getPackageName())
        .addAsResource("hostile/cases.json");
  }

  @ArquillianResource URL base;

  @Inject ExecutionStore store;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  /** A stack trace, an exception's or a library's class name, or a library's own wording. */
  private static final java.util.regex.Pattern LEAK =
      java.util.regex.Pattern.compile(
          "\\tat |Exception|\\b(?:org|com|java|javax|jakarta|sun)\\.[a-z]+\\.|Internal error"
              + "|[Yy]asson|[Pp]arsson|@Jsonb");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void everyHostileRequestIsAProblemAndChangesNothing() throws Exception {
    List<JsonObject> cases = cases();
    List<String> failures = new ArrayList<>();
    for (JsonObject hostile : cases) {
      String failure;
      try {
        failure = attempt(hostile);
      } catch (java.io.IOException | RuntimeException e) {
        failure = "no answer: " + e;
      }
      if (failure != null) {
        failures.add(hostile.getString("name") + ": " + failure);
      }
    }
    System.out.println(
        "hostile-input: " + cases.size() + " cases tried, " + failures.size() + " failed");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
    assertThat(failures).isEmpty();
  }

  /** Sends one case; returns what went wrong, or null. */
  private String attempt(JsonObject hostile) throws Exception {
    String id =
        store.create(new WorkflowExecution("hostile", Json.createObjectBuilder().build())).getId();
    WorkflowExecution finished =
        new WorkflowExecution("hostile", Json.createObjectBuilder().build());
    finished.setStatus(WorkflowStatus.COMPLETE);
    String done = store.create(finished).getId();
    String path =
        hostile
            .getString("path")
            .replace("{id}", id)
            .replace("{done}", done)
            .replace("{new}", "new-" + UUID.randomUUID())
            .replace("{missing}", "missing-" + UUID.randomUUID())
            .replace("{cursor}", cursorOf("executions?workflow_name=hostile&limit=1"));
    byte[] body = body(hostile, id);
    List<Long> before = counts();

    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base.toExternalForm()).resolve("api/" + path))
            .header("Authorization", TestUser.OPERATOR.authorization())
            .timeout(Duration.ofSeconds(20))
            .method(
                hostile.getString("method"),
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", hostile.getString("content_type"));
    }
    JsonObject generate = hostile.getJsonObject("generate");
    if (generate != null && generate.getString("kind").equals("header")) {
      request.header(generate.getString("name"), generate.getString("value"));
    }
    HttpRequest sent = request.build();
    HttpResponse<String> response = http.send(sent, HttpResponse.BodyHandlers.ofString());
    // Hostile on purpose: only the answer is held to the OpenAPI document.
    OpenApiContract.of(base)
        .check(sent, body, response, "hostile input: " + hostile.getString("name"));

    List<Long> after = counts();
    int expected = hostile.getInt("status");
    if (response.statusCode() != expected) {
      return "status "
          + response.statusCode()
          + " instead of "
          + expected
          + ": "
          + abbreviate(response.body());
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith("application/problem+json")) {
      return "content type " + type;
    }
    JsonObject problem = Json.createReader(new StringReader(response.body())).readObject();
    String detail = problem.getString("detail", "");
    if (detail.isBlank() || problem.getInt("status", 0) != expected) {
      return "problem without detail or status: " + response.body();
    }
    if (LEAK.matcher(response.body()).find()) {
      return "a stack trace or the server's internals leaked: " + abbreviate(response.body());
    }
    if (!before.equals(after)) {
      return "rows changed " + before + " -> " + after;
    }
    return null;
  }

  private static byte[] body(JsonObject hostile, String id) {
    JsonValue given = hostile.get("body");
    if (given != null) {
      return ((jakarta.json.JsonString) given).getString().getBytes(StandardCharsets.UTF_8);
    }
    JsonObject generate = hostile.getJsonObject("generate");
    if (generate == null) {
      return null;
    }
    String kind = generate.getString("kind");
    int length = generate.getInt("length", 0);
    return switch (kind) {
      case "long-string" ->
          Json.createObjectBuilder()
              .add("workflow_name", "x")
              .add(generate.getString("field"), "x".repeat(length))
              .build()
              .toString()
              .getBytes(StandardCharsets.UTF_8);
      case "long-line" ->
          ("{\"lines\": [\"" + "x".repeat(length) + "\"]}").getBytes(StandardCharsets.UTF_8);
      case "nest" -> {
        int depth = generate.getInt("depth");
        yield ("{\"workflow_name\": \"x\", \"workflow_snapshot\": "
                + "{\"a\":".repeat(depth)
                + "1"
                + "}".repeat(depth)
                + "}")
            .getBytes(StandardCharsets.UTF_8);
      }
      case "invalid-utf8" -> {
        byte[] prefix = "{\"workflow_name\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        bytes[prefix.length] = (byte) 0xC3;
        bytes[prefix.length + 1] = (byte) 0x28;
        bytes[prefix.length + 2] = '"';
        bytes[prefix.length + 3] = '}';
        yield bytes;
      }
      case "oversize" ->
          ("{\"workflow_name\": \"" + "x".repeat(length) + "\"}").getBytes(StandardCharsets.UTF_8);
      case "big-snapshot" ->
          ("{\"workflow_name\": \"x\", \"workflow_snapshot\": {\"blob\": \""
                  + "x".repeat(length)
                  + "\"}}")
              .getBytes(StandardCharsets.UTF_8);
      case "duplicate" ->
          ("{\"id\": \"" + id + "\", \"workflow_name\": \"x\"}").getBytes(StandardCharsets.UTF_8);
      case "import-invalid-utf8" -> {
        byte[] line = "{\"type\": \"snapshot\", \"x\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[line.length + 4];
        System.arraycopy(line, 0, bytes, 0, line.length);
        bytes[line.length] = (byte) 0xED; // an encoded surrogate: not UTF-8
        bytes[line.length + 1] = (byte) 0xA0;
        bytes[line.length + 2] = (byte) 0x80;
        bytes[line.length + 3] = '"';
        yield (new String(bytes, StandardCharsets.ISO_8859_1) + "}\n")
            .getBytes(StandardCharsets.ISO_8859_1);
      }
      case "import-nest" -> {
        int depth = generate.getInt("depth");
        yield ("{\"type\": \"snapshot\", \"snapshot\": "
                + "[".repeat(depth)
                + "]".repeat(depth)
                + "}\n")
            .getBytes(StandardCharsets.UTF_8);
      }
      case "import-snapshot-nest" -> {
        JsonObject snapshot = JsonObject.EMPTY_JSON_OBJECT;
        for (int i = 1; i < generate.getInt("depth"); i++) {
          snapshot = Json.createObjectBuilder().add("a", snapshot).build();
        }
        // The hash is the snapshot's real one, so that only the depth can be refused.
        yield Json.createObjectBuilder()
            .add("type", "snapshot")
            .add("hash", CanonicalJson.sha256(CanonicalJson.of(snapshot)))
            .add("snapshot", snapshot)
            .build()
            .toString()
            .getBytes(StandardCharsets.UTF_8);
      }
      case "import-long-line" ->
          ("{\"type\": \"snapshot\", \"x\": \"" + "x".repeat(length) + "\"}\n")
              .getBytes(StandardCharsets.UTF_8);
      case "header" -> null;
      default -> throw new IllegalArgumentException("unknown generator " + kind);
    };
  }

  /** The next_cursor of a real listing, for the cases that send it with other filters. */
  private String cursorOf(String listing) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base.toExternalForm()).resolve("api/" + listing))
            .header("Authorization", TestUser.OPERATOR.authorization())
            .build();
    HttpResponse<String> page = http.send(request, HttpResponse.BodyHandlers.ofString());
    OpenApiContract.of(base).check(request, (String) null, page);
    String cursor =
        Json.createReader(new StringReader(page.body())).readObject().getString("next_cursor");
    return java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }

  private List<Long> counts() throws Exception {
    return Rows.everyTable(dataSource);
  }

  private static List<JsonObject> cases() throws Exception {
    try (InputStream in = HostileInputIT.class.getResourceAsStream("/hostile/cases.json")) {
      return Json.createReader(in).readArray().getValuesAs(JsonObject.class).stream().toList();
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
