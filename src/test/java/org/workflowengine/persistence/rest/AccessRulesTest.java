package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.testing.ResourceMethods;

/**
 * The access policy, read off the resource methods: reads need {@code reader}, writes {@code
 * writer}, what deletes, restores from the archive or brings in data in bulk {@code admin}; no
 * operation is open.
 */
class AccessRulesTest {

  @Test
  void theNamedResourcesAreAllThereAre() {
    assertThat(ResourceMethods.all().stream().map(Object::toString))
        .containsExactlyInAnyOrderElementsOf(
            ResourceMethods.scanned().stream().map(Object::toString).toList());
  }

  @Test
  void everyOperationNeedsTheRoleOfItsKind() {
    var operations = ResourceMethods.all();

    assertThat(operations).hasSize(32);
    for (ResourceMethods.Operation operation : operations) {
      RoleRequired required = operation.method().getAnnotation(RoleRequired.class);

      assertThat(required).as(operation + " names its role").isNotNull();
      assertThat(required.value()).as(operation.toString()).isEqualTo(expectedRole(operation));
    }
  }

  private static String expectedRole(ResourceMethods.Operation operation) {
    if (operation.path().equals("/api/metrics")) {
      return Roles.METRICS; // and no role of the data API
    }
    if (operation.verb().equals("GET")) {
      return Roles.READER;
    }
    if (operation.path().startsWith("/api/executions/{id}/labels/")) {
      return Roles.WRITER; // a label is the writer's to set and remove
    }
    if (operation.verb().equals("DELETE")
        || operation.path().equals("/api/import")
        || operation.path().equals("/api/executions/{id}/restore")) {
      return Roles.ADMIN;
    }
    return Roles.WRITER;
  }
}
