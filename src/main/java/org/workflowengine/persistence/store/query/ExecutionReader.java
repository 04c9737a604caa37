package org.workflowengine.persistence.store.query;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.workflowengine.persistence.model.TaskLogLine;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;

/**
 * Every read of executions the store's facade offers: one whole, a task's log, a page of summaries
 * and a count. The facade ({@code store.ExecutionStore}) documents each for its callers.
 */
@Dependent
public class ExecutionReader {

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Inject ExecutionAssembler assembler;

  @Inject RunCounts runCounts;

  /** The execution with this id, whole, if stored. */
  public Optional<WorkflowExecution> find(String id) {
    WorkflowExecution row = id == null ? null : em.find(WorkflowExecution.class, id);
    return row == null ? Optional.empty() : Optional.of(assembler.whole(row));
  }

  /** The execution with this id, whole; {@link ExecutionNotFoundException} if there is none. */
  public WorkflowExecution get(String id) {
    return assembler.whole(require(id));
  }

  /** The stored execution's row, not assembled, if any. */
  public Optional<WorkflowExecution> row(String id) {
    return Optional.ofNullable(id == null ? null : em.find(WorkflowExecution.class, id));
  }

  /** A live execution's row, whole (snapshot, tasks, audit trail, logs, errors). */
  public WorkflowExecution whole(WorkflowExecution row) {
    return assembler.whole(row);
  }

  /** The stored execution's row, not assembled; {@link ExecutionNotFoundException} if none. */
  public WorkflowExecution require(String id) {
    WorkflowExecution row = id == null ? null : em.find(WorkflowExecution.class, id);
    if (row == null) {
      throw new ExecutionNotFoundException(id);
    }
    return row;
  }

  /** A task's log lines in order; the execution must exist. */
  public List<TaskLogLine> logLines(String id, String taskId) {
    require(id);
    return em.createNamedQuery("TaskLogLine.findByExecutionAndTask", TaskLogLine.class)
        .setParameter("executionId", id)
        .setParameter("taskId", taskId)
        .getResultList();
  }

  /** One page of summaries matching {@code query}, newest first, with the next page's cursor. */
  public ExecutionPage list(ExecutionQuery query) {
    ExecutionCriteria criteria = ExecutionCriteria.of(query);
    if (query.cursor() != null) {
      ExecutionCursor after = ExecutionCursor.decode(query);
      criteria.olderThan(after.createdAt(), after.id());
    }
    List<ExecutionSummary> rows =
        criteria
            .query(em, ExecutionCriteria.SUMMARIES, criteria.newestFirst(), ExecutionSummary.class)
            .setMaxResults(query.limit() + 1)
            .getResultList();
    if (rows.size() <= query.limit()) {
      assembler.attachLabels(rows);
      return new ExecutionPage(rows, null);
    }
    List<ExecutionSummary> page = rows.subList(0, query.limit());
    assembler.attachLabels(page);
    return new ExecutionPage(
        page, ExecutionCursor.after(query, page.get(page.size() - 1)).encode());
  }

  /** How many executions match {@code query}, its limit and cursor aside. */
  public long count(ExecutionQuery query) {
    return ExecutionCriteria.of(query)
        .query(em, "SELECT COUNT(e)", "", Long.class)
        .getSingleResult();
  }

  /**
   * How many executions match {@code query} (its limit and cursor aside), split by {@code
   * grouping}; the total is the groups' sum. Where the database keeps run counts ({@link
   * RunCounts}) and the query's conditions are among theirs, the whole hours of its range are read
   * from them and only its part hours from the runs.
   */
  public ExecutionCounts count(ExecutionQuery query, CountGrouping grouping) {
    if (!runCounts.answers(query, grouping)) {
      return counts(grouping, rowCounts(query, grouping));
    }
    Instant after = query.createdAfter();
    Instant before = query.createdBefore();
    Instant from = after == null ? null : RunCounts.hourCeiling(after);
    Instant to = before == null ? null : before.truncatedTo(ChronoUnit.HOURS);
    if (from != null && to != null && !from.isBefore(to)) {
      return counts(grouping, rowCounts(query, grouping));
    }
    Map<Optional<String>, Long> groups = new HashMap<>(runCounts.count(query, grouping, from, to));
    if (after != null && after.isBefore(from)) {
      rowCounts(query.withCreated(after, from), grouping)
          .forEach((key, count) -> groups.merge(key, count, Long::sum));
    }
    if (before != null && to.isBefore(before)) {
      rowCounts(query.withCreated(to, before), grouping)
          .forEach((key, count) -> groups.merge(key, count, Long::sum));
    }
    return counts(grouping, groups);
  }

  /** The counts as an answer: every non-empty group, largest first, null last. */
  private static ExecutionCounts counts(
      CountGrouping grouping, Map<Optional<String>, Long> counted) {
    long total = counted.values().stream().mapToLong(Long::longValue).sum();
    if (grouping.kind() == CountGrouping.Kind.NONE) {
      return new ExecutionCounts(total, List.of());
    }
    List<ExecutionCounts.Group> groups = new ArrayList<>();
    counted.forEach(
        (key, count) -> {
          if (count != 0) {
            groups.add(new ExecutionCounts.Group(key.orElse(null), count));
          }
        });
    groups.sort(
        Comparator.comparingLong(ExecutionCounts.Group::getCount)
            .reversed()
            .thenComparing(
                ExecutionCounts.Group::getKey, Comparator.nullsLast(Comparator.naturalOrder())));
    return new ExecutionCounts(total, groups);
  }

  /**
   * The counts of {@code query}'s runs read from the runs: one aggregate query, and for a label's
   * groups a second that counts the executions without the label.
   */
  private Map<Optional<String>, Long> rowCounts(ExecutionQuery query, CountGrouping grouping) {
    String select =
        switch (grouping.kind()) {
          case NONE -> null;
          case STATUS -> "SELECT e.status, COUNT(e)";
          case WORKFLOW_NAME -> "SELECT e.workflowName, COUNT(e)";
          case SUCCESS -> "SELECT e.success, COUNT(e)";
          case LABEL -> "SELECT g.labelValue, COUNT(e)";
        };
    Map<Optional<String>, Long> groups = new HashMap<>();
    if (select == null) {
      groups.put(Optional.empty(), count(query));
      return groups;
    }
    ExecutionCriteria criteria = ExecutionCriteria.of(query);
    String groupBy = " GROUP BY " + select.substring("SELECT ".length(), select.indexOf(','));
    if (grouping.kind() == CountGrouping.Kind.LABEL) {
      criteria.join(
          "ExecutionLabel g",
          "g.executionId = e.id AND g.labelKey = :groupKey",
          "groupKey",
          grouping.labelKey());
    }
    for (Object[] row : criteria.query(em, select, groupBy, Object[].class).getResultList()) {
      groups.merge(Optional.ofNullable(key(row[0])), ((Number) row[1]).longValue(), Long::sum);
    }
    if (grouping.kind() == CountGrouping.Kind.LABEL) {
      long without =
          ExecutionCriteria.of(query)
              .with(
                  "NOT EXISTS (SELECT n.labelKey FROM ExecutionLabel n"
                      + " WHERE n.executionId = e.id AND n.labelKey = :withoutKey)",
                  "withoutKey",
                  grouping.labelKey())
              .query(em, "SELECT COUNT(e)", "", Long.class)
              .getSingleResult();
      groups.merge(Optional.empty(), without, Long::sum);
    }
    return groups;
  }

  private static String key(Object value) {
    if (value instanceof WorkflowStatus status) {
      return status.wireName();
    }
    return value == null ? null : value.toString();
  }
}
