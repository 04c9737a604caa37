package org.workflowengine.persistence.store;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.workflowengine.persistence.chain.ChainVerification;
import org.workflowengine.persistence.metrics.StoreMetrics;
import org.workflowengine.persistence.model.TaskIds;
import org.workflowengine.persistence.model.TaskLogLine;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.store.archive.ArchivedReads;
import org.workflowengine.persistence.store.archive.Archiver;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.store.query.ExecutionReader;
import org.workflowengine.persistence.store.write.ChainVerifier;
import org.workflowengine.persistence.store.write.ExecutionChanges;

/**
 * For {@link ExecutionStore}: what it does with one stored execution, from its rows while it is
 * live and from its archived object once it is archived — the one place that tells the two apart.
 */
@Dependent
public class StoredExecutions {

  @Inject StoreMetrics metrics;

  @Inject ExecutionReader reader;

  @Inject ExecutionChanges changes;

  @Inject ChainVerifier chains;

  @Inject ArchivedReads archived;

  @Inject Archiver archiver;

  Optional<WorkflowExecution> find(String id) {
    return reader.row(id).map(this::whole);
  }

  WorkflowExecution get(String id) {
    return whole(reader.require(id));
  }

  List<TaskLogLine> logLines(String id, String taskId) {
    if (!TaskIds.isValid(taskId)) {
      throw new InvalidQueryException("task_id", "must be " + TaskIds.RULE);
    }
    WorkflowExecution row = reader.require(id);
    return row.archived() ? archived.logLines(row, taskId) : reader.logLines(id, taskId);
  }

  ChainVerification verify(String id) {
    WorkflowExecution row = reader.require(id);
    ChainVerification verification = row.archived() ? archived.verify(row) : chains.verify(id);
    metrics.chainVerified(verification.valid());
    return verification;
  }

  void delete(String id, Long expectedVersion) {
    if (reader.row(id).map(WorkflowExecution::archived).orElse(false)) {
      archiver.delete(id, expectedVersion);
    } else {
      changes.delete(id, expectedVersion);
    }
  }

  WorkflowExecution restoreFromArchive(String id) {
    WorkflowExecution row = reader.require(id);
    return row.archived() ? archiver.restore(row) : reader.whole(row);
  }

  private WorkflowExecution whole(WorkflowExecution row) {
    return row.archived() ? archived.whole(row) : reader.whole(row);
  }
}
