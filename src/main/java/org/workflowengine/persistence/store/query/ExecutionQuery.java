package org.workflowengine.persistence.store.query;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.workflowengine.persistence.json.UnicodeText;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.error.InvalidQueryException;

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
 * @param labels only executions matching every one of these label conditions (empty: any)
 * @param errorContains only executions with a recorded error whose message contains this text,
 *     ignoring case: {@value #MIN_SEARCH} to {@value #MAX_SEARCH} characters
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param cursor {@link ExecutionPage#getNextCursor()} of the previous page, or null for the first
 * @param archived live executions, archived ones, or both (the default)
 */
public record ExecutionQuery(
    String workflowName,
    Set<WorkflowStatus> statuses,
    Boolean success,
    Instant createdAfter,
    Instant createdBefore,
    Instant completedAfter,
    Instant completedBefore,
    List<LabelSelector> labels,
    String errorContains,
    int limit,
    String cursor,
    Archived archived) {

  /** Which executions a query selects by where they live: the database or the archive. */
  public enum Archived {
    /** Live and archived executions alike (the default). */
    INCLUDE,
    /** Live executions only. */
    EXCLUDE,
    /** Archived executions only. */
    ONLY;

    /** The wire name: {@code include}, {@code exclude}, {@code only}. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The value of {@code archived=…}, or null for an unknown one. */
    public static Archived fromWire(String text) {
      for (Archived value : values()) {
        if (value.wireName().equals(text)) {
          return value;
        }
      }
      return null;
    }
  }

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** Most label conditions in one query (an execution has at most as many labels). */
  public static final int MAX_LABEL_CONDITIONS = 32;

  public static final int MIN_SEARCH = 3;
  public static final int MAX_SEARCH = 200;

  public ExecutionQuery {
    archived = archived == null ? Archived.INCLUDE : archived;
    statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(statuses);
    labels = labels == null ? List.of() : List.copyOf(labels);
    requireSearch(labels, errorContains);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidQueryException(
          "limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /**
   * The rules of the label conditions and the error search, wherever they select executions (a
   * listing, an export, a purge).
   *
   * @throws InvalidQueryException naming the parameter that breaks them
   */
  public static void requireSearch(List<LabelSelector> labels, String errorContains) {
    if (labels.size() > MAX_LABEL_CONDITIONS) {
      throw new InvalidQueryException(
          "label", "at most " + MAX_LABEL_CONDITIONS + " conditions, were " + labels.size());
    }
    if (errorContains != null) {
      int length = errorContains.codePointCount(0, errorContains.length());
      if (length < MIN_SEARCH || length > MAX_SEARCH || !UnicodeText.isStorable(errorContains)) {
        throw new InvalidQueryException(
            "error_contains",
            "must be "
                + MIN_SEARCH
                + " to "
                + MAX_SEARCH
                + " characters of valid Unicode text, was "
                + length
                + " characters");
      }
    }
  }

  /** The query without labels or error search (the constructor of earlier releases). */
  public ExecutionQuery(
      String workflowName,
      Set<WorkflowStatus> statuses,
      Boolean success,
      Instant createdAfter,
      Instant createdBefore,
      Instant completedAfter,
      Instant completedBefore,
      int limit,
      String cursor) {
    this(
        workflowName,
        statuses,
        success,
        createdAfter,
        createdBefore,
        completedAfter,
        completedBefore,
        null,
        null,
        limit,
        cursor,
        Archived.INCLUDE);
  }

  /** The query of every executions wherever it lives (the constructor of earlier releases). */
  public ExecutionQuery(
      String workflowName,
      Set<WorkflowStatus> statuses,
      Boolean success,
      Instant createdAfter,
      Instant createdBefore,
      Instant completedAfter,
      Instant completedBefore,
      List<LabelSelector> labels,
      String errorContains,
      int limit,
      String cursor) {
    this(
        workflowName,
        statuses,
        success,
        createdAfter,
        createdBefore,
        completedAfter,
        completedBefore,
        labels,
        errorContains,
        limit,
        cursor,
        Archived.INCLUDE);
  }

  /** Live executions, archived ones, or both (null: both). */
  public ExecutionQuery withArchived(Archived wanted) {
    return new ExecutionQuery(
        workflowName,
        statuses,
        success,
        createdAfter,
        createdBefore,
        completedAfter,
        completedBefore,
        labels,
        errorContains,
        limit,
        cursor,
        wanted);
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
        labels,
        errorContains,
        limit,
        cursor,
        archived);
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
        labels,
        errorContains,
        limit,
        cursor,
        archived);
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
        labels,
        errorContains,
        limit,
        cursor,
        archived);
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
        labels,
        errorContains,
        limit,
        cursor,
        archived);
  }

  public ExecutionQuery withCompleted(Instant after, Instant before) {
    return new ExecutionQuery(
        workflowName,
        statuses,
        success,
        createdAfter,
        createdBefore,
        after,
        before,
        labels,
        errorContains,
        limit,
        cursor,
        archived);
  }

  /** Only executions matching every one of {@code conditions}. */
  public ExecutionQuery withLabels(LabelSelector... conditions) {
    return withLabels(List.of(conditions));
  }

  /** Only executions matching every one of {@code conditions} (empty or null: any). */
  public ExecutionQuery withLabels(List<LabelSelector> conditions) {
    return new ExecutionQuery(
        workflowName,
        statuses,
        success,
        createdAfter,
        createdBefore,
        completedAfter,
        completedBefore,
        conditions,
        errorContains,
        limit,
        cursor,
        archived);
  }

  /** Only executions with an error whose message contains {@code text}, ignoring case. */
  public ExecutionQuery withErrorContaining(String text) {
    return new ExecutionQuery(
        workflowName,
        statuses,
        success,
        createdAfter,
        createdBefore,
        completedAfter,
        completedBefore,
        labels,
        text,
        limit,
        cursor,
        archived);
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
        labels,
        errorContains,
        size,
        cursor,
        archived);
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
        labels,
        errorContains,
        limit,
        position,
        archived);
  }
}
