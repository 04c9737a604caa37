package org.workflowengine.persistence.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Resource;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.testing.ApiClient;
import org.workflowengine.persistence.testing.Deployments;
import org.workflowengine.persistence.testing.OpenApiContract;
import org.workflowengine.persistence.testing.ResourceMethods;
import org.workflowengine.persistence.testing.Responses;
import org.workflowengine.persistence.testing.Rows;
import org.workflowengine.persistence.testing.TestUser;
import org.workflowengine.persistence.testing.Tokens;

/**
 * Every operation of the API, over real HTTP, as nobody, as a caller with refused credentials and
 * as each role, with HTTP Basic and with a bearer token: 401 without (valid) credentials, 403
 * without the operation's role, both problem+json and storing nothing (every table counted before
 * and after, from inside the server); the operation itself with the role.
 */
@ExtendWith(ArquillianExtension.class)
class AccessControlIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application(AccessControlIT.class.getPackageName())
        .addAsResource("fixtures/test-execution.json");
  }

  @ArquillianResource URL base;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  private ApiClient api;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A request of the table: method, path under /api, body. */
  private record Call(String verb, String path, String contentType, String body) {}

  private String id;
  private String hash;
  private String otherHash;
  private String workflow;
  private JsonObject snapshot;

  @AfterEach
  void closeClient() {
    api.close();
  }

  @BeforeEach
  void oneExecutionOfTwoDefinitions() {
    api = new ApiClient(base);
    id = "acl-" + UUID.randomUUID();
    JsonObject first = api.createSeed(id);
    workflow = first.getString("workflow_name");
    hash = first.getString("snapshot_hash");
    JsonObject other =
        Json.createObjectBuilder(ApiClient.pendingExecution(id + "-b", "acl-" + UUID.randomUUID()))
            .add(
                "workflow_snapshot",
                Json.createObjectBuilder(first.getJsonObject("workflow_snapshot"))
                    .add("acl", UUID.randomUUID().toString()))
            .build();
    try (var created = api.post("executions", other)) {
      assertThat(created.getStatus()).isEqualTo(201);
      otherHash = ApiClient.json(created).getString("snapshot_hash");
    }
    snapshot = first.getJsonObject("workflow_snapshot");
  }

  /**
   * One call per operation, keyed as {@code VERB /api/path-template}; each succeeds for a caller
   * with its role. New ids where the call creates or deletes, so that every call can be repeated.
   */
  private Map<String, Call> table() {
    String fresh = "acl-" + UUID.randomUUID();
    String json = "application/json";
    Map<String, Call> calls = new LinkedHashMap<>();
    calls.put("GET /api/executions", new Call("GET", "executions?limit=1", null, null));
    calls.put(
        "POST /api/executions",
        new Call("POST", "executions", json, ApiClient.seedExecution(fresh).toString()));
    calls.put(
        "DELETE /api/executions",
        new Call("DELETE", "executions?dry_run=true&workflow_name=" + fresh, null, null));
    calls.put(
        "GET /api/executions/count",
        new Call("GET", "executions/count?group_by=status", null, null));
    calls.put("GET /api/executions/{id}", new Call("GET", "executions/" + id, null, null));
    calls.put(
        "PUT /api/executions/{id}",
        new Call("PUT", "executions/" + id, json, ApiClient.seedExecution(id).toString()));
    calls.put("DELETE /api/executions/{id}", new Call("DELETE", "executions/" + fresh, null, null));
    calls.put(
        "POST /api/executions/{id}/status",
        new Call("POST", "executions/" + id + "/status", json, "{\"status\":\"Complete\"}"));
    calls.put(
        "GET /api/executions/{id}/snapshot",
        new Call("GET", "executions/" + id + "/snapshot", null, null));
    calls.put(
        "GET /api/executions/{id}/snapshot/diff",
        new Call("GET", "executions/" + id + "/snapshot/diff?against=" + id + "-b", null, null));
    calls.put(
        "GET /api/executions/{id}/logs/{task_id}",
        new Call("GET", "executions/" + id + "/logs/t1", null, null));
    // Streams: only the answer's head is read (see send); the run's ends by itself once complete.
    calls.put(
        "GET /api/executions/{id}/events",
        new Call("GET", "executions/" + id + "/events", null, null));
    calls.put("GET /api/events", new Call("GET", "events?workflow_name=" + fresh, null, null));
    calls.put(
        "GET /api/executions/{id}/verify",
        new Call("GET", "executions/" + id + "/verify", null, null));
    // A live execution is returned as it is: the call can be repeated.
    calls.put(
        "POST /api/executions/{id}/restore",
        new Call("POST", "executions/" + id + "/restore", null, null));
    calls.put(
        "POST /api/executions/{id}/audit",
        new Call(
            "POST",
            "executions/" + id + "/audit",
            json,
            "{\"actor\":\"acl\",\"action\":\"checked\"}"));
    calls.put(
        "POST /api/executions/{id}/errors",
        new Call("POST", "executions/" + id + "/errors", json, "{\"message\":\"acl\"}"));
    calls.put(
        "PUT /api/executions/{id}/tasks/{task_id}",
        new Call(
            "PUT",
            "executions/" + id + "/tasks/acl",
            json,
            "{\"name\":\"Acl\",\"status\":\"Running\"}"));
    calls.put(
        "POST /api/executions/{id}/logs/{task_id}",
        new Call("POST", "executions/" + id + "/logs/acl", json, "{\"lines\":[\"acl\"]}"));
    // Set, then removed: in this order every repetition of the two succeeds.
    calls.put(
        "PUT /api/executions/{id}/labels/{key}",
        new Call("PUT", "executions/" + id + "/labels/acl", json, "{\"value\":\"checked\"}"));
    calls.put(
        "DELETE /api/executions/{id}/labels/{key}",
        new Call("DELETE", "executions/" + id + "/labels/acl", null, null));
    calls.put("GET /api/snapshots/{hash}", new Call("GET", "snapshots/" + hash, null, null));
    // A definition stored already: every repetition answers its hash and stores nothing.
    calls.put("POST /api/snapshots", new Call("POST", "snapshots", json, snapshot.toString()));
    calls.put(
        "GET /api/snapshots/{from}/diff/{to}",
        new Call("GET", "snapshots/" + hash + "/diff/" + otherHash, null, null));
    calls.put("GET /api/workflows", new Call("GET", "workflows", null, null));
    calls.put("GET /api/me", new Call("GET", "me", null, null));
    calls.put("GET /api/metrics", new Call("GET", "metrics", null, null));
    calls.put(
        "GET /api/workflows/{name}/snapshots",
        new Call("GET", "workflows/" + workflow.replace(" ", "%20") + "/snapshots", null, null));
    calls.put(
        "GET /api/workflows/{name}/stats",
        new Call("GET", "workflows/" + workflow.replace(" ", "%20") + "/stats", null, null));
    calls.put(
        "GET /api/workflows/{name}/grid",
        new Call("GET", "workflows/" + workflow.replace(" ", "%20") + "/grid", null, null));
    calls.put("GET /api/export", new Call("GET", "export", null, null));
    calls.put(
        "POST /api/import",
        new Call("POST", "import", "application/x-ndjson", exported("acl-" + UUID.randomUUID())));
    return calls;
  }

  /** The role each operation declares, keyed like {@link #table()}. */
  private static Map<String, String> roles() {
    return ResourceMethods.all().stream()
        .collect(
            Collectors.toMap(
                ResourceMethods.Operation::toString,
                operation -> {
                  RoleRequired required = operation.method().getAnnotation(RoleRequired.class);
                  assertThat(required).as(operation + " names its role").isNotNull();
                  return required.value();
                }));
  }

  @Test
  void theTableHasEveryOperation() {
    assertThat(table().keySet()).containsExactlyInAnyOrderElementsOf(roles().keySet());
  }

  @Test
  void everyOperationRefusesAnonymousCallers() throws Exception {
    List<Long> before = Rows.everyTable(dataSource);
    for (var entry : table().entrySet()) {
      HttpResponse<String> response = send(entry.getValue(), null);

      assertUnauthorized(entry.getKey(), response, "needs HTTP Basic credentials");
    }
    assertThat(Rows.everyTable(dataSource)).isEqualTo(before);
  }

  @Test
  void refusedCredentialsAreAnsweredLikeNone() throws Exception {
    Call create = table().get("POST /api/executions");
    List<Long> before = Rows.everyTable(dataSource);
    List<String> refused =
        List.of(
            basic(TestUser.OPERATOR.userName() + ":" + TestUser.READER.password()),
            basic("nobody:" + TestUser.OPERATOR.password()),
            basic(TestUser.OPERATOR.userName() + ":" + TestUser.OPERATOR.password() + " "));
    List<String> malformed =
        List.of(
            "Basic",
            basic(TestUser.OPERATOR.userName() + ":"),
            basic(":" + TestUser.OPERATOR.password()),
            "Basic !!not-base64!!",
            "Basic "
                + Base64.getEncoder().encodeToString("no colon".getBytes(StandardCharsets.UTF_8)),
            "Basic " + Base64.getEncoder().encodeToString(new byte[] {'u', ':', (byte) 0xC3, 'x'}),
            TestUser.OPERATOR.authorization().substring("Basic ".length()));

    for (String header : refused) {
      assertUnauthorized(header, send(create, header), "was not accepted");
    }
    for (String header : malformed) {
      assertUnauthorized(header, send(create, header), "not valid HTTP Basic credentials");
    }
    HttpResponse<String> password = send(create, "Bearer " + TestUser.OPERATOR.password());
    assertThat(password.statusCode()).isEqualTo(401);
    assertThat(password.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"workflow-executions\", error=\"invalid_token\"");
    assertThat(problem("a password as a token", password).getString("detail"))
        .startsWith("The bearer token was not accepted: ");
    assertThat(Rows.everyTable(dataSource)).isEqualTo(before);
  }

  @Test
  void everyRoleIsRefusedWhatIsNotItsOwn() throws Exception {
    refusedWhatIsNotItsOwn(TestUser::authorization);
  }

  @Test
  void everyRoleIsRefusedWhatIsNotItsOwnByBearerToken() throws Exception {
    refusedWhatIsNotItsOwn(AccessControlIT::bearer);
  }

  @Test
  void everyRoleIsServedItsOwn() throws Exception {
    servedItsOwn(TestUser::authorization);
  }

  @Test
  void everyRoleIsServedItsOwnByBearerToken() throws Exception {
    servedItsOwn(AccessControlIT::bearer);
  }

  /** A bearer token of the trusted issuer naming {@code user} with its roles as groups. */
  private static String bearer(TestUser user) {
    return Tokens.Trusted.authorization(
        "svc-" + user.userName(), user.roles().toArray(String[]::new));
  }

  private void refusedWhatIsNotItsOwn(Function<TestUser, String> credentials) throws Exception {
    Map<String, String> roles = roles();
    String executionBefore = read(id);
    List<Long> before = Rows.everyTable(dataSource);
    int refused = 0;
    for (var entry : table().entrySet()) {
      String role = roles.get(entry.getKey());
      for (TestUser user :
          List.of(TestUser.READER, TestUser.WRITER, TestUser.ADMIN, TestUser.MONITOR)) {
        if (user.roles().contains(role)) {
          continue;
        }
        HttpResponse<String> response = send(entry.getValue(), credentials.apply(user));

        String what = entry.getKey() + " as " + user.userName();
        assertThat(response.statusCode()).as(what).isEqualTo(403);
        assertThat(problem(what, response).getString("detail"))
            .as(what)
            .isEqualTo("This operation needs the role " + role);
        refused++;
      }
    }
    assertThat(refused).as("each operation is refused to the three other roles").isEqualTo(3 * 32);
    assertThat(Rows.everyTable(dataSource)).isEqualTo(before);
    assertThat(read(id)).as("the execution is unchanged").isEqualTo(executionBefore);
  }

  private void servedItsOwn(Function<TestUser, String> credentials) throws Exception {
    Map<String, String> roles = roles();
    for (var entry : table().entrySet()) {
      TestUser user =
          Stream.of(TestUser.READER, TestUser.WRITER, TestUser.ADMIN, TestUser.MONITOR)
              .filter(candidate -> candidate.roles().contains(roles.get(entry.getKey())))
              .findFirst()
              .orElseThrow();

      HttpResponse<String> response = send(entry.getValue(), credentials.apply(user));

      assertThat(response.statusCode())
          .as(entry.getKey() + " as " + user.userName() + ": " + response.body())
          .isBetween(200, 299);
    }
  }

  private HttpResponse<String> send(Call call, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base.toExternalForm()).resolve("api/" + call.path()))
            .timeout(Duration.ofSeconds(30))
            .method(
                call.verb(),
                call.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(call.body()));
    if (call.contentType() != null) {
      request.header("Content-Type", call.contentType());
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpRequest sent = request.build();
    HttpResponse<String> response =
        call.path().contains("events")
            ? headOfStream(http.send(sent, HttpResponse.BodyHandlers.ofInputStream()))
            : http.send(sent, HttpResponse.BodyHandlers.ofString());
    (authorization == null ? OpenApiContract.anonymous(base) : OpenApiContract.of(base))
        .check(sent, call.body(), response);
    return response;
  }

  /**
   * An answer that may be an event stream, which does not end: a refusal read whole, a stream
   * closed once its first block arrived (taken as its body).
   */
  private static HttpResponse<String> headOfStream(HttpResponse<InputStream> response)
      throws IOException {
    String body;
    try (InputStream in = response.body()) {
      if (response.statusCode() == 200) {
        // the stream's first block (its opening comment line), up to the empty line ending it
        java.io.ByteArrayOutputStream first = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
          first.write(b);
          if (first.toString(StandardCharsets.UTF_8).endsWith("\n\n")) {
            break;
          }
        }
        body = first.toString(StandardCharsets.UTF_8);
      } else {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return Responses.withBody(response, body);
  }

  private static void assertUnauthorized(
      String what, HttpResponse<String> response, String detail) {
    assertThat(response.statusCode()).as(what).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .as(what)
        .hasValue("Basic realm=\"workflow-executions\", charset=\"UTF-8\"");
    assertThat(problem(what, response).getString("detail")).as(what).contains(detail);
  }

  private static JsonObject problem(String what, HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type"))
        .as(what)
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonObject problem = Json.createReader(new StringReader(response.body())).readObject();
    assertThat(problem.getInt("status")).as(what).isEqualTo(response.statusCode());
    return problem;
  }

  private String read(String executionId) throws IOException, InterruptedException {
    return send(
            new Call("GET", "executions/" + executionId, null, null),
            TestUser.OPERATOR.authorization())
        .body();
  }

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** The seed execution under {@code newId} as an export holds it: snapshot line, then its own. */
  private String exported(String newId) {
    JsonObject snapshotLine =
        Json.createObjectBuilder()
            .add("type", "snapshot")
            .add("hash", hash)
            .add("snapshot", snapshot)
            .build();
    JsonObjectBuilder execution = Json.createObjectBuilder().add("type", "execution");
    ApiClient.seedExecution(newId)
        .forEach(
            (name, value) -> {
              if (!name.equals("workflow_snapshot")) {
                execution.add(name, value);
              }
            });
    execution.add("snapshot_hash", hash);
    return snapshotLine + "\n" + execution.build() + "\n";
  }
}
