package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.AbridgedJson;
import org.workflowengine.persistence.testing.ConsoleTranscript;
import org.workflowengine.persistence.testing.ConsoleTranscript.Step;
import org.workflowengine.persistence.testing.OpenApiContract;
import org.workflowengine.persistence.testing.OverHttp;
import org.workflowengine.persistence.testing.TestUser;

/**
 * The README's tour, replayed: every {@code $ curl …} of the README's "A short tour" and of
 * docs/tour.md, where it goes on, is sent to the deployed application as written (credentials and
 * address put in), and the status, headers and fields the README shows are compared with the
 * answer. So the document cannot drift from what a newcomer who types it gets.
 */
class ReadmeTourIT extends OverHttp {

  /** The README, in the project directory the tests run in. */
  private static final Path README = Path.of("README.md");

  /** Where the README's tour goes on. */
  private static final Path TOUR = Path.of("docs", "tour.md");

  /** The address the README's commands use. */
  private static final String README_SERVER = "localhost:8080/";

  /** The ids the tour creates, removed first so that it starts as on an empty database. */
  private static final List<String> TOUR_IDS =
      List.of("exec-1", "nightly-41", "nightly-42", "nightly-43");

  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) .*");

  private HttpClient http;

  /** What the tour's commands wrote with {@code > file}, read back by {@code @file}. */
  private final Map<String, byte[]> files = new HashMap<>();

  @BeforeEach
  void startFromWhatAnEmptyDatabaseHolds() throws Exception {
    // HTTP/1.1, as curl speaks it (no upgrade to HTTP/2).
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    for (String id : TOUR_IDS) {
      int status = send("DELETE", "api/executions/" + id).statusCode();
      assertThat(status).as("removing %s", id).isIn(204, 404);
    }
    // Collects the snapshots no execution references (other tests leave some), which the tour's
    // purge would otherwise count.
    int collected =
        send("DELETE", "api/executions?workflow_name=readme-tour-none&keep_last=0&dry_run=false")
            .statusCode();
    assertThat(collected).isEqualTo(200);
  }

  @Test
  void theTourAnswersAsTheReadmeShows() throws Exception {
    List<Step> steps = new ArrayList<>();
    steps.addAll(ConsoleTranscript.curlSteps(README, "## A short tour", "## Documentation"));
    steps.addAll(ConsoleTranscript.curlSteps(TOUR, "# API tour, continued", null));

    assertThat(steps).as("the tour's commands").hasSizeGreaterThanOrEqualTo(20);
    for (Step step : steps) {
      replay(step);
    }
  }

  private void replay(Step step) throws Exception {
    Curl curl = Curl.parse(step.command(), TestUser.OPERATOR);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(address(curl.url()))).timeout(Duration.ofSeconds(60));
    request.header("Authorization", curl.authorization());
    curl.headers().forEach(request::header);
    byte[] data = curl.data() == null ? null : data(curl.data());
    HttpRequest.BodyPublisher body =
        data == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(data);
    HttpRequest sent = request.method(curl.method(), body).build();
    HttpResponse<String> response =
        http.send(sent, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    OpenApiContract.of(base).check(sent, data, response, null);
    String context = step.title() + "\n  answered " + response.statusCode() + " " + response.body();

    List<String> shown = step.output();
    int bodyStart = 0;
    if (curl.include()) {
      Matcher status = STATUS_LINE.matcher(shown.isEmpty() ? "" : shown.get(0));
      assertThat(status.matches()).as("a status line is shown for %s", context).isTrue();
      assertThat(response.statusCode())
          .as("status of %s", context)
          .isEqualTo(Integer.parseInt(status.group(1)));
      int line = 1;
      for (; line < shown.size() && !shown.get(line).isBlank(); line++) {
        checkHeader(shown.get(line), response, context);
      }
      bodyStart = line;
    } else {
      assertThat(response.statusCode()).as("status of %s", context).isBetween(200, 299);
    }
    String shownBody = String.join("\n", shown.subList(bodyStart, shown.size())).strip();
    if (curl.outputFile() != null) {
      assertThat(shownBody).as("nothing shown for output to a file: %s", context).isEmpty();
      files.put(curl.outputFile(), response.body().getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!shownBody.isEmpty()) {
      // The test server deploys under a context path; the README's server at the root.
      String asAtTheRoot =
          response
              .body()
              .replace(base(), "http://" + README_SERVER)
              .replace("\"" + URI.create(base()).getPath() + "api/", "\"/api/");
      JsonValue actual = Json.createReader(new StringReader(asAtTheRoot)).readValue();
      Optional<String> mismatch = AbridgedJson.mismatch(AbridgedJson.parse(shownBody), actual);
      assertThat(mismatch).as("the body of %s", context).isEmpty();
    }
  }

  private void checkHeader(String line, HttpResponse<String> response, String context) {
    int colon = line.indexOf(':');
    assertThat(colon).as("a header line: %s, in %s", line, context).isPositive();
    String name = line.substring(0, colon);
    String shown = line.substring(colon + 1).strip().replace("http://" + README_SERVER, base());
    Optional<String> actual = response.headers().firstValue(name);
    assertThat(actual).as("header %s of %s", name, context).isPresent();
    String value = actual.get();
    if (name.equalsIgnoreCase("Content-Type")) {
      value = value.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }
    assertThat(AbridgedJson.glob(shown, value))
        .as("header %s of %s: %s, shown %s", name, context, value, shown)
        .isTrue();
  }

  /** The data of {@code -d}: the text itself, or with {@code @}, a file's bytes. */
  private byte[] data(String data) throws Exception {
    if (!data.startsWith("@")) {
      return data.getBytes(StandardCharsets.UTF_8);
    }
    String file = data.substring(1);
    byte[] written = files.get(file);
    return written != null ? written : Files.readAllBytes(Path.of(file));
  }

  /** The deployed application's root, ending with a slash. */
  private String base() {
    String url = base.toExternalForm();
    return url.endsWith("/") ? url : url + "/";
  }

  private String address(String readmeUrl) {
    String url = readmeUrl.startsWith("http://") ? readmeUrl.substring(7) : readmeUrl;
    assertThat(url).as("the README's server").startsWith(README_SERVER);
    return base() + url.substring(README_SERVER.length());
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Authorization", TestUser.OPERATOR.authorization())
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    OpenApiContract.of(base).check(request, (String) null, response);
    return response;
  }

  /** The parts of a {@code curl} command line the tour uses; any other option fails the test. */
  record Curl(
      String method,
      String url,
      Map<String, String> headers,
      String data,
      String authorization,
      boolean include,
      String outputFile) {

    static Curl parse(String command, TestUser user) {
      String credentials = user.userName() + ":" + user.password();
      List<String> words = ConsoleTranscript.words(command, Map.of("AUTH", credentials));
      String method = null;
      String url = null;
      String data = null;
      String authorization = null;
      String outputFile = null;
      boolean include = false;
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      for (int i = 1; i < words.size(); i++) {
        String word = words.get(i);
        switch (word) {
          case "-X" -> method = words.get(++i);
          case "-i" -> include = true;
          case "-u" -> {
            String pair = words.get(++i);
            authorization =
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString(pair.getBytes(StandardCharsets.UTF_8));
          }
          case "-H" -> {
            String header = words.get(++i);
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
          }
          case "-d", "--data", "--data-binary" -> data = words.get(++i);
          case ">" -> outputFile = words.get(++i);
          default -> {
            if (word.startsWith("-") || url != null) {
              throw new IllegalArgumentException("unexpected " + word + " in: " + command);
            }
            url = word;
          }
        }
      }
      if (authorization == null || url == null) {
        throw new IllegalArgumentException("no -u or no URL in: " + command);
      }
      if (method == null) {
        method = data == null ? "GET" : "POST";
      }
      return new Curl(method, url, headers, data, authorization, include, outputFile);
    }
  }
}
