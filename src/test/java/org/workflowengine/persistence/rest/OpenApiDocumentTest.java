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
        if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
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

  /**
   * What any operation can answer is documented on each, so that a generated client can read every
   * error and the tests' contract check (testing.OpenApiContract) holds every answer to it: a URL
   * that is not valid text or a parameter the rules refuse (400), no or refused credentials (401),
   * a missing role (403), an Accept it cannot serve (406), a fault (500), the database away (503);
   * and for a body, one too large (413) or of another media type (415). No {@code default}: it
   * would let any status through the check.
   */
  @Test
  void everyOperationDocumentsTheAnswersAnyOperationCanGive() {
    for (Described described : operations()) {
      Set<String> statuses = described.operation().getResponses().keySet();
      assertThat(statuses)
          .as(described.toString())
          .contains("400", "401", "403", "406", "500", "503")
          .doesNotContain("default");
      if (described.operation().getRequestBody() != null) {
        assertThat(statuses).as(described.toString()).contains("413", "415");
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
