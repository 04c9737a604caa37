package org.workflowengine.persistence.store.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.WorkflowHistory;
import org.workflowengine.persistence.store.WorkflowInsight;
import org.workflowengine.persistence.store.archive.Archiver;
import org.workflowengine.persistence.store.retention.Retention;
import org.workflowengine.persistence.store.retention.RetentionPolicy;
import org.workflowengine.persistence.store.transfer.ExecutionTransfer;

/** Every public method of the facade is a documented operation: none is left out of the table. */
class OperationsTest {

  private static final Set<String> DOCUMENTED =
      Set.of(
          "record",
          "replace",
          "append",
          "task",
          "transition",
          "label",
          "delete",
          "read",
          "list",
          "count",
          "stats",
          "history",
          "register",
          "verify",
          "export",
          "import",
          "purge",
          "archive",
          "restore");

  @Test
  void everyPublicMethodOfTheFacadeIsADocumentedOperation() throws Exception {
    for (Class<?> bean :
        new Class<?>[] {ExecutionStore.class, WorkflowHistory.class, WorkflowInsight.class}) {
      for (Method method : bean.getDeclaredMethods()) {
        if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
          continue;
        }
        Operations.Operation operation = Operations.of(method);
        if (method.equals(ExecutionStore.class.getMethod("save", WorkflowExecution.class))) {
          assertThat(Operations.measured(operation)).as("measured where it delegates").isFalse();
          continue;
        }
        assertThat(DOCUMENTED).as(method.toString()).contains(operation.name());
      }
    }
  }

  @Test
  void aSaveIsARecordWhenItCreatedAndTheJobsAreTheirOwnOperations() throws Exception {
    Operations.Operation save =
        Operations.of(ExecutionStore.class.getMethod("save", WorkflowExecution.class, Long.class));
    assertThat(save).isEqualTo(new Operations.Operation("replace", "record"));
    assertThat(Operations.of(Retention.class.getMethod("purge", RetentionPolicy.class)).name())
        .isEqualTo("purge");
    assertThat(
            Operations.of(Archiver.class.getMethod("archive", java.util.Collection.class)).name())
        .isEqualTo("archive");
    assertThat(
            Operations.of(ExecutionTransfer.class.getMethod("importFrom", java.nio.file.Path.class))
                .name())
        .isEqualTo("import");
    assertThat(
            Operations.measured(
                Operations.of(Retention.class.getMethod("scopes", RetentionPolicy.class))))
        .as("a step of a purge")
        .isFalse();
  }
}
