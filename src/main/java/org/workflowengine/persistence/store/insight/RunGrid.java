package org.workflowengine.persistence.store.insight;

import java.time.Instant;
import java.util.List;
import org.workflowengine.persistence.model.WorkflowStatus;

/**
 * A workflow's last runs by task, what a grid of runs × tasks is drawn from: each run's record and
 * its task records' status and times, without its definition, logs or errors.
 *
 * @param workflowName the workflow
 * @param taskIds every task id of these runs, in the order first met (newest run first, each run's
 *     tasks in their order)
 * @param runs the runs, newest first
 */
public record RunGrid(String workflowName, List<String> taskIds, List<Run> runs) {

  /**
   * One run of the grid.
   *
   * @param id its id
   * @param status its status
   * @param createdAt when it was created
   * @param completedAt when it finished, or null
   * @param snapshotHash the definition it ran
   * @param archived whether it lives in the archive (its task records then are not listed)
   * @param tasks its task records, in order
   */
  public record Run(
      String id,
      WorkflowStatus status,
      Instant createdAt,
      Instant completedAt,
      String snapshotHash,
      boolean archived,
      List<Task> tasks) {}

  /**
   * One task record of a run.
   *
   * @param taskId the task
   * @param status its status
   * @param startedAt when it started, or null
   * @param completedAt when it completed, or null
   * @param attempt its attempt number
   */
  public record Task(
      String taskId, WorkflowStatus status, Instant startedAt, Instant completedAt, int attempt) {}
}
