package org.workflowengine.persistence.instances;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Deploys the built WAR on the real Payara Server and WildFly distributions exactly as
 * docs/operations.md tells an operator to: the blocks marked {@code <!-- checked: name -->} there
 * are the script, run as they stand in the project directory, so that the documentation and what
 * works cannot drift apart. After each deployment, restart and redeployment, on embedded Derby and
 * on PostgreSQL, the API is used as the users file's user: an execution created with tasks and
 * appends, read back, listed; what was created before is still there; {@code /health/ready} is UP
 * and {@code /openapi} lists the operations. A failure names the documented step. The servers are
 * stopped at the end whatever happens. Run by {@code mvn verify -Pchecks -Ddatabase=postgresql},
 * which copies the two distributions to {@code target/operator}.
 */
class OperatorDeployCheck {

  private static final Path DOC = Path.of("docs", "operations.md");
  private static final Path OPERATOR = Path.of("target", "operator").toAbsolutePath();
  private static final Pattern BLOCK =
      Pattern.compile("<!-- checked: ([a-z-]+) -->\\s*\\n```bash\\n(.*?)\\n```", Pattern.DOTALL);
  private static final String PASSWORD = "engine-" + UUID.randomUUID();
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Map<String, String> blocks = blocks();
  private final List<String> ran = new ArrayList<>();
  private final Instant started = Instant.now();

  /** The server under test: where its API and health are, and what was created on it so far. */
  private record Server(String name, URI app, URI health) {}

  @Test
  void payaraServerAsDocumented() throws Exception {
    Path home = unzip("payara.zip", "payara6");
    Map<String, String> env = Map.of("PATH", home.resolve("bin") + ":" + System.getenv("PATH"));
    try {
      run("users", env);
      Server derby =
          new Server(
              "Payara Server, Derby",
              URI.create("http://localhost:8080/"),
              URI.create("http://localhost:8080/health/ready"));
      run("payara-deploy", env);
      List<String> kept = new ArrayList<>();
      kept.add(useTheApi(derby, "after payara-deploy", kept));
      run("payara-restart", env);
      kept.add(useTheApi(derby, "after payara-restart", kept));
      run("payara-redeploy", env);
      kept.add(useTheApi(derby, "after payara-redeploy", kept));

      run("payara-postgresql", withDatabase(env));
      Server postgresql = new Server("Payara Server, PostgreSQL", derby.app(), derby.health());
      List<String> keptOnPostgresql = new ArrayList<>();
      keptOnPostgresql.add(useTheApi(postgresql, "after payara-postgresql", keptOnPostgresql));
      run("payara-restart", env);
      keptOnPostgresql.add(useTheApi(postgresql, "after payara-restart", keptOnPostgresql));
      run("payara-redeploy", env);
      keptOnPostgresql.add(useTheApi(postgresql, "after payara-redeploy", keptOnPostgresql));
    } finally {
      stop("payara-stop", env, home);
      report("Payara Server");
    }
  }

  @Test
  void wildflyAsDocumented() throws Exception {
    Path home = unzip("wildfly.zip", "wildfly-");
    Map<String, String> env = Map.of("JBOSS_HOME", home.toString());
    try {
      run("users", env);
      run("wildfly-configure", env);
      Server derby =
          new Server(
              "WildFly, Derby",
              URI.create("http://localhost:8080/workflow-persistence/"),
              URI.create("http://localhost:9990/health/ready"));
      start(env);
      run("wildfly-deploy", env);
      List<String> kept = new ArrayList<>();
      kept.add(useTheApi(derby, "after wildfly-deploy", kept));
      run("wildfly-stop", env);
      start(env);
      kept.add(useTheApi(derby, "after a restart (wildfly-stop, wildfly-start)", kept));
      run("wildfly-redeploy", env);
      kept.add(useTheApi(derby, "after wildfly-redeploy", kept));

      run("wildfly-postgresql", withDatabase(env));
      Server postgresql =
          new Server("WildFly, PostgreSQL", URI.create("http://localhost:8080/"), derby.health());
      List<String> keptOnPostgresql = new ArrayList<>();
      keptOnPostgresql.add(useTheApi(postgresql, "after wildfly-postgresql", keptOnPostgresql));
      run("wildfly-stop", env);
      start(env);
      keptOnPostgresql.add(
          useTheApi(postgresql, "after a restart (wildfly-stop, wildfly-start)", keptOnPostgresql));
      run("wildfly-postgresql", withDatabase(env));
      keptOnPostgresql.add(
          useTheApi(postgresql, "after wildfly-postgresql run again", keptOnPostgresql));
    } finally {
      stop("wildfly-stop", env, home);
      report("WildFly");
    }
  }

