package org.workflowengine.persistence.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.TestUser;

/**
 * The console as an operator uses it, in headless Chromium against the WAR on Payara Micro: runs
 * recorded through the API (one that failed, with 100,000 log lines, and a later run of a changed
 * definition), then sign-in, the list and its filters, the failed run's timeline, logs and error,
 * the diff against the previous run, two runs compared, the workflow's versions, the API explorer,
 * sign-out, and a user without the reader role refused. Each test saves a screenshot under
 * target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowser {

  private static final Path SHOTS = Path.of("target", "console-screenshots");
  private static final int LOG_LINES = 100_000;
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private static PayaraMicroProcess server;
  private static WebDriver browser;
  private static WebDriverWait wait;
  private static final String WORKFLOW =
      "nightly-console-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String FIRST = WORKFLOW + "-1";
  private static final String FAILED = WORKFLOW + "-2";
  private static final String CHANGED = WORKFLOW + "-3";

  @BeforeAll
  static void startServerRecordRunsAndOpenABrowser() throws Exception {
    Files.createDirectories(SHOTS);
    server =
        PayaraMicroProcess.start(
            "console",
            8287,
            Map.of(
                "executions.db.url",
                "",
                "executions.db.dir",
                Path.of("target", "instances", "console-derby").toAbsolutePath().toString(),
                "executions.archive.location",
                "file:" + Path.of("target", "instances", "console-archive").toAbsolutePath()),
            List.of("-Xmx768m"));
    JsonObject v1 = Json.createObjectBuilder().add("name", WORKFLOW).add("retries", 1).build();
    JsonObject v2 = Json.createObjectBuilder().add("name", WORKFLOW).add("retries", 3).build();
    record(FIRST, v1, "Complete", "2026-11-30T02:00:00Z", null);
    record(FAILED, v1, "Failed", "2026-12-01T02:00:00Z", "load: connection reset by peer");
    record(CHANGED, v2, "Complete", "2026-12-02T02:00:00Z", null);
    for (int from = 0; from < LOG_LINES; from += 10_000) {
      JsonArrayBuilder lines = Json.createArrayBuilder();
      for (int i = from; i < from + 10_000; i++) {
        lines.add("line " + (i + 1) + ": copied batch " + (i % 97) + " of the warehouse extract");
      }
      HttpResponse<String> appended =
          send(
              "POST",
              "api/executions/" + FAILED + "/logs/extract",
              Json.createObjectBuilder().add("lines", lines).build().toString(),
              TestUser.OPERATOR);
      assertThat(appended.statusCode()).as(appended.body()).isEqualTo(201);
    }

    browser = Chromium.start();
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterAll
  static void closeAll() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  /** A whole run: three tasks with times, the middle one slow, and an error when failed. */
  private static void record(
      String id, JsonObject definition, String status, String created, String error)
      throws Exception {
    String start = created.replace("02:00:00", "02:00:05");
    JsonObject execution =
        Json.createObjectBuilder()
            .add("workflow_name", WORKFLOW)
            .add("workflow_snapshot", definition)
            .add("status", status)
            .add("created_at", created)
            .add("completed_at", created.replace("02:00:00", "02:10:00"))
            .add("labels", Json.createObjectBuilder().add("env", "prod"))
            .add(
                "tasks",
                Json.createArrayBuilder()
                    .add(
                        task("extract", "Complete", start, created.replace("02:00:00", "02:02:00")))
                    .add(
                        task(
                            "transform",
                            "Complete",
                            created.replace("02:00:00", "02:02:00"),
                            created.replace(
                                "02:00:00", id.equals(CHANGED) ? "02:04:00" : "02:07:00")))
                    .add(
                        task(
                            "load",
                            error == null ? "Complete" : "Failed",
                            created.replace("02:00:00", "02:07:00"),
                            created.replace("02:00:00", "02:09:30"))))
            .add(
                "errors",
                error == null
                    ? Json.createArrayBuilder()
                    : Json.createArrayBuilder()
                        .add(
                            Json.createObjectBuilder()
                                .add("message", error)
                                .add("task_id", "load")))
            .add(
                "audit_trail",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("actor", "scheduler")
                            .add("action", "started")))
            .build();
    HttpResponse<String> stored =
        send("PUT", "api/executions/" + id, execution.toString(), TestUser.OPERATOR);
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
  }

  private static JsonObject task(String id, String status, String started, String completed) {
    return Json.createObjectBuilder()
        .add("task_id", id)
        .add("name", id.substring(0, 1).toUpperCase() + id.substring(1))
        .add("status", status)
        .add("started_at", started)
        .add("completed_at", completed)
        .build();
  }

  private static HttpResponse<String> send(String method, String path, String body, TestUser user)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.base().resolve(path))
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", user.authorization())
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void open(String fragment) {
    browser.get(server.base().resolve("console/") + fragment);
  }

  private static WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private static void signIn(TestUser user) {
    open("");
    visible(By.id("user")).clear();
    browser.findElement(By.id("user")).sendKeys(user.userName());
    browser.findElement(By.id("password")).sendKeys(user.password());
    browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
  }

  private static void screenshot(String name) throws IOException {
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static void scrollTo(WebElement element) {
    script("arguments[0].scrollIntoView({block: 'start'})", element);
  }

  private static Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(javascript, arguments);
  }

  @Test
  @Order(1)
  void signInAndFilterTheList() throws Exception {
    signIn(TestUser.OPERATOR);
    visible(By.id("executions"));
    assertThat(browser.findElement(By.id("who")).getText()).contains("operator");

    // Measured on this first load of a fresh browser, when every file comes from the server: after
    // a reload the browser may revalidate them (304, no body) and Resource Timing reports 0 bytes.
    long bytes =
        ((Number)
                script(
                    "return performance.getEntriesByType('navigation')"
                        + ".concat(performance.getEntriesByType('resource'))"
                        + ".filter(e => /\\/console\\/[^?#]*\\.(html|js|css)$|\\/console\\/$/.test(e.name))"
                        + ".reduce((sum, e) => sum + e.encodedBodySize, 0)"))
            .longValue();
    Files.writeString(
        SHOTS.resolve("page-weight.txt"),
        "bytes of HTML, JavaScript and CSS the list view loads: " + bytes + "\n");
    System.out.println("console: the list view loads " + bytes + " bytes of HTML, JS and CSS");
    assertThat(bytes).isPositive();

    browser.findElement(By.id("f-workflow_name")).sendKeys(WORKFLOW);
    browser.findElement(By.cssSelector("#filters input[value=Failed]")).click();
    browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("status=Failed"));
    wait.until(d -> d.findElements(By.cssSelector("#executions tr.execution")).size() == 1);
    WebElement row = browser.findElement(By.cssSelector("#executions tr.execution"));
    assertThat(row.getText()).contains(FAILED).contains("Failed");
    assertThat(browser.findElement(By.id("counts")).getText())
        .as("the counts per status of the filter")
        .isEqualTo("1 run matches: Failed 1");
    assertThat(browser.getCurrentUrl()).contains("workflow_name=" + WORKFLOW);

    browser.navigate().refresh();
    wait.until(d -> d.findElements(By.cssSelector("#executions tr.execution")).size() == 1);
    assertThat(browser.findElement(By.id("f-workflow_name")).getAttribute("value"))
        .as("the filters live in the URL and survive a reload")
        .isEqualTo(WORKFLOW);

    screenshot("executions");
  }

  @Test
  @Order(2)
  void theFailedRunShowsItsTimelineErrorAndFindsALineAmongAHundredThousand() throws Exception {
    browser.findElement(By.linkText(FAILED)).click();
    visible(By.cssSelector("svg g.task-bar"));
    List<WebElement> bars = browser.findElements(By.cssSelector("svg g.task-bar"));
    assertThat(bars).hasSize(3);
    assertThat(bars.get(2).getAttribute("aria-label")).contains("load: Failed");
    assertThat(browser.findElement(By.id("errors")).getText())
        .contains("load: connection reset by peer");
    assertThat(browser.findElement(By.id("log-where")).getText()).contains("of " + LOG_LINES);

    browser.findElement(By.id("log-find")).sendKeys("line 73421:");
    browser.findElement(By.cssSelector(".log-tools button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBe(By.id("log-found"), "1 matching line"));
    WebElement line = visible(By.id("log-line-73421"));
    assertThat(line.getText()).startsWith("line 73421: copied batch");
    assertThat(line.getAttribute("class")).contains("hit");
    assertThat(browser.findElements(By.cssSelector("#log-lines li")))
        .as("a page of lines, not all of them")
        .hasSize(500);
    screenshot("failed-run");
  }

  @Test
  @Order(3)
  void theDiffAgainstThePreviousRunShowsTheChangedPath() throws Exception {
    open("#/executions/" + CHANGED + "/diff");
    WebElement diff = visible(By.cssSelector("#diff table"));
    assertThat(diff.getText()).contains("/retries").contains("changed").contains("1").contains("3");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains(FAILED);
    screenshot("diff");
  }

  @Test
  @Order(4)
  void twoRunsSideBySide() throws Exception {
    open("#/compare?a=" + FAILED + "&b=" + CHANGED);
    WebElement comparison = visible(By.id("comparison"));
    assertThat(comparison.getText())
        .contains(FAILED)
        .contains(CHANGED)
        .contains("connection reset");
    String deltas = browser.findElement(By.id("task-deltas")).getText();
    assertThat(deltas).contains("transform").contains("−3 min 0 s");
    assertThat(browser.findElement(By.id("diff")).getText()).contains("/retries");
    screenshot("compare");
  }

  @Test
  @Order(5)
  void theWorkflowsTrendsGridVersionsAndTheDiffBetweenThem() throws Exception {
    open("#/workflows");
    WebElement link = visible(By.linkText(WORKFLOW));
    double start = ((Number) script("return performance.now()")).doubleValue();
    link.click();
    WebElement versions = visible(By.id("versions"));
    assertThat(versions.findElements(By.cssSelector("tbody tr"))).hasSize(2);
    wait.until(d -> d.findElements(By.cssSelector("#charts .uplot canvas")).size() == 3);
    wait.until(
        d ->
            (Boolean)
                script(
                    "return performance.getEntriesByName('console:workflow-rendered').length > 0"));
    // What this view fetched on top of the console's own files: uPlot (first loaded here) and the
    // API's answers; and the time from the click to the view drawn, charts included.
    String weight =
        (String)
            script(
                "const t0 = arguments[0];"
                    + "const e = performance.getEntriesByType('resource').filter(r => r.startTime >= t0);"
                    + "const sum = (f) => e.filter(f).reduce((n, r) => n + r.encodedBodySize, 0);"
                    + "const rendered = performance.getEntriesByName('console:workflow-rendered').pop().startTime;"
                    + "return `the workflow view loads ${sum(r => /webjars\\/uplot/.test(r.name))} bytes of uPlot`"
                    + " + ` and ${sum(r => /\\/api\\//.test(r.name))} bytes of API answers`"
                    + " + ` (${e.filter(r => /\\/api\\//.test(r.name)).length} requests),`"
                    + " + ` drawn ${Math.round(rendered - t0)} ms after the click`;",
                start);
    Files.writeString(
        SHOTS.resolve("page-weight.txt"), weight + "\n", java.nio.file.StandardOpenOption.APPEND);
    System.out.println("console: " + weight);
    assertThat(browser.findElement(By.id("trend-summary")).getText())
        .isEqualTo("3 runs: Complete 2 · Failed 1");
    assertThat(browser.findElement(By.id("chart-runs")).getText()).contains("Complete", "Failed");
    assertThat(browser.findElement(By.id("chart-durations")).getText())
        .contains("run p95", "transform p95");
    assertThat(browser.findElement(By.id("error-table")).getText())
        .contains("load: connection reset by peer");

    WebElement grid = browser.findElement(By.id("grid"));
    assertThat(grid.findElements(By.cssSelector("tbody tr")))
        .extracting(WebElement::getText)
        .containsExactly("extract", "transform", "load");
    assertThat(grid.findElements(By.cssSelector("thead .version")))
        .as("the definition changed at the third run, and only there")
        .extracting(WebElement::getText)
        .containsExactly("v2");
    WebElement failedCell =
        grid.findElement(By.cssSelector("a[data-run='" + FAILED + "'][data-task=load]"));
    assertThat(failedCell.getAttribute("class")).contains("s-Failed");
    assertThat(failedCell.getAttribute("title"))
        .isEqualTo("load in " + FAILED + ": Failed, 2 min 30 s");
    screenshot("workflow");
    scrollTo(grid);
    screenshot("workflow-grid");

    failedCell.click();
    wait.until(ExpectedConditions.urlContains("#/executions/" + FAILED + "?task=load"));
    assertThat(visible(By.cssSelector("#task-load.focused")).getText()).contains("Failed");

    open("#/workflows/" + WORKFLOW);
    versions = visible(By.id("versions"));
    versions.findElement(By.partialLinkText("diff from version 1")).click();
    assertThat(visible(By.cssSelector("#diff table")).getText()).contains("/retries");
  }

  @Test
  @Order(6)
  void theApiExplorerShowsTheDocumentWithTheSameSignIn() throws Exception {
    open("api-explorer.html");
    WebElement title = visible(By.cssSelector(".swagger-ui .info .title"));
    assertThat(title.getText()).contains("Workflow execution history store");
    assertThat(browser.findElement(By.id("hint")).isDisplayed()).isFalse();
    screenshot("api-explorer");
  }

  @Test
  @Order(7)
  void signingOutForgetsTheCredentials() throws Exception {
    open("#/executions");
    visible(By.id("sign-out")).click();
    visible(By.id("sign-in-form"));
    assertThat(script("return sessionStorage.length")).isEqualTo(0L);
    browser.navigate().refresh();
    visible(By.id("sign-in-form"));
    assertThat(browser.findElement(By.id("view")).getText()).isEmpty();
    screenshot("signed-out");
  }

  @Test
  @Order(8)
  void aUserWithoutTheReaderRoleIsRefusedAndABadPasswordReturnsToTheForm() throws Exception {
    signIn(TestUser.WRITER);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("sign-in-message"), "may not read"));
    assertThat(browser.findElement(By.id("view")).getText()).isEmpty();
    assertThat(script("return sessionStorage.length")).isEqualTo(0L);

    open("");
    visible(By.id("user")).sendKeys("operator");
    browser.findElement(By.id("password")).sendKeys("not-the-password");
    browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
    wait.until(d -> !d.findElement(By.id("sign-in-message")).getText().isEmpty());
    assertThat(browser.findElement(By.id("sign-in-form")).isDisplayed()).isTrue();
    screenshot("sign-in-refused");

    // What keeps the browser's own Basic dialog away: the console's requests are not challenged
    // with Basic.
    HttpResponse<String> challenged =
        HTTP.send(
            HttpRequest.newBuilder(server.base().resolve("api/me"))
                .header("X-Requested-With", "XMLHttpRequest")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(challenged.statusCode()).isEqualTo(401);
    assertThat(challenged.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(
            value -> assertThat(value).startsWith("Console ").doesNotContain("Basic"));
  }

  @Test
  @Order(9)
  void anArchivedRunIsListedWithItsBadgeAndOpensLikeAnyOther() throws Exception {
    // Keep the newest two runs of the workflow in the database: the first moves to the archive.
    HttpResponse<String> purged =
        send(
            "DELETE",
            "api/executions?workflow_name=" + WORKFLOW + "&keep_last=2&dry_run=false",
            null,
            TestUser.OPERATOR);
    assertThat(purged.statusCode()).as(purged.body()).isEqualTo(200);
    assertThat(purged.body()).contains("\"archived\":1");

    signIn(TestUser.OPERATOR);
    visible(By.id("executions"));
    open("#/executions?workflow_name=" + WORKFLOW + "&archived=only");
    wait.until(d -> d.findElements(By.cssSelector("#executions tr.execution")).size() == 1);
    WebElement row = browser.findElement(By.cssSelector("#executions tr.execution"));
    assertThat(row.getText()).contains(FIRST).contains("archived");
    assertThat(
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-archived")))
                .getFirstSelectedOption()
                .getText())
        .isEqualTo("only");

    open("#/executions?workflow_name=" + WORKFLOW + "&archived=exclude");
    wait.until(d -> d.findElements(By.cssSelector("#executions tr.execution")).size() == 2);
    assertThat(browser.findElement(By.id("executions")).getText()).doesNotContain(FIRST);

    open("#/executions/" + FIRST);
    visible(By.cssSelector("svg g.task-bar"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), FIRST));
    assertThat(browser.findElement(By.cssSelector("#view h1")).getText()).contains("archived");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("read from the archive");
    screenshot("archived-run");
  }

  @Test
  @Order(10)
  void aRunningRunsPageAndTheListFollowTheirStreamsWithoutReload() throws Exception {
    String live = WORKFLOW + "-live";
    JsonObject running =
        Json.createObjectBuilder()
            .add("workflow_name", WORKFLOW)
            .add("workflow_snapshot", Json.createObjectBuilder().add("name", WORKFLOW))
            .add("status", "Running")
            .add(
                "tasks",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("task_id", "work")
                            .add("status", "Running")
                            .add("started_at", java.time.Instant.now().toString())))
            .build();
    assertThat(
            send("PUT", "api/executions/" + live, running.toString(), TestUser.OPERATOR)
                .statusCode())
        .isEqualTo(201);
    appendLine(live, "the first line, there before the page opened");

    open("");
    script("sessionStorage.clear()");
    signIn(TestUser.OPERATOR);
    visible(By.id("executions"));
    open("#/executions/" + live);
    wait.until(d -> shows(By.cssSelector("#live-state[data-state=live]"), "live"));
    script("window.notReloaded = true");
    assertThat(browser.findElement(By.id("log-follow")).isSelected())
        .as("following the log")
        .isTrue();

    // A line appended by another client appears within a second, without a reload.
    String line = "appended by another client at " + java.time.Instant.now();
    appendLine(live, line);
    long answered = System.nanoTime();
    new WebDriverWait(browser, Duration.ofSeconds(1), Duration.ofMillis(10))
        .until(d -> shows(By.id("log-lines"), line));
    long shownAfter = (System.nanoTime() - answered) / 1_000_000;
    System.out.println(
        "console: an appended line was on the page " + shownAfter + " ms after its write");
    assertThat(browser.findElement(By.id("log-where")).getText()).isEqualTo("lines 1–2 of 2");

    HttpResponse<String> error =
        send(
            "POST",
            "api/executions/" + live + "/errors",
            "{\"message\": \"work: quota exceeded\", \"task_id\": \"work\"}",
            TestUser.OPERATOR);
    assertThat(error.statusCode()).isEqualTo(201);
    wait.until(d -> shows(By.id("errors"), "work: quota exceeded"));
    HttpResponse<String> task =
        send(
            "PUT",
            "api/executions/" + live + "/tasks/work",
            "{\"status\": \"Failed\", \"started_at\": \""
                + java.time.Instant.now().minusSeconds(5)
                + "\", \"completed_at\": \""
                + java.time.Instant.now()
                + "\"}",
            TestUser.OPERATOR);
    assertThat(task.statusCode()).as(task.body()).isEqualTo(200);
    wait.until(d -> shows(By.id("task-work"), "Failed"));
    screenshot("live-run");
    HttpResponse<String> failed =
        send(
            "POST",
            "api/executions/" + live + "/status",
            "{\"status\": \"Failed\"}",
            TestUser.OPERATOR);
    assertThat(failed.statusCode()).isEqualTo(200);
    wait.until(d -> shows(By.id("record-status"), "Failed"));
    wait.until(d -> shows(By.cssSelector("#live-state[data-state=ended]"), "finished"));
    assertThat(script("return window.notReloaded")).as("the page was not reloaded").isEqualTo(true);

    // The list shows a run created by another client, on top, without a reload.
    open("#/executions?workflow_name=" + WORKFLOW);
    wait.until(d -> shows(By.cssSelector("#live-state[data-state=live]"), "live"));
    script("window.notReloaded = true");
    String fresh = WORKFLOW + "-new";
    assertThat(
            send(
                    "PUT",
                    "api/executions/" + fresh,
                    "{\"workflow_name\": \"" + WORKFLOW + "\", \"status\": \"Running\"}",
                    TestUser.OPERATOR)
                .statusCode())
        .isEqualTo(201);
    new WebDriverWait(browser, Duration.ofSeconds(2), Duration.ofMillis(10))
        .until(d -> shows(By.cssSelector("#executions tbody tr:first-child"), fresh));
    screenshot("live-list");
    send(
        "POST",
        "api/executions/" + fresh + "/status",
        "{\"status\": \"Complete\"}",
        TestUser.OPERATOR);
    wait.until(d -> shows(By.cssSelector("#executions tr[data-id='" + fresh + "']"), "Complete"));
    assertThat(script("return window.notReloaded")).isEqualTo(true);
  }

  /** Whether an element shows {@code text} now; false while it is missing or being re-rendered. */
  private static boolean shows(By by, String text) {
    try {
      return browser.findElement(by).getText().contains(text);
    } catch (org.openqa.selenium.NoSuchElementException
        | org.openqa.selenium.StaleElementReferenceException e) {
      return false;
    }
  }

  private static void appendLine(String id, String line) throws Exception {
    HttpResponse<String> appended =
        send(
            "POST",
            "api/executions/" + id + "/logs/work",
            Json.createObjectBuilder()
                .add("lines", Json.createArrayBuilder().add(line))
                .build()
                .toString(),
            TestUser.OPERATOR);
    assertThat(appended.statusCode()).as(appended.body()).isEqualTo(201);
  }
}
