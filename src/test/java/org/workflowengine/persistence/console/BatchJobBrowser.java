package org.workflowengine.persistence.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.workflowengine.persistence.batchjobs.OrderBook;
import org.workflowengine.persistence.testing.Deployments;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.TestUser;

/**
 * A Jakarta Batch job recorded by the store's listeners, as the console shows it: the service's WAR
 * with the test's pricing job in it, on Payara Micro, runs the job (it fails on a bad order line),
 * fixes the line and restarts it; the failed run's page shows its failed step, the item's error and
 * the step's log. The screenshot is docs/console/batch-run.png.
 */
class BatchJobBrowser {

  private static final Path SHOTS = Path.of("target", "console-screenshots");

  private static PayaraMicroProcess server;
  private static WebDriver browser;

  @BeforeAll
  static void startTheServiceWithABatchJob() throws Exception {
    Files.createDirectories(SHOTS);
    WebArchive war = Deployments.application(OrderBook.class.getPackageName());
    for (String job : List.of("pricing", "pricing-next")) {
      war.addAsResource("batchjobs/" + job + ".xml", "META-INF/batch-jobs/" + job + ".xml");
    }
    Path file = Path.of("target", "instances", "batch-console.war").toAbsolutePath();
    Files.createDirectories(file.getParent());
    war.as(ZipExporter.class).exportTo(file.toFile(), true);
    server =
        PayaraMicroProcess.start(
            "batch-console",
            8288,
            Map.of(
                "executions.db.url",
                "",
                "executions.db.dir",
                Path.of("target", "instances", "batch-console-derby").toAbsolutePath().toString()),
            List.of("-Xmx768m"),
            file);
    browser = Chromium.start();
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

  @Test
  void aFailedBatchJobShowsItsFailedStepTheItemsErrorAndTheStepsLog() throws Exception {
    HttpResponse<String> ran =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.base().resolve("batch-demo"))
                    .timeout(Duration.ofMinutes(2))
                    .header("Authorization", TestUser.OPERATOR.authorization())
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
    JsonObject runs = Json.createReader(new StringReader(ran.body())).readObject();
    String failed = runs.getString("failed");

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(server.base().resolve("console/").toString());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user")))
        .sendKeys(TestUser.OPERATOR.userName());
    browser.findElement(By.id("password")).sendKeys(TestUser.OPERATOR.password());
    browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#executions, main")));
    browser.get(server.base().resolve("console/") + "#/executions/" + failed);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("svg g.task-bar")));

    assertThat(browser.findElements(By.cssSelector("svg g.task-bar")))
        .singleElement()
        .satisfies(bar -> assertThat(bar.getAttribute("aria-label")).contains("price: Failed"));
    assertThat(browser.findElement(By.id("errors")).getText())
        .contains("processing item o27:twelve failed")
        .contains("order o27 has no price: 'twelve'");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("log-lines"), "chunk 1 written: "));
    assertThat(browser.findElement(By.id("log-lines")).getText()).contains("step ended FAILED");
    assertThat(browser.findElement(By.id("record-labels")).getText())
        .contains("batch.job-instance")
        .contains("batch.param.region");
    browser.manage().window().setSize(new Dimension(1400, 1150));
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SHOTS.resolve("batch-run.png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