  /** {@code wildfly-start}, then what an operator does next: wait until the server runs. */
  private void start(Map<String, String> env) throws Exception {
    run("wildfly-start", env);
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> management =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:9990/health/live"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (management.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("wildfly-start: WildFly was not running within " + READY_TIMEOUT);
  }

  private static Map<String, String> withDatabase(Map<String, String> env) {
    Map<String, String> with = new LinkedHashMap<>(env);
    with.put("EXECUTIONS_DB_URL", System.getProperty("executions.db.url"));
    with.put("EXECUTIONS_DB_USER", System.getProperty("executions.db.user"));
    return with;
  }

  /**
   * Through the API as the users file's user: creates an execution with two tasks, appends an audit
   * entry and log lines, reads it back, finds it in the list; reads back every execution of {@code
   * kept}; health UP; the OpenAPI document lists the operations. Returns the new id.
   */
  private String useTheApi(Server server, String when, List<String> kept) throws Exception {
    String what = server.name() + " " + when;
    awaitReady(server, what);
    String id = "operator-" + UUID.randomUUID();
    String workflow = "operator-check-" + started.toEpochMilli();
    JsonObject execution =
        Json.createObjectBuilder()
            .add("id", id)
            .add("workflow_name", workflow)
            .add(
                "workflow_snapshot", Json.createObjectBuilder().add("id", "deploy").add("steps", 2))
            .add("status", "Running")
            .add(
                "tasks",
                Json.createArrayBuilder()
                    .add(task("build", "Complete"))
                    .add(task("deploy", "Running")))
            .build();
    expect(what + ": create", api(server, "POST", "api/executions", execution.toString()), 201);
    expect(
        what + ": audit append",
        api(
            server,
            "POST",
            "api/executions/" + id + "/audit",
            "{\"actor\":\"operator\",\"action\":\"deployed\"}"),
        201);
    expect(
        what + ": log append",
        api(
            server,
            "POST",
            "api/executions/" + id + "/logs/deploy",
            "{\"lines\":[\"copying\",\"started\"]}"),
        201,
        204);
    HttpResponse<String> read = api(server, "GET", "api/executions/" + id, null);
    expect(what + ": read back", read, 200);
    JsonObject back = Json.createReader(new StringReader(read.body())).readObject();
    assertThat(back.getJsonArray("tasks")).as(what + ": tasks read back").hasSize(2);
    assertThat(back.getJsonArray("audit_trail")).as(what + ": audit read back").hasSize(1);
    assertThat(back.getJsonObject("per_task_logs").getJsonArray("deploy"))
        .as(what + ": logs read back")
        .hasSize(2);
    HttpResponse<String> list =
        api(server, "GET", "api/executions?workflow_name=" + workflow + "&limit=500", null);
    expect(what + ": list", list, 200);
    assertThat(list.body()).as(what + ": list").contains("\"" + id + "\"");
    for (String earlier : kept) {
      expect(
          what + ": " + earlier + " created before is still there",
          api(server, "GET", "api/executions/" + earlier, null),
          200);
    }
    HttpResponse<String> health = get(server.health(), "application/json");
    expect(what + ": " + server.health(), health, 200);
    assertThat(health.body()).as(what + ": health").contains("\"UP\"");
    HttpResponse<String> openapi =
        get(URI.create(server.app().resolve("/").toString() + "openapi"), "application/json");
    expect(what + ": /openapi", openapi, 200);
    assertThat(openapi.body()).as(what + ": /openapi").contains("\"/api/executions/{id}\"");
    return id;
  }

  private static JsonObject task(String id, String status) {
    return Json.createObjectBuilder()
        .add("task_id", id)
        .add("name", id)
        .add("status", status)
        .build();
  }

