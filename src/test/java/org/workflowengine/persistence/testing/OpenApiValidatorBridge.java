package org.workflowengine.persistence.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.util.OpenApiLoader;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The half of {@link OpenApiContract} that uses swagger-request-validator. It runs in a class
 * loader of its own (see {@link OpenApiContract}), so it speaks to the other half in JDK types
 * only: it is built from the document's text, and {@link #apply} takes one exchange as a map (the
 * keys are {@link OpenApiContract}'s) and answers the deviations found, none when it conforms. It
 * uses no other class of this package: those belong to the other class loader.
 *
 * <p>Besides what the validator checks (operation, parameters, request body, status, media type,
 * headers, JSON bodies; an object may carry no property its schema does not name), a body of a
 * media type that is a sequence of JSON values — {@code application/x-ndjson}, whose media type
 * object names the schema of one line in {@value #ITEM_SCHEMA}, as OpenAPI 3.2's {@code itemSchema}
 * does — is checked line by line. An exchange on a path of the document with a method it does not
 * have (a test's deliberate {@code PATCH}) is checked for what every answer must be: a {@code
 * Problem}.
 */
public final class OpenApiValidatorBridge implements Function<Map<String, Object>, List<String>> {

  /** The media type object's extension that names one line's schema ({@code $ref}). */
  static final String ITEM_SCHEMA = "x-itemSchema";

  private final OpenAPI api;
  private final OpenApiInteractionValidator validator;
  private final ApiOperationResolver operations;
  private final SchemaValidator schemas;

  /**
   * @param document the OpenAPI document, JSON or YAML
   */
  public OpenApiValidatorBridge(String document) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    options.setResolveCombinators(false);
    api =
        new OpenApiLoader()
            .loadApi(OpenApiInteractionValidator.SpecSource.inline(document), List.of(), options);
    // Every message is an error: a query parameter the document does not name too (by default
    // the validator ignores those).
    LevelResolver levels =
        LevelResolver.create().withDefaultLevel(ValidationReport.Level.ERROR).build();
    MessageResolver messages = new MessageResolver(levels);
    schemas = new SchemaValidator(api, messages);
    validator =
        OpenApiInteractionValidator.createFor(api)
            .withLevelResolver(levels)
            .withCustomRequestValidation(
                (request, operation) -> requestLines(request, operation.getOperation()))
            .withCustomResponseValidation(this::responseLines)
            .build();
    operations = new ApiOperationResolver(api, null, false);
  }

  @Override
  public List<String> apply(Map<String, Object> exchange) {
    String method = ((String) exchange.get("method")).toUpperCase(Locale.ROOT);
    String path = (String) exchange.get("path");
    boolean checkRequest = Boolean.TRUE.equals(exchange.get("checkRequest"));
    @SuppressWarnings("unchecked")
    List<String> waived = (List<String>) exchange.getOrDefault("waived", List.of());

    Request.Method verb = Request.Method.valueOf(method);
    SimpleRequest request = request(verb, path, exchange);
    SimpleResponse response = response(exchange);

    ApiOperationMatch match = operations.findApiOperation(path, verb);
    if (!match.isPathFound() || !match.isOperationAllowed()) {
      if (checkRequest) {
        return List.of(
            method
                + " "
                + path
                + " is not an operation of the document: a test that means to send it says so");
      }
      return problemOnly(exchange);
    }

    ValidationReport report =
        checkRequest
            ? validator.validate(request, response)
            : validator.validateResponse(path, verb, response);
    boolean emptySequence =
        (response.getResponseBody().isEmpty() || text(response.getResponseBody().get()).isEmpty())
            && isSequence(match.getApiOperation(), response);
    List<String> deviations = new ArrayList<>();
    for (ValidationReport.Message message : report.getMessages()) {
      if (emptySequence && message.getKey().equals("validation.response.body.missing")) {
        continue; // no line at all: an empty export is a sequence of no values
      }
      if (message.getLevel() != ValidationReport.Level.ERROR
          && message.getLevel() != ValidationReport.Level.WARN) {
        continue;
      }
      if (waived.stream().anyMatch(key -> message.getKey().startsWith(key))) {
        continue;
      }
      StringBuilder line = new StringBuilder(message.getKey()).append(": ");
      line.append(message.getMessage());
      for (String info : message.getAdditionalInfo()) {
        line.append(" [").append(info).append(']');
      }
      deviations.add(line.toString());
    }
    return deviations;
  }

  private static SimpleRequest request(Request.Method verb, String path, Map<String, Object> x) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(verb, path);
    headers(x, "requestHeaders").forEach(request::withHeader);
    String query = (String) x.get("query");
    if (query != null && !query.isEmpty()) {
      Map<String, List<String>> parameters = new LinkedHashMap<>();
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
      parameters.forEach(request::withQueryParam);
    }
    String body = (String) x.get("requestBody");
    if (body != null) {
      request.withBody(body);
    }
    return request.build();
  }

  private static SimpleResponse response(Map<String, Object> x) {
    SimpleResponse.Builder response = new SimpleResponse.Builder((Integer) x.get("status"));
    headers(x, "responseHeaders").forEach(response::withHeader);
    String body = (String) x.get("responseBody");
    if (body != null && !body.isEmpty()) {
      response.withBody(body);
    }
    return response.build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> headers(Map<String, Object> x, String key) {
    return (Map<String, List<String>>) x.getOrDefault(key, Map.of());
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- sequences of JSON values

  /** Whether the response's media type is one the operation documents as a sequence of values. */
  private static boolean isSequence(
      ApiOperation operation, com.atlassian.oai.validator.model.Response response) {
    ApiResponse answer =
        operation.getOperation().getResponses().get(Integer.toString(response.getStatus()));
    if (answer == null || answer.getContent() == null || response.getContentType().isEmpty()) {
      return false;
    }
    MediaType media =
        answer
            .getContent()
            .get(response.getContentType().get().split(";")[0].trim().toLowerCase(Locale.ROOT));
    return itemSchema(media) != null;
  }

  /** The item schema of {@code media}: on its schema (as the document has it) or on itself. */
  private static Object itemSchema(MediaType media) {
    if (media == null) {
      return null;
    }
    if (media.getSchema() != null
        && media.getSchema().getExtensions() != null
        && media.getSchema().getExtensions().containsKey(ITEM_SCHEMA)) {
      return media.getSchema().getExtensions().get(ITEM_SCHEMA);
    }
    return media.getExtensions() == null ? null : media.getExtensions().get(ITEM_SCHEMA);
  }

  private ValidationReport requestLines(Request request, io.swagger.v3.oas.models.Operation op) {
    RequestBody body = op.getRequestBody();
    if (body == null || request.getRequestBody().isEmpty()) {
      return ValidationReport.empty();
    }
    return lines(
        body.getContent(),
        request.getContentType(),
        text(request.getRequestBody().get()),
        "request.body");
  }

  private ValidationReport responseLines(
      com.atlassian.oai.validator.model.Response response, ApiOperation operation) {
    ApiResponse answer =
        operation.getOperation().getResponses().get(Integer.toString(response.getStatus()));
    if (answer == null || response.getResponseBody().isEmpty()) {
      return ValidationReport.empty();
    }
    return lines(
        answer.getContent(),
        response.getContentType(),
        text(response.getResponseBody().get()),
        "response.body");
  }

  private static String text(com.atlassian.oai.validator.model.Body body) {
    try {
      return body.toString(StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Each line of {@code body} against the item schema its media type names, if it names one. */
  private ValidationReport lines(
      Content content, Optional<String> contentType, String body, String where) {
    if (content == null || contentType.isEmpty()) {
      return ValidationReport.empty();
    }
    String type = contentType.get().split(";")[0].trim().toLowerCase(Locale.ROOT);
    MediaType media = content.get(type);
    if (media == null) {
      return ValidationReport.empty();
    }
    Object item = itemSchema(media);
    if (!(item instanceof Map<?, ?> reference) || !(reference.get("$ref") instanceof String ref)) {
      return ValidationReport.empty();
    }
    Schema<?> schema =
        api.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
    if (schema == null) {
      return ValidationReport.singleton(
          ValidationReport.Message.create(
                  "validation.contract.itemSchema", ITEM_SCHEMA + " names no schema: " + ref)
              .build());
    }
    ValidationReport report = ValidationReport.empty();
    String[] lines = body.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty() && i == lines.length - 1) {
        continue; // the newline that ends the last line
      }
      int number = i + 1;
      ValidationReport line = schemas.validate(lines[i], schema, where + ".line");
      report =
          report.merge(
              ValidationReport.from(
                  line.getMessages().stream()
                      .map(m -> m.withAdditionalInfo("line " + number))
                      .toList()));
    }
    return report;
  }

  // ---------------------------------------------------------------- no operation

  /** An answer to a method the path does not have: a problem, as every refusal is. */
  private List<String> problemOnly(Map<String, Object> exchange) {
    Collection<String> types =
        headers(exchange, "responseHeaders").entrySet().stream()
            .filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
            .flatMap(h -> h.getValue().stream())
            .toList();
    int status = (Integer) exchange.get("status");
    List<String> deviations = new ArrayList<>();
    if (status < 400) {
      deviations.add("a method the document does not have was answered " + status);
    }
    if (types.stream().noneMatch(t -> t.startsWith("application/problem+json"))) {
      deviations.add("a refusal of a method the document does not have is not problem+json");
      return deviations;
    }
    ValidationReport report =
        schemas.validate(
            String.valueOf(exchange.get("responseBody")),
            api.getComponents().getSchemas().get("Problem"),
            "response.body");
    report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .forEach(m -> deviations.add(m.getKey() + ": " + m.getMessage()));
    return deviations;
  }
}
