package org.workflowengine.persistence.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application on a Payara Micro of its own, in another JVM: what an operator runs. For the
 * checks that need a separate server process (several instances, crashes, a capped heap).
 */
public final class PayaraMicroProcess implements AutoCloseable {

  /** Copied there by the build's profiles that run such checks. */
  private static final Path JAR = Path.of("target", "payara-micro", "payara-micro.jar");

  private static final Path WAR = Path.of("target", "workflow-persistence.war");

  private final Process process;
  private final URI base;
  private final Path log;

  private PayaraMicroProcess(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /**
   * Starts the WAR on {@code port} with {@code systemProperties} and {@code jvmOptions}, and waits
   * until {@code /health/ready} is UP.
   */
  public static PayaraMicroProcess start(
      String name, int port, Map<String, String> systemProperties, List<String> jvmOptions)
      throws IOException, InterruptedException {
    return start(name, port, systemProperties, jvmOptions, WAR);
  }

  /**
   * The same with another WAR than the service's ({@code war}: the service's with test classes).
   */
  public static PayaraMicroProcess start(
      String name,
      int port,
      Map<String, String> systemProperties,
      List<String> jvmOptions,
      Path war)
      throws IOException, InterruptedException {
    return start(name, port, systemProperties, Map.of(), jvmOptions, war);
  }

  /** The same with {@code environment} added to the process's environment. */
  public static PayaraMicroProcess start(
      String name,
      int port,
      Map<String, String> systemProperties,
      Map<String, String> environment,
      List<String> jvmOptions,
      Path war)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(JAR) || !Files.isRegularFile(war)) {
      throw new IllegalStateException(
          JAR + " and " + war + " are needed: run the check through its Maven profile");
    }
    Path work = Path.of("target", "instances", name).toAbsolutePath();
    // A fresh server root each time: Payara Micro would otherwise first start the application
    // deployed there last time, then undeploy and redeploy it while it already answers.
    Directories.deleteTree(work.resolve("root"));
    Files.createDirectories(work);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dexecutions.auth.users-file=" + Path.of(TestUser.USERS_FILE).toAbsolutePath());
    systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(
        List.of(
            "-jar",
            JAR.toAbsolutePath().toString(),
            "--deploy",
            war.toAbsolutePath().toString(),
            "--contextroot",
            "ROOT",
            "--port",
            String.valueOf(port),
            "--nocluster",
            "--rootdir",
            work.resolve("root").toString()));
    Path log = work.resolve("server.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(new File("."));
    builder.environment().putAll(environment);
    Process process = builder.start();
    // Never outlive the tests, whatever they leave behind.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    PayaraMicroProcess server =
        new PayaraMicroProcess(process, URI.create("http://127.0.0.1:" + port + "/"), log);
    server.awaitReady(Duration.ofMinutes(3));
    return server;
  }

  /** The server's log: standard output and error of the process. */
  public Path log() {
    return log;
  }

  /** {@code http://127.0.0.1:<port>/} */
  public URI base() {
    return base;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    // HTTP/1.1: this probe gives up on requests while the application deploys, and a client that
    // gives up during a response to an h2c upgrade (java.net.http's default) can deadlock two of
    // Grizzly's request threads, after which the server answers nothing (see the README).
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
            "Payara Micro exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(base.resolve("health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> api =
            http.send(
                HttpRequest.newBuilder(base.resolve("api/executions?limit=1"))
                    .header("Authorization", TestUser.OPERATOR.authorization())
                    // The first request of a user costs a PBKDF2 check, slow in a JVM that is
                    // still warming up on a busy machine: give it time rather than ask again.
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200 && api.statusCode() == 200) {
          return;
        }
        lastSeen = "health " + ready.statusCode() + ", api " + api.statusCode() + ": " + api.body();
      } catch (IOException e) {
        lastSeen = e.toString(); // not listening yet, or no answer in time
      }
      Thread.sleep(500);
    }
    String busy = threadsAtWork();
    close();
    throw new IllegalStateException(
        "Payara Micro was not ready within "
            + timeout
            + " (last: "
            + lastSeen
            + "); see "
            + log
            + "; what its threads were doing then:\n"
            + busy);
  }

  /**
   * The JVM's report of a deadlock if it found one, and the stacks of the server's threads that run
   * the application's code, Liquibase's or the deployment's ({@code main}), from a thread dump
   * taken with {@code jcmd}; the whole dump is kept beside the log. So that a start that hangs says
   * where.
   */
  private String threadsAtWork() {
    try {
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      Path dump = log.resolveSibling("threads.txt");
      Process print =
          new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
              .redirectErrorStream(true)
              .redirectOutput(dump.toFile())
              .start();
      if (!print.waitFor(60, TimeUnit.SECONDS)) {
        print.destroyForcibly();
        return "(no thread dump within 60 s)";
      }
      StringBuilder busy = new StringBuilder();
      String text = Files.readString(dump);
      int deadlock = text.indexOf("Found one Java-level deadlock");
      if (deadlock >= 0) {
        busy.append(text, deadlock, Math.min(text.length(), deadlock + 6000)).append("\n\n");
      }
      for (String thread : text.split("\n\n")) {
        if (thread.startsWith("\"main\"")
            || thread.contains("org.workflowengine")
            || thread.contains("liquibase")) {
          busy.append(thread).append("\n\n");
        }
      }
      return busy.length() == 0 ? "(none of interest; see " + dump + ")" : busy.toString();
    } catch (IOException e) {
      return "(no thread dump: " + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(no thread dump: interrupted)";
    }
  }

  /** Kills the server at once, as {@code kill -9} does: no shutdown hooks, no clean-up. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Stops the server as Ctrl-C does, or kills it if it does not stop within a minute. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
