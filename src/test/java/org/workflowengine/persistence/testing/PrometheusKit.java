package org.workflowengine.persistence.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The operator's monitoring kit of {@code server-config/}: the Prometheus scrape config, its alert
 * rules and their tests, the Grafana dashboard; the names of the metrics the service exposes; and
 * the metric names a PromQL expression uses, so that a test can hold the kit to those names.
 */
public final class PrometheusKit {

  public static final Path DIRECTORY = Path.of("server-config", "prometheus");
  public static final Path SCRAPE_CONFIG = DIRECTORY.resolve("prometheus.yml");
  public static final Path ALERTS = DIRECTORY.resolve("alerts.yml");
  public static final Path ALERTS_TEST = DIRECTORY.resolve("alerts_test.yml");
  public static final Path DASHBOARD =
      Path.of("server-config", "grafana", "workflow-executions.json");

  /** The jobs of the scrape config, one per kind of server. */
  public static final String PAYARA_JOB = "workflow-executions-payara";

  public static final String WILDFLY_JOB = "workflow-executions-wildfly";

  /**
   * Histograms: Prometheus sees each as {@code _bucket}, {@code _count}, {@code _sum}, {@code
   * _max}.
   */
  private static final List<String> HISTOGRAMS =
      List.of(
          "executions_store_operations_seconds",
          "executions_database_slot_wait_seconds",
          "executions_http_requests_seconds");

  private static final List<String> SINGLE =
      List.of(
          "executions_runs_recorded_total",
          "executions_runs_finished_total",
          "executions_appends_total",
          "executions_log_lines_total",
          "executions_chain_verifications_total",
          "executions_database_calls_refused_total",
          "executions_database_calls_active",
          "executions_database_calls_max",
          "executions_database_unavailable_total",
          "executions_database_outages_total",
          "executions_database_reachable",
          "executions_stream_subscribers",
          "executions_archive_runs_total",
          "executions_archive_failures_total",
          "executions_archive_backlog_runs",
          // Micrometer's GC pauses: a timer without buckets.
          "jvm_gc_pause_seconds_count",
          "jvm_gc_pause_seconds_sum",
          "jvm_gc_pause_seconds_max",
          "jvm_memory_used_bytes",
          "jvm_memory_committed_bytes",
          "jvm_memory_max_bytes",
          "jvm_threads_live_threads",
          "process_cpu_usage",
          "process_uptime_seconds",
          // Prometheus's own, for every target.
          "up");

  /**
   * Every metric name the kit may use: the service's (docs/operations.md lists them), Micrometer's
   * JVM metrics the dashboard shows, and Prometheus's {@code up}.
   */
  public static final Set<String> METRICS = metrics();

  private static Set<String> metrics() {
    Set<String> names = new TreeSet<>(SINGLE);
    for (String histogram : HISTOGRAMS) {
      for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
        names.add(histogram + suffix);
      }
    }
    return Set.copyOf(names);
  }

  private PrometheusKit() {}

  /** A YAML file of the kit as maps, lists and scalars. */
  public static Map<String, Object> yaml(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Yaml().load(reader);
    }
  }

  /** The rules of {@code alerts.yml}, each as its map ({@code alert}, {@code expr}, …). */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> alertRules() throws IOException {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) yaml(ALERTS).get("groups")) {
      rules.addAll((List<Map<String, Object>>) group.get("rules"));
    }
    return rules;
  }

  public static JsonNode dashboard() throws IOException {
    return new ObjectMapper().readTree(DASHBOARD.toFile());
  }

  /** The dashboard's panels, those inside rows included. */
  public static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  /** One PromQL expression of the dashboard: where it is, and the query. */
  public record Query(String where, String expr) {}

  /**
   * Every PromQL expression of the dashboard: the panels' targets, and the template variables'
   * {@code label_values(selector, label)} queries as their selector.
   */
  public static List<Query> dashboardQueries(JsonNode dashboard) {
    List<Query> queries = new ArrayList<>();
    for (JsonNode panel : panels(dashboard)) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(
            new Query(
                "panel \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(),
                target.path("expr").asText()));
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        JsonNode query = variable.path("query");
        String text = query.isObject() ? query.path("query").asText() : query.asText();
        Matcher labelValues = LABEL_VALUES.matcher(text);
        queries.add(
            new Query(
                "variable " + variable.path("name").asText(),
                labelValues.matches() ? labelValues.group(1) : text));
      }
    }
    return queries;
  }

  private static final Pattern LABEL_VALUES =
      Pattern.compile("\\s*label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*");

  /**
   * A dashboard expression as Prometheus takes it: Grafana's interval and range variables as five
   * minutes and one hour, the other variables as {@code .*} (they stand in label matchers).
   */
  public static String withVariables(String expr) {
    return expr.replace("$__rate_interval", "5m")
        .replace("$__interval", "5m")
        .replace("$__range", "1h")
        .replaceAll("\\$\\{?[A-Za-z_]+}?", ".*");
  }

  private static final Pattern STRING =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?[0-9a-zA-Z]+");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "offset",
          "inf",
          "nan",
          "atan2");

  /**
   * The metric names a PromQL expression selects: what is left of it once strings, label matchers,
   * ranges, grouping clauses, offsets and Grafana's variables are taken out, less the functions (an
   * identifier followed by a parenthesis), keywords and numbers.
   */
  public static Set<String> metricNames(String promql) {
    String left = STRING.matcher(promql).replaceAll("\"\"");
    left = MATCHERS.matcher(left).replaceAll(" ");
    left = RANGE.matcher(left).replaceAll(" ");
    left = GROUPING.matcher(left).replaceAll(" ");
    left = OFFSET.matcher(left).replaceAll(" ");
    left = VARIABLE.matcher(left).replaceAll(" ");
    Set<String> names = new LinkedHashSet<>();
    Matcher identifier = IDENTIFIER.matcher(left);
    while (identifier.find()) {
      String name = identifier.group();
      int before = identifier.start() - 1;
      boolean inNumber =
          before >= 0 && (Character.isDigit(left.charAt(before)) || left.charAt(before) == '.');
      boolean function = left.substring(identifier.end()).stripLeading().startsWith("(");
      if (!inNumber && !function && !KEYWORDS.contains(name.toLowerCase())) {
        names.add(name);
      }
    }
    return names;
  }

  /** The names among {@code names} that the kit does not know. */
  public static Set<String> unknown(Set<String> names) {
    Set<String> unknown = new TreeSet<>(names);
    unknown.removeAll(METRICS);
    return unknown;
  }

  /** What a run of promtool printed, and how it ended. */
  public record Promtool(int exitCode, String output) {}

  /**
   * Runs {@code promtool} with {@code arguments} in {@code directory} (where the kit's files name
   * each other by relative paths); fails when promtool is not installed.
   */
  public static Promtool promtool(Path directory, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("promtool");
    command.addAll(List.of(arguments));
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "promtool is needed: install Debian's prometheus package (.ci/run does)", e);
    }
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Promtool(process.waitFor(), output);
  }

  /** The names of the alerts, in the order of {@code alerts.yml}. */
  public static List<String> alertNames() throws IOException {
    return alertRules().stream()
        .map(rule -> (String) rule.get("alert"))
        .flatMap(name -> name == null ? Stream.empty() : Stream.of(name))
        .toList();
  }
}
