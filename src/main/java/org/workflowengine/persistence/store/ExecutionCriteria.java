package org.workflowengine.persistence.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where conditions on executions become JPQL: listing, counting, export and purge all
 * build their queries here, so a criterion means the same everywhere and keyset paging over {@code
 * (created_at, id)} is written once. Conditions are on {@code WorkflowExecution e}.
 */
final class ExecutionCriteria {

  /** Summaries read only the execution row's small, indexed columns. */
  static final String SUMMARIES =
      "SELECT NEW org.workflowengine.persistence.store.ExecutionSummary("
          + "e.id, e.workflowName, e.status, e.createdAt, e.completedAt, e.success,"
          + " e.timestamp, e.version, e.snapshotHash) FROM WorkflowExecution e";

  /** Newest first, the order of listings and of a workflow's kept executions. */
  static final String NEWEST_FIRST = " ORDER BY e.createdAt DESC, e.id DESC";

  /** Oldest first, the order of export and of purge batches. */
  static final String OLDEST_FIRST = " ORDER BY e.createdAt, e.id";

  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  private ExecutionCriteria() {}

  /** No condition: every execution. */
  static ExecutionCriteria none() {
    return new ExecutionCriteria();
  }

  /** The filters of {@code query} (its limit and cursor aside). */
  static ExecutionCriteria of(ExecutionQuery query) {
    return none()
        .workflowName(query.workflowName())
        .statuses(query.statuses())
        .with("e.success = :success", "success", query.success())
        .with("e.createdAt >= :createdAfter", "createdAfter", query.createdAfter())
        .with("e.createdAt < :createdBefore", "createdBefore", query.createdBefore())
        .with("e.completedAt >= :completedAfter", "completedAfter", query.completedAfter())
        .completedBefore(query.completedBefore());
  }

  ExecutionCriteria workflowName(String name) {
    return with("e.workflowName = :workflowName", "workflowName", name);
  }

  /** In one of {@code statuses}; no condition when empty. */
  ExecutionCriteria statuses(Collection<?> statuses) {
    return statuses.isEmpty()
        ? this
        : with("e.status IN :statuses", "statuses", new ArrayList<>(statuses));
  }

  ExecutionCriteria completedBefore(Instant instant) {
    return with("e.completedAt < :completedBefore", "completedBefore", instant);
  }

  /** Strictly before the execution at ({@code createdAt}, {@code id}) in newest-first order. */
  ExecutionCriteria olderThan(Instant createdAt, String id) {
    return keyset("<", createdAt, id);
  }

  /** Strictly after the execution at ({@code createdAt}, {@code id}) in oldest-first order. */
  ExecutionCriteria newerThan(Instant createdAt, String id) {
    return keyset(">", createdAt, id);
  }

  /** A condition on {@code e}, e.g. {@code e.snapshotHash > :afterHash}. */
  ExecutionCriteria with(String condition, String parameter, Object value) {
    if (value != null) {
      conditions.add(condition);
      parameters.put(parameter, value);
    }
    return this;
  }

  private ExecutionCriteria keyset(String direction, Instant createdAt, String id) {
    if (createdAt == null) {
      return this;
    }
    String at = "keyCreatedAt" + parameters.size();
    String key = "keyId" + parameters.size();
    conditions.add(
        String.format(
            "(e.createdAt %1$s :%2$s OR (e.createdAt = :%2$s AND e.id %1$s :%3$s))",
            direction, at, key));
    parameters.put(at, createdAt);
    parameters.put(key, id);
    return this;
  }

  /** {@code " WHERE …"}, or nothing when there is no condition. */
  String where() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /** {@code select + where() + rest}, with the parameters set. */
  <T> TypedQuery<T> query(EntityManager em, String select, String rest, Class<T> type) {
    TypedQuery<T> query = em.createQuery(select + where() + rest, type);
    parameters.forEach(query::setParameter);
    return query;
  }
}
