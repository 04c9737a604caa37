package org.workflowengine.persistence.testing;

import jakarta.json.JsonValue;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The OpenAPI document is the contract: every exchange a test makes with the API is checked against
 * the document the deployment serves, and a deviation fails the test that made it.
 *
 * <p><b>What is checked.</b> The request (its operation, path, query and header parameters,
 * credentials, media type and body) and the response (a status the operation documents, its media
 * type, its documented headers, its body against the schema — an object may carry no property the
 * schema does not name — and an NDJSON body line by line against the schema its media type names in
 * {@code x-itemSchema}), by swagger-request-validator ({@code OpenApiInteractionValidator}). Every
 * message of the validator is an error.
 *
 * <p><b>Where.</b> As a JAX-RS client filter ({@link ApiClient} registers it on every client it
 * builds), through {@link #check} for the tests that send with {@code java.net.http}, which has no
 * filters, and as a {@code java.net.http} client that checks its own exchanges ({@link #checking})
 * under the client generated from the document. It runs wherever the test's client runs: in the
 * tests' JVM for the tests that run as clients ({@link OverHttp}), inside the server for the
 * in-container tests that send requests ({@code AccessControlIT}, {@code BearerTokenIT}, {@code
 * HostileInputIT}).
 *
 * <p><b>Which document.</b> The one the deployment serves ({@code GET /openapi} on its server,
 * {@code Accept: application/json}), fetched once per deployment URL; the source document ({@code
 * META-INF/openapi.json} on the class path) only when the served one cannot be had, which is
 * printed. {@code OpenApiAndHealthIT} checks that the two are the same.
 *
 * <p><b>Out of scope</b>: every URL that is not under the deployment's {@code api/} — {@code
 * /openapi} itself, {@code /health} (MicroProfile's, on WildFly's management port), the front page
 * and the console's static files — because the document describes the API and nothing else; and
 * other applications' APIs (the engines of {@code library/}). An exchange out of scope is neither
 * checked nor counted.
 *
 * <p><b>Requests that break the document on purpose</b> — hostile input, a wrong media type, an id
 * the rules refuse, a method the document does not have — say so: {@link #UNCHECKED_REQUEST} as a
 * request property, with the reason, or the {@code why} of {@link #check}; a client without
 * credentials waives only the document's security requirement ({@link #anonymous}). Their responses
 * are checked all the same (an answer to a method the document does not have must be a {@code
 * Problem}).
 *
 * <p><b>Class loading.</b> swagger-request-validator needs some forty libraries (Jackson,
 * swagger-parser, json-schema-validator, Guava, Rhino, SLF4J, …). They are kept off the tests'
 * class path (see the failsafe configuration) and loaded into a class loader of their own whose
 * parent is the JDK's platform class loader, with {@link OpenApiValidatorBridge}, the half of this
 * check that uses them: embedded Payara runs in the tests' JVM, on their class path, and inside
 * WildFly the WAR would meet the server's own Jackson, SLF4J and Guava modules before its own
 * libraries. So the server sees none of the validator's libraries and the validator none of the
 * server's; the two halves speak in JDK types. The libraries are the jars listed in the file that
 * the system property {@value #CLASSPATH} names (written by the build), the bridge is found in the
 * directory {@value #CLASSES} names; the WildFly tests' server, on the same machine, gets both
 * properties.
 *
 * <p><b>The count.</b> Every JVM that checks exchanges keeps a tally in a file named after the
 * system property {@value #TALLY} (the build gives each run its own); {@link
 * OpenApiContractSummary} adds them up at the end of the run and prints {@code OpenAPI contract: N
 * responses validated, D deviations}.
 */
public final class OpenApiContract implements ClientResponseFilter {

  /**
   * A request property: this request breaks the document on purpose, and the value says why. Only
   * its response is checked.
   */
  public static final String UNCHECKED_REQUEST = "openapi.contract.unchecked-request";

  /** The system property naming the file that lists the validator's jars. */
  public static final String CLASSPATH = "openapi.contract.classpath";

  /**
   * The system property naming the tests' classes directory, where the validator's class loader
   * finds {@link OpenApiValidatorBridge}: no deployment carries that class ({@link Deployments}
   * leaves it out), since it links against libraries no deployment has.
   */
  public static final String CLASSES = "openapi.contract.classes";

  /** The system property naming the tally files' prefix. */
  public static final String TALLY = "openapi.contract.tally";

  /**
   * {@link OpenApiValidatorBridge}'s name: by name, not as a class literal, which would have this
   * class's own loader look for it where it is not (in a deployment).
   */
  static final String BRIDGE = OpenApiContract.class.getPackageName() + ".OpenApiValidatorBridge";

  /** The validator's class loader, made once per class loader of this class. */
  private static volatile ClassLoader validatorLoader;

  /** The check of each deployment URL's document. */
  private static final Map<String, Function<Map<String, Object>, List<String>>> DOCUMENTS =
      new ConcurrentHashMap<>();

  private static final AtomicLong VALIDATED = new AtomicLong();
  private static final AtomicLong DEVIATIONS = new AtomicLong();
  private static final Path TALLY_FILE = tallyFile();

  private final URI deployment;
  private final boolean withoutCredentials;

  private OpenApiContract(URL deployment, boolean withoutCredentials) {
    String url = deployment.toExternalForm();
    this.deployment = URI.create(url.endsWith("/") ? url : url + "/");
    this.withoutCredentials = withoutCredentials;
  }

  /** The check of the API that {@code deployment} (the application's URL) serves. */
  public static OpenApiContract of(URL deployment) {
    return new OpenApiContract(deployment, false);
  }

  /**
   * The same, for a client that sends no credentials on purpose: the document's security
   * requirement is waived, the rest checked.
   */
  public static OpenApiContract anonymous(URL deployment) {
    return new OpenApiContract(deployment, true);
  }

  // ---------------------------------------------------------------- JAX-RS

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response)
      throws IOException {
    String path = pathInScope(request.getUri());
    if (path == null) {
      return;
    }
    byte[] body = null;
    // Read whatever came, not only when the client says there is an entity: Jersey's hasEntity()
    // is false for a streamed (chunked) body it has not peeked into yet. Read, not closed: RESTEasy
    // closes the whole response with its entity stream.
    if (response.getEntityStream() != null) {
      byte[] read = response.getEntityStream().readAllBytes();
      response.setEntityStream(new ByteArrayInputStream(read));
      // An empty body with a media type is an empty document (an export of nothing); without one,
      // no body at all (a 204).
      body = read.length == 0 && response.getMediaType() == null ? null : read;
    }
    Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
    request.getStringHeaders().forEach((name, values) -> requestHeaders.put(name, values));
    if (request.getMediaType() != null && !has(requestHeaders, HttpHeaders.CONTENT_TYPE)) {
      requestHeaders.put(HttpHeaders.CONTENT_TYPE, List.of(request.getMediaType().toString()));
    }
    Object why = request.getProperty(UNCHECKED_REQUEST);
    if (why == null) {
      why = request.getConfiguration().getProperty(UNCHECKED_REQUEST);
    }
    String requestBody = why == null ? requestBody(request.getEntity()) : null;
    Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
    response.getHeaders().forEach((name, values) -> responseHeaders.put(name, values));
    verify(
        request.getMethod(),
        request.getUri(),
        path,
        requestHeaders,
        requestBody,
        why == null ? null : String.valueOf(why),
        response.getStatus(),
        responseHeaders,
        body == null ? null : new String(body, StandardCharsets.UTF_8));
  }

  private static String requestBody(Object entity) {
    if (entity == null) {
      return null;
    }
    if (entity instanceof String text) {
      return text;
    }
    if (entity instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (entity instanceof JsonValue json) {
      return json.toString();
    }
    if (entity instanceof Form form) {
      List<String> pairs = new ArrayList<>();
      form.asMap()
          .forEach(
              (name, values) ->
                  values.forEach(
                      value ->
                          pairs.add(
                              URLEncoder.encode(name, StandardCharsets.UTF_8)
                                  + "="
                                  + URLEncoder.encode(value, StandardCharsets.UTF_8))));
      return String.join("&", pairs);
    }
    throw new IllegalStateException(
        "The OpenAPI contract check reads request bodies given as text, bytes or JSON-P values,"
            + " not "
            + entity.getClass().getName());
  }

  // ---------------------------------------------------------------- java.net.http

  /**
   * Checks one exchange made with {@code java.net.http}, which has no filters: call it with the
   * request, the body that was sent (null for none) and the response.
   *
   * @param why null when the request keeps the document; otherwise why it breaks it on purpose, and
   *     then only the response is checked
   * @throws AssertionError naming every deviation
   */
  public void check(HttpRequest request, byte[] body, HttpResponse<?> response, String why) {
    String path = pathInScope(request.uri());
    if (path == null) {
      return;
    }
    Object answered = response.body();
    String responseBody =
        answered instanceof String text
            ? text
            : answered instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : null;
    if (answered != null && responseBody == null) {
      throw new IllegalStateException("The OpenAPI contract check reads bodies as text or bytes");
    }
    Map<String, List<String>> requestHeaders = new LinkedHashMap<>(request.headers().map());
    verify(
        request.method(),
        request.uri(),
        path,
        requestHeaders,
        why == null && body != null ? new String(body, StandardCharsets.UTF_8) : null,
        why,
        response.statusCode(),
        response.headers().map(),
        responseBody);
  }

  /** {@link #check} of a request that keeps the document. */
  public void check(HttpRequest request, String body, HttpResponse<?> response) {
    check(request, body == null ? null : body.getBytes(StandardCharsets.UTF_8), response, null);
  }

  /**
   * A {@code java.net.http} client builder whose clients check every exchange of theirs that keeps
   * the document (for clients made elsewhere, such as the generated client's): the request body is
   * read before it is sent, the response whole before the caller's handler gets it.
   */
  public HttpClient.Builder checking(HttpClient.Builder builder) {
    return new CheckingBuilder(builder, this);
  }

  // ---------------------------------------------------------------- the check

  /** The path the document names this URI by ({@code /api/…}), or null when out of scope. */
  private String pathInScope(URI uri) {
    if (!Objects.equals(uri.getScheme(), deployment.getScheme())
        || !Objects.equals(uri.getHost(), deployment.getHost())
        || uri.getPort() != deployment.getPort()) {
      return null;
    }
    String root = deployment.getRawPath();
    String path = uri.getRawPath();
    if (path == null || !path.startsWith(root)) {
      return null;
    }
    String relative = "/" + path.substring(root.length());
    return relative.equals("/api") || relative.startsWith("/api/") ? relative : null;
  }

  private void verify(
      String method,
      URI uri,
      String path,
      Map<String, List<String>> requestHeaders,
      String requestBody,
      String why,
      int status,
      Map<String, List<String>> responseHeaders,
      String responseBody) {
    Map<String, Object> exchange = new LinkedHashMap<>();
    exchange.put("method", method);
    exchange.put("path", path);
    exchange.put("query", uri.getRawQuery());
    exchange.put("requestHeaders", requestHeaders);
    exchange.put("requestBody", requestBody);
    exchange.put("checkRequest", why == null);
    List<String> waived = new ArrayList<>();
    if (withoutCredentials) {
      waived.add("validation.request.security");
    }
    if (minimalAnswer(status, responseHeaders, responseBody)) {
      // The document says so in Preference-Applied: a 201 keeps its content schema for the
      // default answer, and OpenAPI 3.0 cannot say "or no body when the client asked for none".
      waived.add("validation.response.body.missing");
    }
    exchange.put("waived", waived);
    exchange.put("status", status);
    exchange.put("responseHeaders", responseHeaders);
    exchange.put("responseBody", responseBody);
    List<String> deviations = document().apply(exchange);
    VALIDATED.incrementAndGet();
    if (!deviations.isEmpty()) {
      DEVIATIONS.incrementAndGet();
    }
    writeTally();
    if (!deviations.isEmpty()) {
      throw new AssertionError(
          "The exchange deviates from the OpenAPI document: "
              + method
              + " "
              + uri
              + (why == null ? "" : " (request unchecked: " + why + ")")
              + " answered "
              + status
              + " "
              + abbreviate(responseBody)
              + "\n  "
              + String.join("\n  ", deviations));
    }
  }

  /** A successful write answered without a body because the client sent Prefer: return=minimal. */
  private static boolean minimalAnswer(
      int status, Map<String, List<String>> headers, String responseBody) {
    return status / 100 == 2
        && (responseBody == null || responseBody.isEmpty())
        && headers.entrySet().stream()
            .anyMatch(
                header ->
                    header.getKey().equalsIgnoreCase("Preference-Applied")
                        && header.getValue().contains("return=minimal"));
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return "without a body";
    }
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }

  private static boolean has(Map<String, List<String>> headers, String name) {
    return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
  }

  // ---------------------------------------------------------------- the document

  private Function<Map<String, Object>, List<String>> document() {
    return DOCUMENTS.computeIfAbsent(deployment.toString(), url -> bridge(load()));
  }

  /** The document the deployment's server serves, else the source document. */
  private String load() {
    URI openapi = deployment.resolve("/openapi");
    String why;
    try {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      HttpResponse<String> served =
          http.send(
              HttpRequest.newBuilder(openapi)
                  .header("Accept", "application/json")
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (served.statusCode() == 200 && served.body().trim().startsWith("{")) {
        return served.body();
      }
      why = "it answered " + served.statusCode();
    } catch (IOException e) {
      why = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why = e.toString();
    }
    System.out.println(
        "OpenAPI contract: the document served at "
            + openapi
            + " could not be had ("
            + why
            + "); checking against the source document");
    try (InputStream source =
        OpenApiContract.class.getClassLoader().getResourceAsStream("META-INF/openapi.json")) {
      if (source == null) {
        throw new IllegalStateException("Neither the served nor the source OpenAPI document");
      }
      return new String(source.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bridge for {@code document}. The validator's libraries look up their extensions through the
   * thread's context class loader (swagger-parser's {@code ServiceLoader}), so every call into them
   * runs with the validator's class loader as the context's.
   */
  @SuppressWarnings("unchecked")
  private static Function<Map<String, Object>, List<String>> bridge(String document) {
    ClassLoader loader = validatorLoader();
    Function<Map<String, Object>, List<String>> bridge =
        inContext(
            loader,
            () -> {
              try {
                return (Function<Map<String, Object>, List<String>>)
                    Class.forName(BRIDGE, true, loader)
                        .getConstructor(String.class)
                        .newInstance(document);
              } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot start the OpenAPI validator", e);
              }
            });
    return exchange -> inContext(loader, () -> bridge.apply(exchange));
  }

  private static <T> T inContext(ClassLoader loader, java.util.function.Supplier<T> call) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return call.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static ClassLoader validatorLoader() {
    ClassLoader loader = validatorLoader;
    if (loader == null) {
      synchronized (OpenApiContract.class) {
        if (validatorLoader == null) {
          validatorLoader =
              new URLClassLoader("openapi-contract", jars(), ClassLoader.getPlatformClassLoader());
        }
        loader = validatorLoader;
      }
    }
    return loader;
  }

  /** The validator's jars, and the tests' classes for {@link OpenApiValidatorBridge}. */
  private static URL[] jars() {
    String classes = System.getProperty(CLASSES);
    String listing = System.getProperty(CLASSPATH);
    if (listing == null || listing.isBlank() || classes == null || classes.isBlank()) {
      throw new IllegalStateException(
          "The OpenAPI contract check needs the system properties "
              + CLASSPATH
              + " (the file of the validator's class path, which the build writes) and "
              + CLASSES
              + " (the tests' classes): run the tests with Maven");
    }
    try {
      List<URL> urls = new ArrayList<>();
      urls.add(Path.of(classes).toUri().toURL());
      for (String jar :
          Files.readString(Path.of(listing)).trim().split(java.io.File.pathSeparator)) {
        urls.add(Path.of(jar).toUri().toURL());
      }
      return urls.toArray(URL[]::new);
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the validator's class path " + listing, e);
    }
  }

  // ---------------------------------------------------------------- java.net.http, checked

  private record CheckingBuilder(HttpClient.Builder builder, OpenApiContract contract)
      implements HttpClient.Builder {

    @Override
    public HttpClient.Builder cookieHandler(java.net.CookieHandler handler) {
      builder.cookieHandler(handler);
      return this;
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
      builder.connectTimeout(duration);
      return this;
    }

    @Override
    public HttpClient.Builder sslContext(javax.net.ssl.SSLContext context) {
      builder.sslContext(context);
      return this;
    }

    @Override
    public HttpClient.Builder sslParameters(javax.net.ssl.SSLParameters parameters) {
      builder.sslParameters(parameters);
      return this;
    }

    @Override
    public HttpClient.Builder executor(java.util.concurrent.Executor executor) {
      builder.executor(executor);
      return this;
    }

    @Override
    public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
      builder.followRedirects(policy);
      return this;
    }

    @Override
    public HttpClient.Builder version(HttpClient.Version version) {
      builder.version(version);
      return this;
    }

    @Override
    public HttpClient.Builder priority(int priority) {
      builder.priority(priority);
      return this;
    }

    @Override
    public HttpClient.Builder proxy(java.net.ProxySelector selector) {
      builder.proxy(selector);
      return this;
    }

    @Override
    public HttpClient.Builder authenticator(java.net.Authenticator authenticator) {
      builder.authenticator(authenticator);
      return this;
    }

    @Override
    public HttpClient build() {
      return new CheckingClient(builder.build(), contract);
    }
  }

  private static final class CheckingClient extends HttpClient {

    private final HttpClient client;
    private final OpenApiContract contract;

    CheckingClient(HttpClient client, OpenApiContract contract) {
      this.client = client;
      this.contract = contract;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException, InterruptedException {
      byte[] body = request.bodyPublisher().map(CheckingClient::bytesOf).orElse(null);
      HttpRequest sent =
          body == null
              ? request
              : HttpRequest.newBuilder(request, (name, value) -> true)
                  .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body))
                  .build();
      HttpResponse<byte[]> response = client.send(sent, HttpResponse.BodyHandlers.ofByteArray());
      contract.check(sent, body == null || body.length == 0 ? null : body, response, null);
      return handedOver(response, handler);
    }

    private static byte[] bytesOf(HttpRequest.BodyPublisher publisher) {
      java.util.concurrent.CompletableFuture<byte[]> all =
          new java.util.concurrent.CompletableFuture<>();
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      publisher.subscribe(
          new java.util.concurrent.Flow.Subscriber<java.nio.ByteBuffer>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
              subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(java.nio.ByteBuffer item) {
              byte[] bytes = new byte[item.remaining()];
              item.get(bytes);
              out.write(bytes, 0, bytes.length);
            }

            @Override
            public void onError(Throwable throwable) {
              all.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
              all.complete(out.toByteArray());
            }
          });
      return all.join();
    }

    /** The response as {@code handler} would have made it of the bytes read. */
    private static <T> HttpResponse<T> handedOver(
        HttpResponse<byte[]> response, HttpResponse.BodyHandler<T> handler) {
      HttpResponse.BodySubscriber<T> subscriber =
          handler.apply(
              new HttpResponse.ResponseInfo() {
                @Override
                public int statusCode() {
                  return response.statusCode();
                }

                @Override
                public java.net.http.HttpHeaders headers() {
                  return response.headers();
                }

                @Override
                public HttpClient.Version version() {
                  return response.version();
                }
              });
      subscriber.onSubscribe(
          new java.util.concurrent.Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
          });
      subscriber.onNext(List.of(java.nio.ByteBuffer.wrap(response.body())));
      subscriber.onComplete();
      return Responses.withBody(response, subscriber.getBody().toCompletableFuture().join());
    }

    @Override
    public <T> java.util.concurrent.CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request, HttpResponse.BodyHandler<T> handler) {
      return java.util.concurrent.CompletableFuture.supplyAsync(
          () -> {
            try {
              return send(request, handler);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            }
          });
    }

    @Override
    public <T> java.util.concurrent.CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request,
        HttpResponse.BodyHandler<T> handler,
        HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
      return sendAsync(request, handler);
    }

    @Override
    public java.util.Optional<java.net.CookieHandler> cookieHandler() {
      return client.cookieHandler();
    }

    @Override
    public java.util.Optional<Duration> connectTimeout() {
      return client.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
      return client.followRedirects();
    }

    @Override
    public java.util.Optional<java.net.ProxySelector> proxy() {
      return client.proxy();
    }

    @Override
    public javax.net.ssl.SSLContext sslContext() {
      return client.sslContext();
    }

    @Override
    public javax.net.ssl.SSLParameters sslParameters() {
      return client.sslParameters();
    }

    @Override
    public java.util.Optional<java.net.Authenticator> authenticator() {
      return client.authenticator();
    }

    @Override
    public Version version() {
      return client.version();
    }

    @Override
    public java.util.Optional<java.util.concurrent.Executor> executor() {
      return client.executor();
    }
  }

  // ---------------------------------------------------------------- the count

  private static Path tallyFile() {
    String prefix = System.getProperty(TALLY);
    if (prefix == null || prefix.isBlank()) {
      return null;
    }
    return Path.of(prefix + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID() + ".txt");
  }

  private static synchronized void writeTally() {
    if (TALLY_FILE == null) {
      return;
    }
    try {
      Files.createDirectories(TALLY_FILE.getParent());
      Files.writeString(
          TALLY_FILE,
          VALIDATED.get() + " " + DEVIATIONS.get() + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Responses checked, and those that deviated, by this class loader's copy of the check. */
  static long[] counts() {
    return new long[] {VALIDATED.get(), DEVIATIONS.get()};
  }
}
