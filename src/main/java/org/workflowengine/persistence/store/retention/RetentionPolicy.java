package org.workflowengine.persistence.store.retention;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.query.LabelSelector;

/**
 * What a purge may delete. Only executions in a terminal status are ever deleted; the newest {@code
 * keepLast} executions of every workflow always stay.
 *
 * @param completedBefore only executions completed before this instant; null for any
 * @param statuses only these terminal statuses; empty for all three
 * @param workflowName only this workflow; null for all
 * @param labels only executions matching every one of these label conditions; empty for any
 * @param errorContains only executions with an error whose message contains this text, ignoring
 *     case; null for any
 * @param keepLast how many of each workflow's newest executions to keep, whatever they match
 * @param dryRun count what would go, delete nothing
 * @param batchSize executions deleted per transaction
 * @param archive when an archive is configured, move the executions into it instead of deleting
 *     them (the default); false deletes them outright, archived ones and their objects too
 */
public record RetentionPolicy(
    Instant completedBefore,
    Set<WorkflowStatus> statuses,
    String workflowName,
    List<LabelSelector> labels,
    String errorContains,
    int keepLast,
    boolean dryRun,
    int batchSize,
    boolean archive) {

  public static final int DEFAULT_BATCH_SIZE = 500;
  public static final int MAX_BATCH_SIZE = 10_000;

  public RetentionPolicy {
    statuses =
        statuses == null || statuses.isEmpty()
            ? EnumSet.of(WorkflowStatus.COMPLETE, WorkflowStatus.FAILED, WorkflowStatus.CANCELLED)
            : EnumSet.copyOf(statuses);
    for (WorkflowStatus status : statuses) {
      if (!status.isTerminal()) {
        throw new InvalidQueryException(
            "status", status + " is not terminal: only Complete, Failed and Cancelled are purged");
      }
    }
    labels = labels == null ? List.of() : List.copyOf(labels);
    // The same rules as a listing's: a purge selects what a listing with these filters shows.
    ExecutionQuery.requireSearch(labels, errorContains);
    if (keepLast < 0) {
      throw new InvalidQueryException("keep_last", "must be 0 or more, was " + keepLast);
    }
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new InvalidQueryException(
          "batch_size", "must be between 1 and " + MAX_BATCH_SIZE + ", was " + batchSize);
    }
  }

  /** A policy that archives when an archive is configured (the constructor of earlier releases). */
  public RetentionPolicy(
      Instant completedBefore,
      Set<WorkflowStatus> statuses,
      String workflowName,
      List<LabelSelector> labels,
      String errorContains,
      int keepLast,
      boolean dryRun,
      int batchSize) {
    this(
        completedBefore,
        statuses,
        workflowName,
        labels,
        errorContains,
        keepLast,
        dryRun,
        batchSize,
        true);
  }

  /** This policy, deleting outright ({@code false}) or archiving when it can ({@code true}). */
  public RetentionPolicy withArchive(boolean moveToArchive) {
    return new RetentionPolicy(
        completedBefore,
        statuses,
        workflowName,
        labels,
        errorContains,
        keepLast,
        dryRun,
        batchSize,
        moveToArchive);
  }

  /** A policy without label or error conditions (the constructor of earlier releases). */
  public RetentionPolicy(
      Instant completedBefore,
      Set<WorkflowStatus> statuses,
      String workflowName,
      int keepLast,
      boolean dryRun,
      int batchSize) {
    this(completedBefore, statuses, workflowName, null, null, keepLast, dryRun, batchSize);
  }

  /** A dry run over every terminal execution, keeping none in particular. */
  public static RetentionPolicy dryRunOfAll() {
    return new RetentionPolicy(null, null, null, 0, true, DEFAULT_BATCH_SIZE);
  }
}
