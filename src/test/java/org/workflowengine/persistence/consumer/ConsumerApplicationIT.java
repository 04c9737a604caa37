package org.workflowengine.persistence.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.testing.Deployments;

/**
 * Another application uses the store through its published JAR: a WAR of its own, holding its bean
 * and {@code workflow-persistence-store.jar} with that JAR's dependencies, nothing else.
 */
@ExtendWith(ArquillianExtension.class)
class ConsumerApplicationIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.consumer(EngineService.class.getPackageName());
  }

  @Inject EngineService engine;

  @Inject ExecutionStore store;

  @Test
  void aConsumerBeanDrivesALifecycleThroughTheInjectedStore() {
    String name = "consumer-" + UUID.randomUUID();

    String id = engine.runWorkflow(name);

    WorkflowExecution stored = store.get(id);
    assertThat(stored.getWorkflowName()).isEqualTo(name);
    assertThat(stored.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(stored.getSuccess()).isTrue();
    assertThat(stored.getPerTaskLogs()).isEqualTo(Map.of("only", List.of("done")));
    assertThat(stored.getAuditTrail()).extracting(a -> a.getAction()).containsExactly("finished");
  }
}
