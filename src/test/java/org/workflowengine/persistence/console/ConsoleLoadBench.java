package org.workflowengine.persistence.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.TestUser;

/**
 * How fast the console shows data on a large history, measured in the browser: with 1,000,000
 * executions on PostgreSQL, the time from navigation to the first rows of the list, and to the
 * detail view of an execution with 10,000 log lines (performance marks the console sets when a view
 * is rendered, against the navigation's start), and to a workflow's page with 90 days of daily
 * trends ({@code -Dconsole.bench.workflow}, {@code -Dconsole.bench.from}). Not part of CI: {@code
 * mvn verify -Pconsole -Ddatabase=postgresql -Dit.test=ConsoleLoadBench}.
 */
class ConsoleLoadBench {

  private static final int EXECUTIONS = Integer.getInteger("console.bench.executions", 1_000_000);
  private static final int SAMPLES = 15;

  /** The workflow whose page is measured, and the start of its 90 days of daily trends. */
  private static final String WORKFLOW = System.getProperty("console.bench.workflow", "bulk-wf-3");

  private static final Instant TRENDS_FROM =
      Instant.parse(System.getProperty("console.bench.from", "2024-01-01T00:00:00Z"));

  @Test
  void firstRowsAndDetailOfALargeHistory() throws Exception {
    String url = System.getProperty("executions.db.url");
    String user = System.getProperty("executions.db.user");
    assertThat(url).as("run with -Ddatabase=postgresql").startsWith("jdbc:postgresql:");
    try (PayaraMicroProcess server =
        PayaraMicroProcess.start(
            "console-bench",
            8288,
            Map.of("executions.db.url", url, "executions.db.user", user),
            List.of("-Xmx1g"))) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String id = "console-bench-" + UUID.randomUUID();
      JsonArrayBuilder lines = Json.createArrayBuilder();
      for (int i = 1; i <= 10_000; i++) {
        lines.add("line " + i + ": copied batch " + (i % 97) + " of the warehouse extract");
      }
      String body =
          Json.createObjectBuilder()
              .add("workflow_name", "console-bench")
              .add("workflow_snapshot", Json.createObjectBuilder().add("name", "console-bench"))
              .add("per_task_logs", Json.createObjectBuilder().add("extract", lines))
              .build()
              .toString();
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(server.base().resolve("api/executions/" + id))
                  .header("Authorization", TestUser.OPERATOR.authorization())
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      long rows = topUp(url, user, id);

      WebDriver browser = Chromium.start();
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        URI console = server.base().resolve("console/");
        browser.get(console.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user")))
            .sendKeys(TestUser.OPERATOR.userName());
        browser.findElement(By.id("password")).sendKeys(TestUser.OPERATOR.password());
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("executions")));

        List<Double> list =
            measure(browser, wait, console + "#/executions", "console:list-rendered");
        List<Double> detail =
            measure(browser, wait, console + "#/executions/" + id, "console:detail-rendered");
        List<Double> workflow =
            measure(
                browser,
                wait,
                console
                    + "#/workflows/"
                    + WORKFLOW
                    + "?bucket=day&from="
                    + TRENDS_FROM
                    + "&to="
                    + TRENDS_FROM.plus(Duration.ofDays(90)),
                "console:workflow-rendered");
        String report =
            String.format(
                "console on PostgreSQL, %,d executions, %d page loads each (ms from navigation"
                    + " start to the view rendered):%n  list, first rows: p50 %.0f, max %.0f%n"
                    + "  detail of an execution with 10,000 log lines: p50 %.0f, max %.0f%n"
                    + "  workflow %s, 90 days of daily trends, charts and grid: p50 %.0f, max %.0f%n",
                rows,
                SAMPLES,
                median(list),
                Collections.max(list),
                median(detail),
                Collections.max(detail),
                WORKFLOW,
                median(workflow),
                Collections.max(workflow));
        System.out.print(report);
        Files.writeString(Path.of("target", "console-bench.txt"), report);
      } finally {
        browser.quit();
      }
    }
  }

  /** Loads {@code fragment} afresh {@link #SAMPLES} times (after one warm-up); the mark's times. */
  private static List<Double> measure(
      WebDriver browser, WebDriverWait wait, String address, String mark) {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i <= SAMPLES; i++) {
      browser.get("about:blank");
      browser.get(address);
      wait.until(
          d ->
              ((JavascriptExecutor) d)
                  .executeScript(
                      "return performance.getEntriesByName(arguments[0]).length > 0", mark)
                  .equals(Boolean.TRUE));
      double at =
          ((Number)
                  ((JavascriptExecutor) browser)
                      .executeScript(
                          "return performance.getEntriesByName(arguments[0])[0].startTime", mark))
              .doubleValue();
      if (i > 0) {
        times.add(at);
      }
    }
    return times;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /**
   * Inserts executions of the benchmark's definition with batched SQL up to {@link #EXECUTIONS}.
   */
  private static long topUp(String url, String user, String template) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, user, "")) {
      String hash;
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT snapshot_hash FROM workflow_execution WHERE id = ?")) {
        query.setString(1, template);
        try (ResultSet result = query.executeQuery()) {
          result.next();
          hash = result.getString(1);
        }
      }
      long existing;
      try (Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM workflow_execution")) {
        result.next();
        existing = result.getLong(1);
      }
      connection.setAutoCommit(false);
      Instant base = Instant.parse("2024-01-01T00:00:00Z");
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO workflow_execution (id, workflow_name, snapshot_hash, status,"
                  + " created_at, completed_at, success, updated_at, version)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
        for (long i = existing; i < EXECUTIONS; i++) {
          Timestamp created = Timestamp.from(base.plusSeconds(i * 20));
          boolean failed = i % 4 == 1;
          insert.setString(1, "bulk-" + i + "-" + UUID.randomUUID());
          insert.setString(2, "bulk-wf-" + (i % 40));
          insert.setString(3, hash);
          insert.setString(4, failed ? "Failed" : "Complete");
          insert.setTimestamp(5, created);
          insert.setTimestamp(6, created);
          insert.setBoolean(7, !failed);
          insert.setTimestamp(8, created);
          insert.addBatch();
          if (i % 5000 == 4999) {
            insert.executeBatch();
            connection.commit();
          }
        }
        insert.executeBatch();
        connection.commit();
      }
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("VACUUM ANALYZE workflow_execution");
        try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM workflow_execution")) {
          result.next();
          return result.getLong(1);
        }
      }
    }
  }
}
