package org.workflowengine.persistence.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workflowengine.persistence.testing.Directories;
import org.workflowengine.persistence.testing.Executions;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.PrometheusKit;
import org.workflowengine.persistence.testing.PrometheusProcess;
import org.workflowengine.persistence.testing.TestUser;
import org.workflowengine.persistence.testing.WildFlyProcess;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The monitoring kit of {@code server-config/} against the real thing. promtool checks the scrape
 * config and the alert rules and runs the rules' tests; then a real Prometheus (Debian's {@code
 * prometheus}), configured from the kit's job for the server with a one-second scrape interval and
 * the kit's alert rules, scrapes the service on Payara Micro and on WildFly (configured by {@code
 * server-config/wildfly/configure.cli}) as the metrics user of a users file, while a client records
 * runs, appends and status changes over HTTP. Queried through Prometheus's HTTP API after a scrape
 * that follows the work, every count is exactly what was done; the target is up; a job without
 * credentials is refused (401); every rule evaluates, none fires; every query of the Grafana
 * dashboard runs; and every metric the service exposes is one the kit knows.
 *
 * <p>Needs {@code prometheus} and {@code promtool} ({@code .ci/run} installs them). Ports: Payara
 * Micro 8289 ({@code -Dprometheus.payara.port=…}), WildFly's moved by 310 (8390, 10300; {@code
 * -Dprometheus.wildfly.offset=…}), Prometheus a free one; {@code -Dprometheus.servers=payara} runs
 * one of them. Run by {@code mvn verify -Pchecks -Ddatabase=postgresql}.
 */
class PrometheusCheck {

  private static final int PAYARA_PORT = Integer.getInteger("prometheus.payara.port", 8289);

  private static final int WILDFLY_PORT_OFFSET =
      Integer.getInteger("prometheus.wildfly.offset", 310);

  private static final Path WORK = Path.of("target", "prometheus-check").toAbsolutePath();

  /** Runs recorded, audit entries appended, log appends of {@link #LINES} lines each. */
  private static final int RUNS = 5;

  private static final int AUDITS = 7;
  private static final int LOGS = 3;
  private static final int LINES = 4;

  private static final String ANONYMOUS_JOB = "workflow-executions-anonymous";

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Test
  void promtoolPassesTheScrapeConfigTheRulesAndTheirTests() throws Exception {
    for (String[] arguments :
        List.of(
            new String[] {"check", "config", "prometheus.yml"},
            new String[] {"check", "rules", "alerts.yml"},
            new String[] {"test", "rules", "alerts_test.yml"})) {
      PrometheusKit.Promtool run = PrometheusKit.promtool(PrometheusKit.DIRECTORY, arguments);
      System.out.printf("promtool %s:%n%s", String.join(" ", arguments), run.output());
      assertThat(run.exitCode()).as("promtool %s", String.join(" ", arguments)).isZero();
    }
  }

