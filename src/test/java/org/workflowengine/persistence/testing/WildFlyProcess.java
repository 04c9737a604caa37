package org.workflowengine.persistence.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The application on a WildFly of its own, in another JVM, set up as an operator sets it up: a
 * fresh copy of the distribution that the checks profile copies to {@code target/operator}, {@code
 * server-config/wildfly/configure.cli} applied, the WAR deployed at {@code /}, the settings given
 * as system properties. Ports are WildFly's moved by an offset (HTTP 8080 + offset, management 9990
 * + offset).
 */
public final class WildFlyProcess implements AutoCloseable {

  private static final Path DISTRIBUTION = Path.of("target", "operator", "wildfly.zip");
  private static final Path WAR = Path.of("target", "workflow-persistence.war");
  private static final Path CONFIGURE = Path.of("server-config", "wildfly", "configure.cli");

  private final Process process;
  private final URI base;
  private final URI management;
  private final Path log;

  private WildFlyProcess(Process process, URI base, URI management, Path log) {
    this.process = process;
    this.base = base;
    this.management = management;
    this.log = log;
  }

  /**
   * Unpacks WildFly into {@code target/instances/<name>}, configures it, deploys the WAR at {@code
   * /}, starts it with {@code systemProperties} and {@code jvmOptions}, and waits until {@code
   * /health/ready} is UP and the API answers.
   */
  public static WildFlyProcess start(
      String name, int portOffset, Map<String, String> systemProperties, List<String> jvmOptions)
      throws IOException, InterruptedException {
    return start(name, portOffset, systemProperties, Map.of(), jvmOptions);
  }

  /** The same with {@code environment} added to the server's environment. */
  public static WildFlyProcess start(
      String name,
      int portOffset,
      Map<String, String> systemProperties,
      Map<String, String> environment,
      List<String> jvmOptions)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(DISTRIBUTION) || !Files.isRegularFile(WAR)) {
      throw new IllegalStateException(
          DISTRIBUTION + " and " + WAR + " are needed: run the check through the checks profile");
    }
    Path work = Path.of("target", "instances", name).toAbsolutePath();
    deleteRecursively(work);
    Files.createDirectories(work);
    Path home = unzip(DISTRIBUTION, work);
    Path log = work.resolve("server.log");

    // The operator's configuration, and the root context for the application (use-postgresql.cli
    // does the same on a running server).
    cli(home, log, "--file=" + CONFIGURE.toAbsolutePath());
    cli(
        home,
        log,
        "--commands=embed-server --server-config=standalone.xml --std-out=discard,"
            + "/subsystem=undertow/server=default-server/host=default-host/location=\\/:remove,"
            + "stop-embedded-server");
    Files.copy(
        WAR, home.resolve("standalone/deployments/ROOT.war"), StandardCopyOption.REPLACE_EXISTING);

    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/standalone.sh").toString());
    command.add("-Djboss.socket.binding.port-offset=" + portOffset);
    command.add("-Dexecutions.auth.users-file=" + Path.of(TestUser.USERS_FILE).toAbsolutePath());
    systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .directory(new File("."));
    builder.environment().putAll(environment);
    builder.environment().put("JBOSS_HOME", home.toString());
    if (!jvmOptions.isEmpty()) {
      builder.environment().put("JAVA_OPTS", String.join(" ", jvmOptions));
    }
    Process process = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> destroyTree(process)));
    WildFlyProcess server =
        new WildFlyProcess(
            process,
            URI.create("http://127.0.0.1:" + (8080 + portOffset) + "/"),
            URI.create("http://127.0.0.1:" + (9990 + portOffset) + "/"),
            log);
    server.awaitReady(Duration.ofMinutes(4));
    return server;
  }

  /** The server's standard output and error, after those of the configuration steps. */
  public Path log() {
    return log;
  }

  /** The server's processes: the start script and the JVM it started. */
  public List<ProcessHandle> processes() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    return all;
  }

  /** {@code http://127.0.0.1:<8080 + offset>/}: the application. */
  public URI base() {
    return base;
  }

  /** {@code http://127.0.0.1:<9990 + offset>/health/ready}: WildFly serves health there. */
  public URI ready() {
    return management.resolve("health/ready");
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(timeout);
    String lastSeen = "no answer";
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "WildFly exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(ready()).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> api =
            http.send(
                HttpRequest.newBuilder(base.resolve("api/executions?limit=1"))
                    .header("Authorization", TestUser.OPERATOR.authorization())
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200 && api.statusCode() == 200) {
          return;
        }
        lastSeen = "health " + ready.statusCode() + ", api " + api.statusCode() + ": " + api.body();
      } catch (IOException e) {
        lastSeen = e.toString();
      }
      Thread.sleep(500);
    }
    close();
    throw new IllegalStateException(
        "WildFly was not ready within " + timeout + " (last: " + lastSeen + "); see " + log);
  }

  /**
   * Stops the server (SIGTERM to the script and the JVM it started), or kills it after a minute.
   */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> all = processes();
    all.forEach(ProcessHandle::destroy);
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline) && all.stream().anyMatch(ProcessHandle::isAlive)) {
      Thread.sleep(200);
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    process.waitFor(30, TimeUnit.SECONDS);
  }

  private static void destroyTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static void cli(Path home, Path log, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/jboss-cli.sh").toString());
    Collections.addAll(command, arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("JBOSS_HOME", home.toString());
    Process cli = builder.start();
    cli.getOutputStream().close();
    if (!cli.waitFor(5, TimeUnit.MINUTES) || cli.exitValue() != 0) {
      cli.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
    }
  }

  /** Unpacks {@code zip} into {@code into}; returns the distribution's top directory. */
  private static Path unzip(Path zip, Path into) throws IOException {
    Path top = null;
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : Collections.list(archive.entries())) {
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("entry outside the directory: " + entry.getName());
        }
        if (top == null) {
          top = into.resolve(into.relativize(target).getName(0));
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = archive.getInputStream(entry)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (target.getFileName().toString().endsWith(".sh")) {
          target.toFile().setExecutable(true);
        }
      }
    }
    if (top == null) {
      throw new IOException(zip + " is empty");
    }
    return top;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
