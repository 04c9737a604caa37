package org.workflowengine.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workflowengine.persistence.testing.Executions.unique;
import static org.workflowengine.persistence.testing.Executions.uniqueSnapshot;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.model.SnapshotRef;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.snapshot.SnapshotContent;
import org.workflowengine.persistence.store.error.InvalidExecutionException;
import org.workflowengine.persistence.store.error.UnknownSnapshotException;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.retention.Retention;
import org.workflowengine.persistence.store.retention.RetentionPolicy;
import org.workflowengine.persistence.testing.Deployments;

/** A definition registered once ({@code ExecutionStore.snapshot}) and runs recorded by handle. */
@ExtendWith(ArquillianExtension.class)
class SnapshotHandleIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application();
  }

  @Inject ExecutionStore store;

  @Inject Retention retention;

  @Test
  void runsRecordedByHandleRunTheRegisteredDefinition() {
    JsonObject definition = uniqueSnapshot();
    SnapshotRef ref = store.snapshot(definition);
    assertThat(ref.hash()).isEqualTo(SnapshotContent.of(definition).hash());
    assertThat(store.registerSnapshot(definition).created()).as("registered before").isFalse();
    assertThat(store.snapshot(definition)).isEqualTo(ref);

    String workflow = unique("by-handle");
    WorkflowExecution created = store.create(WorkflowExecution.of(workflow, ref));
    assertThat(created.getSnapshotHash()).isEqualTo(ref.hash());
    assertThat(created.getWorkflowSnapshot()).isEqualTo(definition);
    WorkflowExecution read = store.get(created.getId());
    assertThat(read.getWorkflowSnapshot()).isEqualTo(definition);
    assertThat(store.verify(created.getId()).valid()).isTrue();

    // A replacement by handle: the run now names the other definition.
    JsonObject next = uniqueSnapshot();
    SnapshotRef nextRef = store.snapshot(next);
    read.setSnapshot(nextRef);
    read.setStatus(WorkflowStatus.RUNNING);
    WorkflowExecution replaced = store.save(read);
    assertThat(replaced.getSnapshotHash()).isEqualTo(nextRef.hash());
    assertThat(store.get(created.getId()).getWorkflowSnapshot()).isEqualTo(next);
  }

  @Test
  void aHandleWhoseSnapshotWasPurgedIsRefusedAndNothingIsStored() {
    JsonObject unused = uniqueSnapshot();
    SnapshotRef ref = store.snapshot(unused);
    // A purge removes every snapshot no execution runs, this one included.
    retention.purge(
        new RetentionPolicy(
            null, null, unique("nothing"), 0, false, RetentionPolicy.DEFAULT_BATCH_SIZE));
    assertThat(store.findSnapshot(ref.hash())).isEmpty();

    String workflow = unique("purged-handle");
    assertThatThrownBy(() -> store.create(WorkflowExecution.of(workflow, ref)))
        .isInstanceOf(UnknownSnapshotException.class)
        .hasMessageContaining(ref.hash());
    assertThat(store.count(ExecutionQuery.all().withWorkflowName(workflow))).isZero();
    assertThat(store.findSnapshot(ref.hash())).as("never re-stored from a copy").isEmpty();

    SnapshotRef again = store.snapshot(unused);
    assertThat(store.create(WorkflowExecution.of(workflow, again)).getWorkflowSnapshot())
        .isEqualTo(unused);
  }

  @Test
  void aHandleIsAHashAndADefinitionFollowsTheModelsRules() {
    assertThatThrownBy(() -> new SnapshotRef("not-a-hash"))
        .isInstanceOf(IllegalArgumentException.class);
    JsonObject tooDeep = Json.createObjectBuilder().build();
    for (int i = 0; i < 600; i++) {
      tooDeep = Json.createObjectBuilder().add("d", tooDeep).build();
    }
    JsonObject deep = tooDeep;
    assertThatThrownBy(() -> store.snapshot(deep))
        .isInstanceOf(InvalidExecutionException.class)
        .hasMessageContaining("workflow_snapshot");
  }
}
