package org.workflowengine.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The monitoring kit of {@code server-config/} names only metrics the service exposes: every PromQL
 * expression of the Grafana dashboard and of the alert rules, held to {@link
 * PrometheusKit#METRICS}. A renamed metric fails here, in every leg, rather than as an empty panel
 * or an alert that never fires. (promtool checks the files' syntax and the alerts' behaviour:
 * {@code PrometheusCheck}.)
 */
class PrometheusKitTest {

  @Test
  void theScanFindsTheMetricsOfAnExpressionAndNothingElse() {
    assertThat(
            PrometheusKit.metricNames(
                "histogram_quantile(0.95, sum by (job, le) (rate(a_seconds_bucket{outcome=\"ok\","
                    + " route=\"/api/{id}\"}[$__rate_interval]))) > 1e-3 and on (job)"
                    + " sum(b_total offset 15m) / ignoring(x) c unless d{job=~\"$job\"} * 60 >="
                    + " bool 1 or max_over_time(e[1h:5m])"))
        .containsExactly("a_seconds_bucket", "b_total", "c", "d", "e");
  }

  @Test
  void theDashboardNamesOnlyKnownMetrics() throws Exception {
    JsonNode dashboard = PrometheusKit.dashboard();
    List<PrometheusKit.Query> queries = PrometheusKit.dashboardQueries(dashboard);
    assertThat(queries).hasSizeGreaterThan(20);
    Set<String> used = new HashSet<>();
    for (PrometheusKit.Query query : queries) {
      Set<String> names = PrometheusKit.metricNames(query.expr());
      assertThat(names).as("%s: %s", query.where(), query.expr()).isNotEmpty();
      assertThat(PrometheusKit.unknown(names))
          .as("metrics of %s that the service does not expose: %s", query.where(), query.expr())
          .isEmpty();
      used.addAll(names);
    }
    assertThat(used)
        .as("the dashboard shows runs, operations, the database, HTTP, streams, archive, JVM")
        .contains(
            "executions_runs_recorded_total",
            "executions_runs_finished_total",
            "executions_store_operations_seconds_bucket",
            "executions_database_reachable",
            "executions_database_slot_wait_seconds_bucket",
            "executions_http_requests_seconds_count",
            "executions_stream_subscribers",
            "executions_archive_backlog_runs",
            "jvm_memory_used_bytes");
  }

  @Test
  void everyPanelQueriesThePrometheusTheImportChooses() throws Exception {
    JsonNode dashboard = PrometheusKit.dashboard();
    assertThat(dashboard.path("__inputs").findValuesAsText("name")).contains("DS_PROMETHEUS");
    for (JsonNode panel : PrometheusKit.panels(dashboard)) {
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      String title = panel.path("title").asText();
      assertThat(panel.path("datasource").path("uid").asText())
          .as(title)
          .isEqualTo("${DS_PROMETHEUS}");
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText())
            .as(title)
            .isEqualTo("${DS_PROMETHEUS}");
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAlertNamesOnlyKnownMetricsAndTellsTheOperatorWhatToDo() throws Exception {
    List<Map<String, Object>> rules = PrometheusKit.alertRules();
    assertThat(rules).isNotEmpty();
    for (Map<String, Object> rule : rules) {
      String name = (String) rule.get("alert");
      assertThat(name).as("a rule that is not an alert: %s", rule).isNotNull();
      String expr = (String) rule.get("expr");
      Set<String> names = PrometheusKit.metricNames(expr);
      assertThat(names).as("%s: %s", name, expr).isNotEmpty();
      assertThat(PrometheusKit.unknown(names))
          .as("metrics of %s that the service does not expose: %s", name, expr)
          .isEmpty();
      assertThat(rule).as(name).containsKey("for");
      assertThat((Map<String, Object>) rule.get("labels"))
          .as(name)
          .containsKey("severity")
          .extractingByKey("severity")
          .isIn("critical", "warning");
      assertThat((Map<String, Object>) rule.get("annotations"))
          .as(name)
          .containsKeys("summary", "description");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAlertIsTestedFiringAndQuiet() throws Exception {
    List<String> firing = new ArrayList<>();
    List<String> quiet = new ArrayList<>();
    Map<String, Object> tests = PrometheusKit.yaml(PrometheusKit.ALERTS_TEST);
    assertThat((List<String>) tests.get("rule_files")).containsExactly("alerts.yml");
    for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
      for (Map<String, Object> expectation :
          (List<Map<String, Object>>) test.get("alert_rule_test")) {
        List<?> expected = (List<?>) expectation.get("exp_alerts");
        (expected == null || expected.isEmpty() ? quiet : firing)
            .add((String) expectation.get("alertname"));
      }
    }
    List<String> alerts = PrometheusKit.alertNames();
    assertThat(firing).as("alerts tested firing").containsAll(alerts);
    assertThat(quiet).as("alerts tested quiet").containsAll(alerts);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theScrapeConfigScrapesBothServersWithTheMetricsUserAndLoadsTheRules() throws Exception {
    Map<String, Object> config = PrometheusKit.yaml(PrometheusKit.SCRAPE_CONFIG);
    assertThat((List<String>) config.get("rule_files")).containsExactly("alerts.yml");
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
    assertThat(jobs)
        .extracting(job -> job.get("job_name"))
        .containsExactly(PrometheusKit.PAYARA_JOB, PrometheusKit.WILDFLY_JOB);
    for (Map<String, Object> job : jobs) {
      assertThat(job.get("metrics_path")).isEqualTo("/api/metrics");
      Map<String, Object> auth = (Map<String, Object>) job.get("basic_auth");
      assertThat(auth).containsEntry("username", "prometheus").containsKey("password_file");
      assertThat(auth).doesNotContainKey("password");
    }
  }
}