  /** The service under test: where it answers, and how it stops. */
  private record Server(URI base, AutoCloseable stop) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      stop.close();
    }
  }

  private static Server start(String container, Map<String, String> settings) throws Exception {
    if (container.equals("wildfly")) {
      WildFlyProcess wildfly =
          WildFlyProcess.start("prometheus-wildfly", WILDFLY_PORT_OFFSET, settings, List.of());
      return new Server(wildfly.base(), wildfly);
    }
    PayaraMicroProcess payara =
        PayaraMicroProcess.start("prometheus", PAYARA_PORT, settings, List.of("-Xmx512m"));
    return new Server(payara.base(), payara);
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"payara", "wildfly"})
  void prometheusScrapesExactlyWhatTheServiceDid(String container) throws Exception {
    assumeTrue(
        List.of(System.getProperty("prometheus.servers", "payara,wildfly").split(","))
            .contains(container),
        "prometheus.servers leaves out " + container);
    Path dir = WORK.resolve(container);
    Directories.deleteTree(dir);
    Files.createDirectories(dir);
    Path password = dir.resolve("metrics.password");
    Files.writeString(password, TestUser.MONITOR.password() + "\n", StandardCharsets.UTF_8);
    String job = container.equals("wildfly") ? PrometheusKit.WILDFLY_JOB : PrometheusKit.PAYARA_JOB;

    try (Server server = start(container, database(dir))) {
      Path config = scrapeConfig(dir, job, server.base(), password);
      PrometheusKit.Promtool checked =
          PrometheusKit.promtool(dir, "check", "config", config.toString());
      assertThat(checked.exitCode()).as(checked.output()).isZero();

      try (PrometheusProcess prometheus =
          PrometheusProcess.start(dir.resolve("prometheus"), config)) {
        awaitScrapeAfter(prometheus, job, Instant.now());
        work(server.base());
        awaitScrapeAfter(prometheus, job, Instant.now().plusMillis(500));
        try {
          scrapedExactly(prometheus, job, server.base());
          rulesAndDashboard(prometheus, job);
        } catch (AssertionError | RuntimeException e) {
          System.out.printf(
              "prometheus-check on %s failed; Prometheus's log is %s%n",
              container, prometheus.log());
          throw e;
        }
      }
    }
  }

  /** The tests' PostgreSQL database, or a Derby database of its own. */
  private static Map<String, String> database(Path dir) {
    Map<String, String> settings = new LinkedHashMap<>();
    String url = System.getProperty("executions.db.url", "");
    if (url.isEmpty()) {
      settings.put("executions.db.dir", dir.resolve("derby").toString());
    } else {
      settings.put("executions.db.url", url);
      settings.put("executions.db.user", System.getProperty("executions.db.user"));
    }
    return settings;
  }

  /**
   * Prometheus's configuration, made from the kit's: its job for this server, scraping the
   * service's address every second as the test users' metrics user, its password from {@code
   * password}; the same job without credentials as {@value #ANONYMOUS_JOB}; and the kit's alert
   * rules, evaluated every second.
   */
  @SuppressWarnings("unchecked")
  private static Path scrapeConfig(Path dir, String job, URI base, Path password)
      throws IOException {
    Map<String, Object> kit = PrometheusKit.yaml(PrometheusKit.SCRAPE_CONFIG);
    Map<String, Object> scrape =
        ((List<Map<String, Object>>) kit.get("scrape_configs"))
            .stream()
                .filter(j -> job.equals(j.get("job_name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the kit has no job " + job));
    scrape.put("scrape_interval", "1s");
    scrape.put("scrape_timeout", "1s");
    String address = base.getHost() + ":" + base.getPort();
    scrape.put("static_configs", List.of(Map.of("targets", List.of(address))));
    Map<String, Object> auth = (Map<String, Object>) scrape.get("basic_auth");
    auth.put("username", TestUser.MONITOR.userName());
    auth.put("password_file", password.toString());
    Map<String, Object> anonymous = new LinkedHashMap<>(scrape);
    anonymous.put("job_name", ANONYMOUS_JOB);
    anonymous.put("static_configs", List.of(Map.of("targets", List.of(address))));
    anonymous.remove("basic_auth");

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("global", Map.of("scrape_interval", "1s", "evaluation_interval", "1s"));
    config.put(
        "rule_files",
        ((List<String>) kit.get("rule_files"))
            .stream()
                .map(file -> PrometheusKit.DIRECTORY.resolve(file).toAbsolutePath().toString())
                .toList());
    config.put("scrape_configs", List.of(scrape, anonymous));
    DumperOptions block = new DumperOptions();
    block.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, new Yaml(block).dump(config), StandardCharsets.UTF_8);
    return file;
  }

  /** Waits until a scrape of {@code job} that began after {@code after} succeeded. */
  private static void awaitScrapeAfter(PrometheusProcess prometheus, String job, Instant after)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    JsonNode target = null;
    while (Instant.now().isBefore(deadline)) {
      target = prometheus.target(job).orElse(null);
      if (target != null && target.path("health").asText().equals("up")) {
        String last = target.path("lastScrape").asText();
        if (OffsetDateTime.parse(last).toInstant().isAfter(after)) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no successful scrape of " + job + " after " + after + ": " + target);
  }

  /**
   * Records {@value #RUNS} runs, appends {@value #AUDITS} audit entries and {@value #LOGS} log
   * appends of {@value #LINES} lines, moves one run to Complete and one to Failed through Running,
   * and verifies one run's chain.
   */
  private static void work(URI base) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      String id = Executions.unique("prometheus");
      JsonObject run = Executions.withThreeTasks(id, "prometheus-check");
      assertThat(send(base, "POST", "api/executions", run, TestUser.WRITER).statusCode())
          .isEqualTo(201);
      ids.add(id);
    }
    for (int i = 0; i < AUDITS; i++) {
      JsonObject entry =
          Json.createObjectBuilder().add("actor", "check").add("action", "step " + i).build();
      String path = "api/executions/" + ids.get(i % RUNS) + "/audit";
      assertThat(send(base, "POST", path, entry, TestUser.WRITER).statusCode()).isEqualTo(201);
    }
    for (int i = 0; i < LOGS; i++) {
      var lines = Json.createArrayBuilder();
      for (int l = 0; l < LINES; l++) {
        lines.add("line " + l);
      }
      JsonObject log = Json.createObjectBuilder().add("lines", lines).build();
      String path = "api/executions/" + ids.get(i) + "/logs/a";
      assertThat(send(base, "POST", path, log, TestUser.WRITER).statusCode()).isEqualTo(201);
    }
    for (Map.Entry<String, String> finish :
        Map.of(ids.get(0), "Complete", ids.get(1), "Failed").entrySet()) {
      for (String status : List.of("Running", finish.getValue())) {
        JsonObject change = Json.createObjectBuilder().add("status", status).build();
        String path = "api/executions/" + finish.getKey() + "/status";
        HttpResponse<String> moved = send(base, "POST", path, change, TestUser.WRITER);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
      }
    }
    HttpResponse<String> verified =
        send(base, "GET", "api/executions/" + ids.get(2) + "/verify", null, TestUser.OPERATOR);
    assertThat(verified.statusCode()).isEqualTo(200);
    assertThat(verified.body()).contains("\"valid\":true");
  }

  private static void scrapedExactly(PrometheusProcess prometheus, String job, URI base)
      throws Exception {
    String of = "job=\"" + job + "\", application=\"workflow-executions\"";
    Map<String, Double> expected = new LinkedHashMap<>();
    expected.put("up{job=\"" + job + "\"}", 1.0);
    expected.put("sum(executions_runs_recorded_total{" + of + "})", (double) RUNS);
    expected.put(
        "sum(executions_store_operations_seconds_count{"
            + of
            + ", operation=\"record\", outcome=\"ok\"})",
        (double) RUNS);
    expected.put(
        "sum(executions_store_operations_seconds_count{"
            + of
            + ", operation=\"append\", outcome=\"ok\"})",
        (double) AUDITS + LOGS);
    expected.put("sum(executions_appends_total{" + of + ", kind=\"audit\"})", (double) AUDITS);
    expected.put("sum(executions_appends_total{" + of + ", kind=\"log\"})", (double) LOGS);
    expected.put("sum(executions_log_lines_total{" + of + "})", (double) LOGS * LINES);
    expected.put(
        "sum(executions_store_operations_seconds_count{"
            + of
            + ", operation=\"transition\", outcome=\"ok\"})",
        4.0);
    expected.put("sum(executions_runs_finished_total{" + of + ", status=\"Complete\"})", 1.0);
    expected.put("sum(executions_runs_finished_total{" + of + ", status=\"Failed\"})", 1.0);
    expected.put("sum(executions_chain_verifications_total{" + of + ", result=\"intact\"})", 1.0);
    expected.put(
        "sum(executions_http_requests_seconds_count{"
            + of
            + ", method=\"POST\", route=\"/api/executions\", status_class=\"2xx\"})",
        (double) RUNS);
    expected.put("executions_database_reachable{" + of + "}", 1.0);
    Map<String, Double> found = new LinkedHashMap<>();
    for (String query : expected.keySet()) {
      found.put(query, prometheus.value(query));
    }
    System.out.printf("prometheus-check %s: %s%n", job, found);
    assertThat(found).isEqualTo(expected);

    JsonNode target = prometheus.target(job).orElseThrow();
    assertThat(target.path("health").asText()).as("%s", target).isEqualTo("up");
    assertThat(target.path("scrapeUrl").asText()).isEqualTo(base.resolve("api/metrics").toString());

    // Without credentials the service refuses the scrape.
    JsonNode refused = prometheus.target(ANONYMOUS_JOB).orElseThrow();
    assertThat(refused.path("health").asText()).as("%s", refused).isEqualTo("down");
    assertThat(refused.path("lastError").asText()).as("%s", refused).contains("401");
  }

  /**
   * Every rule of the kit evaluates without error; none fires (a healthy store, 401 for the
   * anonymous job: its WorkflowExecutionsScrapeFailing is pending, for 5 minutes); every query of
   * the dashboard runs, its variables find the job; every metric of the service is one the kit
   * knows.
   */
  private static void rulesAndDashboard(PrometheusProcess prometheus, String job) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    List<JsonNode> rules = List.of();
    while (Instant.now().isBefore(deadline)) {
      rules = new ArrayList<>();
      for (JsonNode group : prometheus.api("rules").path("groups")) {
        group.path("rules").forEach(rules::add);
      }
      boolean pending =
          prometheus.api("alerts").path("alerts").findValuesAsText("alertname").stream()
              .anyMatch("WorkflowExecutionsScrapeFailing"::equals);
      if (pending && rules.stream().noneMatch(r -> r.path("health").asText().equals("unknown"))) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(rules)
        .extracting(r -> r.path("name").asText())
        .containsExactlyElementsOf(PrometheusKit.alertNames());
    for (JsonNode rule : rules) {
      assertThat(rule.path("health").asText())
          .as("%s: %s", rule.path("name").asText(), rule.path("lastError").asText())
          .isEqualTo("ok");
    }
    List<String> alerts = new ArrayList<>();
    for (JsonNode alert : prometheus.api("alerts").path("alerts")) {
      alerts.add(
          alert.path("labels").path("alertname").asText()
              + " "
              + alert.path("labels").path("job").asText()
              + " "
              + alert.path("state").asText());
    }
    assertThat(alerts)
        .as("alerts pending or firing")
        .contains("WorkflowExecutionsScrapeFailing " + ANONYMOUS_JOB + " pending")
        .noneMatch(alert -> alert.endsWith(" firing"));

    for (PrometheusKit.Query query : PrometheusKit.dashboardQueries(PrometheusKit.dashboard())) {
      JsonNode answer = prometheus.query(PrometheusKit.withVariables(query.expr()));
      if (query.where().startsWith("variable ")) {
        assertThat(answer.path("result").findValuesAsText("job"))
            .as("%s: %s", query.where(), answer)
            .contains(job);
      }
    }

    JsonNode names =
        prometheus.api(
            "label/__name__/values?match[]="
                + URLEncoder.encode("{job=\"" + job + "\"}", StandardCharsets.UTF_8));
    Set<String> exposed = new TreeSet<>();
    names.forEach(name -> exposed.add(name.asText()));
    Set<String> unknown = new TreeSet<>();
    for (String name : exposed) {
      if (name.startsWith("executions_") && !PrometheusKit.METRICS.contains(name)) {
        unknown.add(name);
      }
    }
    Set<String> notSeen = new TreeSet<>(PrometheusKit.METRICS);
    notSeen.removeAll(exposed);
    notSeen.remove("up");
    System.out.printf(
        "prometheus-check %s: %d metrics scraped; of the kit's, not seen: %s%n",
        job, exposed.size(), notSeen);
    assertThat(unknown).as("metrics of the service that the kit does not know").isEmpty();
    // Labelled counters appear with their first count: of those, only archive failures had none.
    assertThat(notSeen)
        .as("metrics of the kit that the service did not expose")
        .filteredOn(name -> name.startsWith("executions_"))
        .containsExactly("executions_archive_failures_total");
  }

  private static HttpResponse<String> send(
      URI base, String method, String path, JsonObject body, TestUser user) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", user.authorization())
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
