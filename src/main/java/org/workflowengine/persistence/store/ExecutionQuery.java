package org.workflowengine.persistence.store;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.workflowengine.persistence.model.WorkflowStatus;

/**
 * What to list or count: every criterion is optional, and all given criteria must hold. Results
 * come newest first ({@code created_at}, then id, descending), a page of {@link #limit()} at a time
 * after the position {@link #cursor()} names.
 *
 * @param workflowName only executions of this workflow
 * @param statuses only executions in one of these states (empty: any)
 * @param success only executions with this outcome
 * @param createdAfter created at or after (inclusive)
 * @param createdBefore created before (exclusive)
 * @param completedAfter completed at or after (inclusive)
 * @param completedBefore completed before (exclusive)
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param cursor {@link ExecutionPage#getNextCursor()} of the previous page, or null for the first
 */
public record ExecutionQuery(
    String workflowName,
    Set<WorkflowStatus> statuses,
    Boolean success,
    Instant createdAfter,
    Instant createdBefore,
    Instant completedAfter,
    Instant completedBefore,
    int limit,
    String cursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public ExecutionQuery {
    statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(statuses);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidQueryException(
          "limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** Everything, first page, default size. */
  public static ExecutionQuery all() {
    return new ExecutionQuery(null, null, null, null, null, null, null, DEFAULT_LIMIT, null);
  }

  public ExecutionQuery withWorkflowName(String name) {
    return new ExecutionQuery(
        name,
        statuses,
        success,
        createdAfter,
        createdBefore,
        completedAfter,
        completedBefore,
        limit,
        cursor);
  }

  public ExecutionQuery withStatuses(WorkflowStatus first, WorkflowStatus... more) {
    return withStatuses(EnumSet.of(first, more));
  }

  public ExecutionQuery withStatuses(Set<WorkflowStatus> wanted) {
    return new ExecutionQuery(
        workflowName,
        wanted,
        success,
        createdAfter,
        createdBefore,
        completedAfter,
        completedBefore,
        limit,
        cursor);
  }

  public ExecutionQuery withSuccess(Boolean wanted) {
    return new ExecutionQuery(
        workflowName,
        statuses,
        wanted,
        createdAfter,
        createdBefore,
        completedAfter,
        completedBefore,
        limit,
        cursor);
  }

  public ExecutionQuery withCreated(Instant after, Instant before) {
    return new ExecutionQuery(
        workflowName,
        statuses,
        success,
        after,
        before,
        completedAfter,
        completedBefore,
        limit,
        cursor);
  }

  public ExecutionQuery withCompleted(Instant after, Instant before) {
    return new ExecutionQuery(
        workflowName, statuses, success, createdAfter, createdBefore, after, before, limit, cursor);
  }

  public ExecutionQuery withLimit(int size) {
    return new ExecutionQuery(
        workflowName,
        statuses,
        success,
        createdAfter,
        createdBefore,
        completedAfter,
        completedBefore,
        size,
        cursor);
  }

  public ExecutionQuery withCursor(String position) {
    return new ExecutionQuery(
        workflowName,
        statuses,
        success,
        createdAfter,
        createdBefore,
        completedAfter,
        completedBefore,
        limit,
        position);
  }
}
