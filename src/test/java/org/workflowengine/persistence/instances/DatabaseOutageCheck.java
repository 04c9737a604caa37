package org.workflowengine.persistence.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workflowengine.persistence.testing.Executions;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.TestUser;
import org.workflowengine.persistence.testing.WildFlyProcess;

/**
 * PostgreSQL stopped in the middle of sustained writes, then started again, with the service left
 * running: while the database is away every request is answered quickly with a 503 problem (the
 * pool's wait is bounded, nothing hangs) and {@code /health/ready} is DOWN; once it is back the
 * service recovers by itself (the pool validates its connections), with no restart; and every
 * execution is whole or absent: acknowledged ones whole, the others absent or whole. The same
 * figures on Payara Micro and on WildFly (configured by {@code
 * server-config/wildfly/configure.cli}, as an operator's is); the thresholds are the same for both.
 *
 * <p>Stops and starts the PostgreSQL cluster that listens on the configured port with {@code
 * pg_ctlcluster} (Debian's PostgreSQL packaging), so it needs the right to do that (root or the
 * cluster's owner); it starts the cluster again whatever happens. Run by {@code mvn verify -Pchecks
 * -Ddatabase=postgresql}.
 */
class DatabaseOutageCheck {

  private static final int WRITERS = 6;
  private static final Duration BEFORE = Duration.ofSeconds(6);
  private static final Duration OUTAGE = Duration.ofSeconds(12);
  private static final Duration AFTER = Duration.ofSeconds(6);

  /** Longest answer allowed while the database is away: pool wait plus login timeout, rounded. */
  private static final Duration QUICK = Duration.ofSeconds(12);

