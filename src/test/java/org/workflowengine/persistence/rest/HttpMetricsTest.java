package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.ResourceMethods;

/** The route label of each operation: its template, as the API's documents name it. */
class HttpMetricsTest {

  @Test
  void everyOperationsRouteIsItsDocumentedTemplate() {
    for (ResourceMethods.Operation operation : ResourceMethods.all()) {
      assertThat(HttpMetrics.route(operation.method().getDeclaringClass(), operation.method()))
          .as(operation.toString())
          .isEqualTo(operation.path());
    }
  }

  @Test
  void theRoutesAreFewWhateverThePaths() {
    Set<String> routes =
        ResourceMethods.all().stream()
            .map(
                operation ->
                    HttpMetrics.route(operation.method().getDeclaringClass(), operation.method()))
            .collect(Collectors.toSet());
    assertThat(routes)
        .hasSizeLessThan(30)
        .allSatisfy(route -> assertThat(route).startsWith("/api"));
  }
}
