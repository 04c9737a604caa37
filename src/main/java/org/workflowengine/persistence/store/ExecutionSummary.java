package org.workflowengine.persistence.store;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.model.WorkflowStatusAdapter;

/**
 * An execution as listed: its indexed columns only, never the snapshot, tasks, logs or other large
 * columns.
 */
public record ExecutionSummary(
    @JsonbProperty("id") String id,
    @JsonbProperty("workflow_name") String workflowName,
    @JsonbProperty("status") @JsonbTypeAdapter(WorkflowStatusAdapter.class) WorkflowStatus status,
    @JsonbProperty("created_at") Instant createdAt,
    @JsonbProperty("completed_at") Instant completedAt,
    @JsonbProperty("success") Boolean success,
    @JsonbProperty("timestamp") Instant timestamp,
    @JsonbProperty("version") Long version,
    @JsonbProperty("snapshot_hash") String snapshotHash) {}