  /** Waits until the application answers its health check and the API: a deployment takes time. */
  private void awaitReady(Server server, String what) throws Exception {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> health = get(server.health(), "application/json");
        HttpResponse<String> api = api(server, "GET", "api/executions?limit=1", null);
        if (health.statusCode() == 200 && api.statusCode() == 200) {
          return;
        }
        last = "health " + health.statusCode() + ", api " + api.statusCode() + ": " + api.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        what + ": the application was not ready within " + READY_TIMEOUT + " (last: " + last + ")");
  }

  private static HttpResponse<String> api(Server server, String method, String path, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(server.app().resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(("engine:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(URI uri, String accept)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", accept)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(String what, HttpResponse<String> response, int... statuses) {
    assertThat(statuses)
        .as("%s: answered %d %s", what, response.statusCode(), response.body())
        .contains(response.statusCode());
  }

  /**
   * Runs the documented block {@code name} with bash in the project directory, with {@code env}
   * added to this process's environment and the users file's password in {@code ENGINE_PASSWORD}.
   */
  private void run(String name, Map<String, String> env) throws Exception {
    String script = blocks.get(name);
    assertThat(script).as("docs/operations.md has a block marked 'checked: %s'", name).isNotNull();
    Path log = OPERATOR.resolve("logs").resolve(String.format("%02d-%s.log", ran.size(), name));
    Files.createDirectories(log.getParent());
    ProcessBuilder bash =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
            .directory(Path.of("").toAbsolutePath().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    bash.environment().putAll(env);
    bash.environment().put("ENGINE_PASSWORD", PASSWORD);
    Instant start = Instant.now();
    Process process = bash.start();
    process.getOutputStream().close();
    boolean ended = process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    ran.add(
        String.format(
            "%-20s %5.1f s", name, Duration.between(start, Instant.now()).toMillis() / 1e3));
    if (!ended || process.exitValue() != 0) {
      List<String> output = Files.readAllLines(log);
      throw new AssertionError(
          "docs/operations.md, step '"
              + name
              + "' "
              + (ended
                  ? "failed with exit code " + process.exitValue()
                  : "did not end within " + STEP_TIMEOUT)
              + ":\n"
              + script
              + "\n--- its output (last lines; all in "
              + log
              + ") ---\n"
              + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())));
    }
  }

  /**
   * The documented stop; then, after a minute for it to take effect, whatever of the server is
   * still running is killed.
   */
  private void stop(String name, Map<String, String> env, Path home) {
    try {
      run(name, env);
    } catch (Throwable e) {
      System.out.println("operator-deploy: " + name + " failed: " + e.getMessage());
    }
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline) && leftOf(home).findAny().isPresent()) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    leftOf(home)
        .forEach(
            p -> {
              System.out.println(
                  "operator-deploy: killing what is left of " + home + ": " + p.pid());
              p.destroyForcibly();
            });
  }

  /** The processes started from the server's directory: what a stop has not ended yet. */
  private static java.util.stream.Stream<ProcessHandle> leftOf(Path home) {
    return ProcessHandle.allProcesses()
        .filter(
            p -> p.info().commandLine().map(line -> line.contains(home.toString())).orElse(false));
  }

  private void report(String server) {
    System.out.printf(
        "operator-deploy: %s, %d documented steps in %d s:%n  %s%n",
        server,
        ran.size(),
        Duration.between(started, Instant.now()).toSeconds(),
        String.join("\n  ", ran));
  }

  /** The documented blocks by name; a name used twice is refused. */
  private static Map<String, String> blocks() {
    try {
      String doc = Files.readString(DOC, StandardCharsets.UTF_8);
      Map<String, String> blocks = new LinkedHashMap<>();
      Matcher block = BLOCK.matcher(doc);
      while (block.find()) {
        assertThat(blocks.put(block.group(1), block.group(2)))
            .as("block %s marked twice", block.group(1))
            .isNull();
      }
      return blocks;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A fresh copy of the distribution that the checks profile copied to {@code target/operator},
   * unpacked with the permissions its scripts need; returns its top directory, the one whose name
   * starts with {@code top}.
   */
  private static Path unzip(String zip, String top) throws IOException {
    Path into = OPERATOR.resolve(zip.replace(".zip", ""));
    if (Files.exists(into)) {
      try (var paths = Files.walk(into)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    try (ZipFile archive = new ZipFile(OPERATOR.resolve(zip).toFile())) {
      for (ZipEntry entry : java.util.Collections.list(archive.entries())) {
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("entry outside the directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = archive.getInputStream(entry)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        String file = target.getFileName().toString();
        if (file.endsWith(".sh") || target.getParent().getFileName().toString().equals("bin")) {
          target.toFile().setExecutable(true);
        }
      }
    }
    try (var entries = Files.list(into)) {
      return entries
          .filter(path -> path.getFileName().toString().startsWith(top))
          .findFirst()
          .orElseThrow(() -> new IOException(zip + " has no " + top + "… directory"));
    }
  }
}
