package org.workflowengine.persistence.instances;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.Rows;
import org.workflowengine.persistence.testing.TestUser;

/**
 * A fuzz run of the body gate and the import reader against a real server on PostgreSQL: valid
 * request bodies and import streams, mutated by jqwik (bytes flipped, inserted, cut and repeated,
 * and tokens that broke the service before: unpaired surrogates, U+0000, exponents beyond range,
 * years beyond 9999, ids {@code ..}, deep nesting), are sent one at a time. Whatever is sent: never
 * a 5xx; every refusal is {@code application/problem+json} with its status and a detail, and leaves
 * every table as it was; every accepted create reads back the definition it was sent. Run by {@code
 * mvn verify -Pchecks -Ddatabase=postgresql}: 1,500 inputs per property, a few minutes.
 */
class InputFuzzCheck {

  private static final String URL = System.getProperty("executions.db.url");
  private static final String USER = System.getProperty("executions.db.user");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final Map<Integer, AtomicLong> STATUSES = new TreeMap<>();

  private static PayaraMicroProcess server;
  private static String target;

  @BeforeContainer
  static void start() throws Exception {
    server =
        PayaraMicroProcess.start(
            "fuzz",
            8285,
            Map.of("executions.db.url", URL, "executions.db.user", USER),
            List.of("-Xmx512m"));
    // A running execution, so that appends, task records and status moves can succeed.
    HttpResponse<String> created =
        send(
            "POST",
            "api/executions",
            "application/json",
            "{\"workflow_name\": \"fuzz\", \"status\": \"Running\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    target = read(created.body()).getString("id");
  }

  @AfterContainer
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    System.out.println("input-fuzz: responses by status " + STATUSES);
  }

  @Property(tries = 1500)
  void mutatedBodiesAreStoredWholeOrRefusedCleanly(
      @ForAll("endpoints") String endpoint, @ForAll("mutations") List<Mutation> mutations)
      throws Exception {
    String[] parts = endpoint.split(" ", 3);
    byte[] body = mutate(seed(parts[2]), mutations);
    String path = parts[1].replace("{id}", target);

    List<Long> before = counts();
    HttpResponse<String> response = send(parts[0], path, "application/json", body);
    List<Long> after = counts();

    checkAnswer(response, before, after);
    if (response.statusCode() == 201 && path.equals("api/executions")) {
      // What was accepted is stored exactly: the definition reads back equal to the one sent.
      JsonObject sent = read(new String(body, StandardCharsets.UTF_8));
      JsonObject stored = read(response.body());
      HttpResponse<String> snapshot =
          send("GET", "api/executions/" + stored.getString("id") + "/snapshot", null, null);
      JsonValue expected = sent.getOrDefault("workflow_snapshot", JsonValue.NULL);
      if (expected.getValueType() == JsonValue.ValueType.OBJECT) {
        assertThat(read(snapshot.body())).isEqualTo(expected);
      }
    }
  }

  @Property(tries = 1500)
  void mutatedImportsAreImportedWholeOrRefusedCleanly(
      @ForAll("mutations") List<Mutation> mutations, @ForAll("ids") String id) throws Exception {
    byte[] ndjson = mutate(seed("import").replace("{import-id}", id), mutations);

    List<Long> before = counts();
    HttpResponse<String> response = send("POST", "api/import", "application/x-ndjson", ndjson);
    List<Long> after = counts();

    checkAnswer(response, before, after);
  }

  private static void checkAnswer(
      HttpResponse<String> response, List<Long> before, List<Long> after) {
    int status = response.statusCode();
    synchronized (STATUSES) {
      STATUSES.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }
    assertThat(status).as("no server error: %s", response.body()).isLessThan(500);
    if (status >= 400) {
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      JsonObject problem = read(response.body());
      assertThat(problem.getInt("status")).isEqualTo(status);
      assertThat(problem.getString("detail")).isNotBlank();
      assertThat(after).as("a refused request stores nothing").isEqualTo(before);
    }
  }

  // ---------------------------------------------------------------- inputs

  @Provide
  Arbitrary<String> endpoints() {
    return Arbitraries.of(
        "POST api/executions execution",
        "PUT api/executions/fuzz-put execution",
        "POST api/executions/{id}/audit audit",
        "POST api/executions/{id}/errors error",
        "POST api/executions/{id}/logs/t1 logs",
        "PUT api/executions/{id}/tasks/t1 task",
        "POST api/executions/{id}/status status");
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
  }

  /** A change of the bytes: where (a fraction of the length), what, and with which token. */
  record Mutation(String kind, double at, double span, String token) {}

  private static final List<String> TOKENS =
      List.of(
          "\\ud800",
          "\\udc00",
          "\\ud83d\\ude00",
          "\\u0000",
          "\u0000",
          "1e99999999999",
          "-0",
          "99999999999999999999999999",
          "+99999-01-01T00:00:00Z",
          "0000-01-01T00:00:00Z",
          "\"..\"",
          "\".\"",
          "null",
          "{",
          "}",
          "[",
          "]",
          "\"",
          ",",
          ":",
          "[".repeat(600),
          "{\"a\":".repeat(600),
          "\u00e9",
          "\uD83D\uDE00");

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one =
        Combinators.combine(
                Arbitraries.of("flip", "insert", "delete", "repeat", "token", "truncate", "none"),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 0.2),
                Arbitraries.of(TOKENS))
            .as(Mutation::new);
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  private static byte[] mutate(String seed, List<Mutation> mutations) {
    byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
    for (Mutation m : mutations) {
      int at = (int) (m.at() * bytes.length);
      int span = Math.max(1, (int) (m.span() * bytes.length));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      switch (m.kind()) {
        case "flip" -> {
          byte[] copy = bytes.clone();
          if (copy.length > 0) {
            copy[Math.min(at, copy.length - 1)] ^= (byte) (1 << (span % 8));
          }
          bytes = copy;
          continue;
        }
        case "insert" -> {
          out.write(bytes, 0, at);
          out.write((byte) (span * 37 + 128));
          out.write(bytes, at, bytes.length - at);
        }
        case "delete" -> {
          out.write(bytes, 0, at);
          int from = Math.min(bytes.length, at + span);
          out.write(bytes, from, bytes.length - from);
        }
        case "repeat" -> {
          int end = Math.min(bytes.length, at + span);
          out.write(bytes, 0, end);
          out.write(bytes, at, end - at);
          out.write(bytes, end, bytes.length - end);
        }
        case "token" -> {
          byte[] token = m.token().getBytes(StandardCharsets.UTF_8);
          out.write(bytes, 0, at);
          out.write(token, 0, token.length);
          out.write(bytes, at, bytes.length - at);
        }
        case "truncate" -> out.write(bytes, 0, at);
        default -> out.write(bytes, 0, bytes.length);
      }
      bytes = out.toByteArray();
    }
    return bytes;
  }

  private static String seed(String name) throws Exception {
    try (InputStream in = InputFuzzCheck.class.getResourceAsStream("/fuzz/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static HttpResponse<String> send(String method, String path, String type, Object body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.base().resolve(URI.create(path)))
            .header("Authorization", TestUser.OPERATOR.authorization())
            .timeout(Duration.ofSeconds(30));
    byte[] bytes =
        body == null
            ? null
            : body instanceof byte[] b ? b : body.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", type)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject read(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private static List<Long> counts() throws Exception {
    List<Long> counts = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(URL, USER, null);
        Statement statement = connection.createStatement()) {
      for (String table : Rows.TABLES) {
        try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
          result.next();
          counts.add(result.getLong(1));
        }
      }
    }
    return counts;
  }
}
