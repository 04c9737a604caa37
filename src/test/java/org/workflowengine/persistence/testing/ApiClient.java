package org.workflowengine.persistence.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** A real HTTP client for the REST API of a deployed test application. */
public final class ApiClient implements AutoCloseable {

  private final Client client;
  private final WebTarget api;
  private final URI serverRoot;

  /**
   * As {@link TestUser#OPERATOR}, who holds every role.
   *
   * @param deployment the application's URL, as Arquillian injects it
   */
  public ApiClient(URL deployment) {
    this(deployment, TestUser.OPERATOR);
  }

  /** Sends {@code user}'s credentials with every request that does not set its own. */
  public ApiClient(URL deployment, TestUser user) {
    this(
        deployment,
        ClientBuilder.newClient()
            .register(
                (ClientRequestFilter)
                    request -> {
                      if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
                        request.getHeaders().add(HttpHeaders.AUTHORIZATION, user.authorization());
                      }
                    }),
        OpenApiContract.of(deployment));
  }

  /**
   * A client that sends no credentials: it breaks the document's security requirement on purpose,
   * and everything else of its exchanges is checked.
   */
  public static ApiClient anonymous(URL deployment) {
    return new ApiClient(
        deployment, ClientBuilder.newClient(), OpenApiContract.anonymous(deployment));
  }

  /**
   * Every exchange with the API is checked against the OpenAPI document the deployment serves
   * ({@link OpenApiContract}): a deviation fails the call.
   */
  private ApiClient(URL deployment, Client client, OpenApiContract contract) {
    client.register(contract);
    this.client = client;
    this.api = client.target(deployment.toExternalForm()).path("api");
    this.serverRoot = URI.create(deployment.toExternalForm()).resolve("/");
  }

  /** {@code /api/…} */
  public WebTarget api(String path) {
    return api.path(path);
  }

  /**
   * {@code /api/…} for a request that breaks the OpenAPI document on purpose — a body or parameter
   * the rules refuse, a media type the operation does not take or give, a method the path does not
   * have — with {@code why} it does: the request is not checked, its response is.
   */
  public WebTarget breaking(String path, String why) {
    return api.path(path).property(OpenApiContract.UNCHECKED_REQUEST, why);
  }

  /** An absolute URI the API handed out, such as a {@code Link}. */
  public WebTarget target(URI uri) {
    return client.target(uri);
  }

  /** A path of the server outside the application, such as {@code /health} or {@code /openapi}. */
  public WebTarget server(String path) {
    return client.target(serverRoot).path(path);
  }

  /**
   * {@code /health/…}: on the server root by default, elsewhere where the system property {@value
   * #HEALTH_URL} says (WildFly serves health on its management interface).
   */
  public WebTarget health(String path) {
    String configured = System.getProperty(HEALTH_URL);
    if (configured == null || configured.isBlank()) {
      return server("health").path(path);
    }
    return client.target(configured).path(path);
  }

  private static final String HEALTH_URL = "it.health.url";

  public Response post(String path, JsonStructure body) {
    return api(path).request().post(Entity.json(body.toString()));
  }

  public Response put(String path, JsonStructure body) {
    return api(path).request().put(Entity.json(body.toString()));
  }

  public Response get(String path) {
    return api(path).request().get();
  }

  /** A request carrying {@code If-Match}. */
  public Invocation.Builder ifMatch(String path, String etag) {
    return api(path).request().header(HttpHeaders.IF_MATCH, etag);
  }

  /** Creates the seed execution under {@code id}; fails the test unless it is stored. */
  public JsonObject createSeed(String id) {
    try (Response response = post("executions", seedExecution(id))) {
      if (response.getStatus() != 201) {
        throw new AssertionError(
            "creating "
                + id
                + " gave "
                + response.getStatus()
                + ": "
                + response.readEntity(String.class));
      }
      return json(response);
    }
  }

  /** The body of {@code response} as a JSON object. */
  public static JsonObject json(Response response) {
    return Json.createReader(new StringReader(response.readEntity(String.class))).readObject();
  }

  /** The seed fixture, under another id so that reruns never collide. */
  public static JsonObject seedExecution(String id) {
    try (InputStream in = ApiClient.class.getResourceAsStream("/fixtures/test-execution.json")) {
      String fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Json.createObjectBuilder(Executions.json(fixture)).add("id", id).build();
    } catch (IOException e) {
      throw new IllegalStateException("the seed fixture is missing", e);
    }
  }

  /** The seed fixture under {@code id}, Pending, not completed: ready to be moved along. */
  public static JsonObject pendingExecution(String id, String workflowName) {
    return Json.createObjectBuilder(seedExecution(id))
        .add("workflow_name", workflowName)
        .add("status", "Pending")
        .addNull("completed_at")
        .addNull("success")
        .build();
  }

  @Override
  public void close() {
    client.close();
  }
}
