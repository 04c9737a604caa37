package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.ResourceMethods;

/**
 * The OpenAPI document (META-INF/openapi.json, which both servers serve as it stands:
 * OpenApiAndHealthIT checks that) read by swagger-parser, as client generators read it: no message
 * at all, every operation of the resource classes and no other, each with a unique operationId,
 * typed bodies and problem+json errors.
 */
class OpenApiDocumentTest {

  static final Path DOCUMENT =
      Path.of("src", "main", "webapp", "WEB-INF", "classes", "META-INF", "openapi.json");

  private static SwaggerParseResult parsed;

  @BeforeAll
  static void parse() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    parsed = new OpenAPIV3Parser().readLocation(DOCUMENT.toUri().toString(), null, options);
  }

  @Test
  void swaggerParserHasNothingToSay() {
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI()).isNotNull();
  }

  @Test
  void itDescribesExactlyTheOperationsOfTheResourceClasses() {
    Set<String> described = new TreeSet<>();
    operations().forEach(o -> described.add(o.verb() + " " + o.path()));
    Set<String> implemented = new TreeSet<>();
    ResourceMethods.all().forEach(o -> implemented.add(o.verb() + " " + o.path()));

    assertThat(described).isEqualTo(implemented);
  }

  @Test
  void everyOperationHasAUniqueMeaningfulId() {
    List<String> ids = operations().stream().map(o -> o.operation().getOperationId()).toList();

    assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(ids)
        .contains(
            "createExecution", "getExecution", "listExecutions", "appendLogLines", "diffSnapshots");
  }

  @Test
  void everyBodyIsTypedAndEveryErrorIsAProblem() {
    for (Described described : operations()) {
      Operation operation = described.operation();
      if (operation.getRequestBody() != null) {
        operation
            .getRequestBody()
            .getContent()
            .forEach(
                (type, media) ->
                    assertThat(media.getSchema()).as(described + " request " + type).isNotNull());
      }
      for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
        Map<String, MediaType> content = response.getValue().getContent();
        if (response.getKey().startsWith("4")) {
          assertThat(content)
              .as(described + " " + response.getKey())
              .containsOnlyKeys("application/problem+json");
        }
        if (content != null) {
          content.forEach(
              (type, media) ->
                  assertThat(media.getSchema())
                      .as(described + " " + response.getKey() + " " + type)
                      .isNotNull());
        }
      }
    }
  }

  @Test
  void theStatusIsAStringEnumOfTheWireSpellings() {
    OpenAPI document = parsed.getOpenAPI();
    var status = document.getComponents().getSchemas().get("WorkflowStatus");

    assertThat(status.getType()).isEqualTo("string");
    assertThat(status.getEnum())
        .containsExactly("Pending", "Running", "Paused", "Complete", "Failed", "Cancelled");
    assertThat(
            document.getComponents().getSchemas().get("WorkflowExecution").getProperties().keySet())
        .contains("workflow_name", "workflow_snapshot", "audit_trail", "per_task_logs")
        .doesNotContain("workflowName");
  }

  private record Described(String verb, String path, Operation operation) {
    @Override
    public String toString() {
      return verb + " " + path;
    }
  }

  private static List<Described> operations() {
    List<Described> operations = new ArrayList<>();
    for (Map.Entry<String, PathItem> path : parsed.getOpenAPI().getPaths().entrySet()) {
      path.getValue()
          .readOperationsMap()
          .forEach(
              (verb, operation) ->
                  operations.add(new Described(verb.name(), path.getKey(), operation)));
    }
    return operations;
  }
}
