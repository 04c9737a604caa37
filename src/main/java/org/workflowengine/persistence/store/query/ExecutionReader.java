package org.workflowengine.persistence.store.query;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.workflowengine.persistence.model.TaskLogLine;
import org.workflowengine.persistence.model.WorkflowExecution;
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
}
