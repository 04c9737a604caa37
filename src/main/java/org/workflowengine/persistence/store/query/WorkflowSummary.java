package org.workflowengine.persistence.store.query;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** A workflow as the history knows it: how often it ran, when last, with how many definitions. */
@JsonbPropertyOrder({"workflowName", "runCount", "lastRunAt", "definitions"})
public final class WorkflowSummary {

  private final String workflowName;
  private final long runCount;
  private final Instant lastRunAt;
  private final long definitions;

  public WorkflowSummary(String workflowName, long runCount, Instant lastRunAt, long definitions) {
    this.workflowName = workflowName;
    this.runCount = runCount;
    this.lastRunAt = lastRunAt;
    this.definitions = definitions;
  }

  @JsonbProperty("workflow_name")
  public String getWorkflowName() {
    return workflowName;
  }

  @JsonbProperty("run_count")
  public long getRunCount() {
    return runCount;
  }

  /** Creation time of its newest execution. */
  @JsonbProperty("last_run_at")
  public Instant getLastRunAt() {
    return lastRunAt;
  }

  /** How many distinct snapshots (definitions) its executions ran. */
  @JsonbProperty("definitions")
  public long getDefinitions() {
    return definitions;
  }
}
