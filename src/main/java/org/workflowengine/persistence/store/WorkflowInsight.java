package org.workflowengine.persistence.store;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.store.insight.RunGrid;
import org.workflowengine.persistence.store.insight.StatsBucket;
import org.workflowengine.persistence.store.insight.WorkflowStatistics;
import org.workflowengine.persistence.store.insight.WorkflowStats;
import org.workflowengine.persistence.store.metrics.MeasuredOperations;
import org.workflowengine.persistence.store.query.CountGrouping;
import org.workflowengine.persistence.store.query.ExecutionCounts;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.query.ExecutionReader;

/**
 * How workflows are doing: exact counts of any selection of executions, grouped by status,
 * workflow, outcome or a label's value, and a workflow's trends per hour, day or week. Other
 * modules {@code @Inject} or {@code @EJB} it; each call reads in one transaction.
 */
@Stateless
@Interceptors({MeasuredOperations.class, DatabaseFailures.class})
public class WorkflowInsight {

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Inject ExecutionReader reader;

  @Inject WorkflowStatistics statistics;

  /**
   * How many executions match {@code query} (its limit and cursor aside), split by {@code
   * grouping}: every group with at least one execution, largest first, summing to the total.
   */
  public ExecutionCounts count(ExecutionQuery query, CountGrouping grouping) {
    return reader.count(query, grouping);
  }

  /**
   * How {@code workflowName} did per {@code bucket} from the start of the bucket holding {@code
   * from} to the end of the one holding the instant before {@code to}; every bucket is present,
   * empty ones with zero runs.
   *
   * @throws InvalidQueryException naming {@code from} if it is not before {@code to}, or {@code
   *     bucket} if the range holds more than {@value WorkflowStatistics#MAX_BUCKETS} buckets
   */
  public WorkflowStats stats(String workflowName, Instant from, Instant to, StatsBucket bucket) {
    return statistics.of(workflowName, from, to, bucket);
  }

  /**
   * The newest {@code runs} runs of {@code workflowName} with their task records' status and times:
   * what a grid of runs × tasks is drawn from.
   *
   * @throws InvalidQueryException naming {@code runs} unless it is 1 to {@value
   *     WorkflowStatistics#MAX_GRID_RUNS}
   */
  public RunGrid grid(String workflowName, int runs) {
    return statistics.grid(workflowName, runs);
  }

  /** Whether {@code workflowName} has at least one stored execution. */
  public boolean ran(String workflowName) {
    return !em.createQuery(
            "SELECT e.id FROM WorkflowExecution e WHERE e.workflowName = :name", String.class)
        .setParameter("name", workflowName)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }
}