  private static final Pattern INCIDENT =
      Pattern.compile("incident [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** One answer: when its request left, how long it took, what it was. */
  private record Answer(
      Instant sent, Duration took, int status, String type, String retryAfter, String body) {}

  private final Queue answers = new Queue();
  private final Map<String, Boolean> attempted = new ConcurrentHashMap<>();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean writing = new AtomicBoolean(true);

  /** When each request in flight left: a slow one has the server's threads dumped. */
  private final Map<String, Instant> inFlight = new ConcurrentHashMap<>();

  private final List<Path> dumps = new CopyOnWriteArrayList<>();

  /** A request in flight longer than this has the server's threads dumped (a few times at most). */
  private static final Duration SLOW = Duration.ofSeconds(5);

  private static final int MAX_DUMPS = 4;

  /** Payara Micro's HTTP port; WildFly's ports are its own moved by this offset (8380, 10290). */
  private static final int PAYARA_PORT = Integer.getInteger("outage.payara.port", 8287);

  private static final int WILDFLY_PORT_OFFSET = Integer.getInteger("outage.wildfly.offset", 300);

  /** The server under test: where the application and its readiness are, and its log. */
  private interface Server extends AutoCloseable {
    URI base();

    URI ready();

    Path log();

    /** The server's processes, for thread dumps. */
    List<ProcessHandle> processes();

    @Override
    void close() throws InterruptedException;
  }

  private static Server start(String container, Map<String, String> database) throws Exception {
    if (container.equals("wildfly")) {
      WildFlyProcess wildfly =
          WildFlyProcess.start("outage-wildfly", WILDFLY_PORT_OFFSET, database, List.of());
      return new Server() {
        public URI base() {
          return wildfly.base();
        }

        public URI ready() {
          return wildfly.ready();
        }

        public Path log() {
          return wildfly.log();
        }

        public List<ProcessHandle> processes() {
          return wildfly.processes();
        }

        public void close() throws InterruptedException {
          wildfly.close();
        }
      };
    }
    PayaraMicroProcess payara =
        PayaraMicroProcess.start("outage", PAYARA_PORT, database, List.of("-Xmx512m"));
    return new Server() {
      public URI base() {
        return payara.base();
      }

      public URI ready() {
        return payara.base().resolve("health/ready");
      }

      public Path log() {
        return payara.log();
      }

      public List<ProcessHandle> processes() {
        return ProcessHandle.of(payara.pid()).stream().toList();
      }

      public void close() throws InterruptedException {
        payara.close();
      }
    };
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"payara", "wildfly"})
  void aStoppedDatabaseIsA503UntilItIsBackAndNoExecutionIsHalfWritten(String container)
      throws Exception {
    assumeTrue(
        List.of(System.getProperty("outage.servers", "payara,wildfly").split(","))
            .contains(container),
        "outage.servers leaves out " + container);
    String url = System.getProperty("executions.db.url", "");
    assertThat(url)
        .as("this check stops PostgreSQL: run it with -Ddatabase=postgresql")
        .startsWith("jdbc:postgresql:");
    Cluster cluster = Cluster.listeningOn(URI.create(url.substring("jdbc:".length())).getPort());
    Map<String, String> database =
        Map.of(
            "executions.db.url",
            url,
            "executions.db.user",
            System.getProperty("executions.db.user"));

    try (Server server = start(container, database)) {
      ScheduledExecutorService watchdog =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "outage-watchdog");
                thread.setDaemon(true);
                return thread;
              });
      watchdog.scheduleWithFixedDelay(() -> dumpIfSlow(server), 1, 1, TimeUnit.SECONDS);
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      for (int w = 0; w < WRITERS; w++) {
        writers.submit(() -> write(server.base()));
      }
      Thread.sleep(BEFORE.toMillis());

      Instant stopped;
      Instant restarting;
      HttpResponse<String> readyDuring;
      try {
        cluster.stop();
        stopped = Instant.now();
        Thread.sleep(OUTAGE.toMillis() / 2);
        readyDuring = get(server.ready(), false);
        Thread.sleep(OUTAGE.toMillis() / 2);
      } finally {
        restarting = Instant.now();
        cluster.start();
      }
      Instant back = Instant.now();
      Duration recovery = awaitFirstCreate(server.base(), back.plus(Duration.ofSeconds(60)));
      Thread.sleep(AFTER.toMillis());
      writing.set(false);
      writers.shutdown();
      assertThat(writers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
      watchdog.shutdownNow();
      HttpResponse<String> readyAfter = get(server.ready(), false);

      List<Answer> during = answers.sentBetween(stopped, restarting);
      List<Answer> afterwards = answers.sentBetween(back.plus(recovery), Instant.MAX);
      List<Answer> failedSinceBack =
          answers.sentBetween(back, Instant.MAX).stream()
              .filter(a -> a.status() / 100 != 2)
              .toList();
      Duration slowest = during.stream().map(Answer::took).max(Duration::compareTo).orElseThrow();
      long unavailable = during.stream().filter(a -> a.status() == 503).count();
      System.out.printf(
          "database-outage on %s: %d requests in all; %d while PostgreSQL was stopped, %d of them 503,"
              + " slowest %d ms; first create %d ms after it was back; %d requests after; %d sent"
              + " after it was back failed;"
              + " statuses %s%n",
          container,
          answers.all().size(),
          during.size(),
          unavailable,
          slowest.toMillis(),
          recovery.toMillis(),
          afterwards.size(),
          failedSinceBack.size(),
          answers.statuses());

      assertThat(during).as("requests while the database was stopped").hasSizeGreaterThan(20);
      for (Answer answer : during) {
        assertThat(answer.status()).as("answer while stopped: %s", answer).isEqualTo(503);
        assertThat(answer.type()).as("%s", answer).startsWith("application/problem+json");
        assertThat(answer.retryAfter()).as("%s", answer).isEqualTo("5");
      }
      assertThat(slowest)
          .as(
              "slowest answer while stopped; what the application's threads did meanwhile:%n%s",
              applicationThreads())
          .isLessThan(QUICK);
      List<Answer> serverErrors =
          answers.all().stream().filter(a -> a.status() >= 500 && a.status() != 503).toList();
      assertThat(serverErrors)
          .as(
              "no server error but 503, before, during or after; what the server logged:%n%s",
              incidents(serverErrors, server.log()))
          .isEmpty();
      assertThat(readyDuring.statusCode()).as(readyDuring.body()).isEqualTo(503);
      assertThat(readyDuring.body()).contains("\"DOWN\"");
      assertThat(readyAfter.statusCode()).as(readyAfter.body()).isEqualTo(200);
      assertThat(afterwards).as("requests after recovery").isNotEmpty();
      assertThat(afterwards).allMatch(a -> a.status() / 100 == 2, "all succeed after recovery");

      // A database out of reach is the store's application exception, which the EJB container
      // does not log; only a commit that failed in the container is still its system exception.
      long commitFailures =
          answers.all().stream().filter(a -> a.body().contains("being committed")).count();
      long containerLogged = containerSystemExceptions(server.log());
      System.out.printf(
          "database-outage on %s: server log %,d bytes; %d store calls logged by the EJB container"
              + " as system exceptions, %d commits broken off%n",
          container, Files.size(server.log()), containerLogged, commitFailures);
      assertThat(containerLogged)
          .as(
              "store calls the container logged as system exceptions (commits broken off: %d)",
              commitFailures)
          .isLessThanOrEqualTo(commitFailures);

      wholeOrAbsent(container, server.base());
    }
  }

  /**
   * From each thread dump taken while a request was slow, the threads that were in the
   * application's code: for the failure message, which is all a CI log keeps.
   */
  private String applicationThreads() throws IOException {
    StringBuilder found = new StringBuilder();
    for (Path dump : dumps) {
      found.append("== ").append(dump).append('\n');
      for (String thread : Files.readString(dump, StandardCharsets.UTF_8).split("\n\n")) {
        if (thread.contains("org.workflowengine.")) {
          found.append(thread).append("\n\n");
        }
      }
    }
    return dumps.isEmpty() ? "(no request was slower than " + SLOW + ")" : found.toString();
  }

  /** WildFly's and Payara's log entry for a system exception out of an ExecutionStore call. */
  private static final Pattern CONTAINER_SYSTEM_EXCEPTION =
      Pattern.compile(
          "WFLYEJB0034: .* on component ExecutionStore for method"
              + "|A system exception occurred during an invocation on EJB ExecutionStore,");

  private static long containerSystemExceptions(Path log) throws IOException {
    try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
      return lines.filter(l -> CONTAINER_SYSTEM_EXCEPTION.matcher(l).find()).count();
    }
  }

  /** The server log's entry for each incident that a 500 answer names, for the failure message. */
  private static String incidents(List<Answer> serverErrors, Path log) throws IOException {
    if (serverErrors.isEmpty()) {
      return "";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    StringBuilder found = new StringBuilder();
    for (Answer answer : serverErrors) {
      found.append(answer).append('\n');
      Matcher incident = INCIDENT.matcher(answer.body());
      if (incident.find()) {
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).contains(incident.group())) {
            lines
                .subList(i, Math.min(lines.size(), i + 60))
                .forEach(l -> found.append(l).append('\n'));
            break;
          }
        }
      }
    }
    return found.toString();
  }

  /** Every acknowledged create is there with its three tasks; every other one too, or absent. */
  private void wholeOrAbsent(String container, URI base) throws Exception {
    int whole = 0;
    int absent = 0;
    for (String id : attempted.keySet()) {
      HttpResponse<String> read = get(base.resolve("api/executions/" + id), true);
      if (acknowledged.contains(id)) {
        assertThat(read.statusCode()).as("acknowledged %s", id).isEqualTo(200);
      }
      if (read.statusCode() == 404) {
        absent++;
        continue;
      }
      assertThat(read.statusCode()).as("%s: %s", id, read.body()).isEqualTo(200);
      JsonObject execution = Json.createReader(new StringReader(read.body())).readObject();
      assertThat(execution.getJsonArray("tasks")).as("tasks of %s", id).hasSize(3);
      assertThat(execution.getJsonObject("workflow_snapshot").getString("run")).isEqualTo(id);
      whole++;
    }
    System.out.printf(
        "database-outage on %s: %d creates tried, %d acknowledged; %d whole, %d absent,"
            + " 0 half-written%n",
        container, attempted.size(), acknowledged.size(), whole, absent);
    assertThat(whole + absent).isEqualTo(attempted.size());
  }

  private Duration awaitFirstCreate(URI base, Instant deadline) throws InterruptedException {
    Instant back = Instant.now();
    while (Instant.now().isBefore(deadline)) {
      if (create(base) / 100 == 2) {
        return Duration.between(back, Instant.now());
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no create succeeded within a minute of the database's return");
  }

  private void write(URI base) {
    while (writing.get()) {
      create(base);
    }
  }

  /** Creates an execution with three tasks; returns the status, 0 if there was no answer. */
  private int create(URI base) {
    String id = "outage-" + UUID.randomUUID();
    String body = Executions.withThreeTasks(id, "outage").toString();
    attempted.put(id, Boolean.TRUE);
    Instant sent = Instant.now();
    inFlight.put(id, sent);
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(base.resolve("api/executions"))
                  .header("Authorization", TestUser.OPERATOR.authorization())
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(60))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      answers.add(
          new Answer(
              sent,
              Duration.between(sent, Instant.now()),
              response.statusCode(),
              response.headers().firstValue("Content-Type").orElse(""),
              response.headers().firstValue("Retry-After").orElse(null),
              response.statusCode() >= 500 ? response.body() : ""));
      if (response.statusCode() == 201) {
        acknowledged.add(id);
      }
      return response.statusCode();
    } catch (IOException e) {
      answers.add(new Answer(sent, Duration.between(sent, Instant.now()), 0, "", null, ""));
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } finally {
      inFlight.remove(id);
    }
  }

  /**
   * While a request has been in flight longer than {@link #SLOW}, a thread dump of each of the
   * server's JVMs ({@code jcmd Thread.print}) beside its log, at most {@value #MAX_DUMPS}, 5 s
   * apart: what a slow answer waited for.
   */
  private void dumpIfSlow(Server server) {
    Instant now = Instant.now();
    boolean slow =
        inFlight.values().stream()
            .anyMatch(sent -> Duration.between(sent, now).compareTo(SLOW) > 0);
    if (!slow || dumps.size() >= MAX_DUMPS) {
      return;
    }
    Path jcmd =
        Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
    for (ProcessHandle jvm : server.processes()) {
      if (!jvm.info().command().orElse("").endsWith("java")) {
        continue;
      }
      Path dump = server.log().resolveSibling("threads-" + (dumps.size() + 1) + ".txt");
      try {
        Process process =
            new ProcessBuilder(jcmd.toString(), String.valueOf(jvm.pid()), "Thread.print", "-l")
                .redirectErrorStream(true)
                .redirectOutput(dump.toFile())
                .start();
        process.waitFor(30, TimeUnit.SECONDS);
        dumps.add(dump);
        System.out.printf("database-outage: a request slower than %s; threads in %s%n", SLOW, dump);
      } catch (IOException e) {
        System.out.printf("database-outage: no thread dump (%s)%n", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    try {
      Thread.sleep(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static HttpResponse<String> get(URI uri, boolean authenticated)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (authenticated) {
      request.header("Authorization", TestUser.OPERATOR.authorization());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The answers of all writers. */
  private static final class Queue {
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    void add(Answer answer) {
      answers.add(answer);
    }

    List<Answer> all() {
      return new ArrayList<>(answers);
    }

    List<Answer> sentBetween(Instant from, Instant to) {
      return answers.stream()
          .filter(a -> !a.sent().isBefore(from) && a.sent().isBefore(to))
          .toList();
    }

    Map<Integer, Long> statuses() {
      Map<Integer, Long> statuses = new java.util.TreeMap<>();
      answers.forEach(a -> statuses.merge(a.status(), 1L, Long::sum));
      return statuses;
    }
  }

  /** A PostgreSQL cluster of this machine, found by its port, stopped and started as root can. */
  private record Cluster(String version, String name) {

    static Cluster listeningOn(int port) throws IOException, InterruptedException {
      String listing = run("pg_lsclusters", "--no-header");
      for (String line : listing.lines().toList()) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length >= 3 && fields[2].equals(String.valueOf(port == -1 ? 5432 : port))) {
          return new Cluster(fields[0], fields[1]);
        }
      }
      throw new IllegalStateException("no PostgreSQL cluster on port " + port + ":\n" + listing);
    }

    void stop() throws IOException, InterruptedException {
      run("pg_ctlcluster", "--skip-systemctl-redirect", version, name, "stop", "-m", "fast");
    }

    void start() throws IOException, InterruptedException {
      run("pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start");
    }

    private static String run(String... command) throws IOException, InterruptedException {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
      return output;
    }
  }
}
