package org.workflowengine.persistence.store.query;

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
 * (created_at, id)} is written once. Conditions are on {@code WorkflowExecution e}; callers give
 * the select list and what follows the conditions, the criteria the {@code FROM} and {@code WHERE}.
 *
 * <p>The first label condition with a value drives the query: it reads {@code ExecutionLabel d}
 * joined to {@code e}, and pages over the label row's copy of the creation time, so that the index
 * over (key, value, created_at, execution) yields "this label, newest first" a page at a time
 * however many executions do not carry the label. Further label conditions, and the error search,
 * are {@code EXISTS} conditions.
 */
public final class ExecutionCriteria {

  /** Summaries read only the execution row's small, indexed columns. */
  public static final String SUMMARIES =
      "SELECT NEW org.workflowengine.persistence.store.query.ExecutionSummary("
          + "e.id, e.workflowName, e.status, e.createdAt, e.completedAt, e.success,"
          + " e.timestamp, e.version, e.snapshotHash, e.archivedAt)";

  /** The escape character of error-search patterns; not special to JPQL, SQL or either database. */
  private static final char ESCAPE = '!';

  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private String from = " FROM WorkflowExecution e";
  private String keyCreatedAt = "e.createdAt";
  private String keyId = "e.id";
  private boolean driven;
  private boolean keysetGiven;

  private ExecutionCriteria() {}

  /** No condition: every execution. */
  public static ExecutionCriteria none() {
    return new ExecutionCriteria();
  }

  /** The filters of {@code query} (its limit and cursor aside). */
  public static ExecutionCriteria of(ExecutionQuery query) {
    return none()
        .labels(query.labels())
        .workflowName(query.workflowName())
        .statuses(query.statuses())
        .with("e.success = :success", "success", query.success())
        .with("e.createdAt >= :createdAfter", "createdAfter", query.createdAfter())
        .with("e.createdAt < :createdBefore", "createdBefore", query.createdBefore())
        .with("e.completedAt >= :completedAfter", "completedAfter", query.completedAfter())
        .completedBefore(query.completedBefore())
        .errorContaining(query.errorContains())
        .archived(query.archived());
  }

  /** Live executions, archived ones, or both. */
  public ExecutionCriteria archived(ExecutionQuery.Archived archived) {
    switch (archived) {
      case EXCLUDE -> conditions.add("e.archivedAt IS NULL");
      case ONLY -> conditions.add("e.archivedAt IS NOT NULL");
      case INCLUDE -> {}
    }
    return this;
  }

  public ExecutionCriteria workflowName(String name) {
    return with("e.workflowName = :workflowName", "workflowName", name);
  }

  /** In one of {@code statuses}; no condition when empty. */
  public ExecutionCriteria statuses(Collection<?> statuses) {
    return statuses.isEmpty()
        ? this
        : with("e.status IN :statuses", "statuses", new ArrayList<>(statuses));
  }

  public ExecutionCriteria completedBefore(Instant instant) {
    return with("e.completedAt < :completedBefore", "completedBefore", instant);
  }

  /** Carrying every label of {@code selectors}; see the class description for how. */
  public ExecutionCriteria labels(List<LabelSelector> selectors) {
    for (LabelSelector selector : selectors) {
      String key = "labelKey" + parameters.size();
      String value = "labelValue" + parameters.size();
      if (selector.value() != null && !driven && !keysetGiven) {
        driven = true;
        from = " FROM ExecutionLabel d, WorkflowExecution e";
        keyCreatedAt = "d.createdAt";
        keyId = "d.executionId";
        conditions.add("d.executionId = e.id");
        conditions.add("d.labelKey = :" + key);
        conditions.add("d.labelValue = :" + value);
      } else {
        String alias = "l" + parameters.size();
        conditions.add(
            String.format(
                "EXISTS (SELECT %1$s.labelKey FROM ExecutionLabel %1$s"
                    + " WHERE %1$s.executionId = e.id AND %1$s.labelKey = :%2$s%3$s)",
                alias,
                key,
                selector.value() == null ? "" : " AND " + alias + ".labelValue = :" + value));
      }
      parameters.put(key, selector.key());
      if (selector.value() != null) {
        parameters.put(value, selector.value());
      }
    }
    return this;
  }

  /**
   * With a recorded error whose message contains {@code text}, ignoring case as the database's
   * {@code LOWER} does (applied to both sides, so that text is always found as written). On
   * PostgreSQL a trigram index over {@code lower(message)} serves it when present; otherwise, and
   * on Derby, the errors are scanned.
   */
  public ExecutionCriteria errorContaining(String text) {
    if (text == null) {
      return this;
    }
    StringBuilder pattern = new StringBuilder("%");
    for (char c : text.toCharArray()) {
      if (c == '%' || c == '_' || c == ESCAPE) {
        pattern.append(ESCAPE);
      }
      pattern.append(c);
    }
    pattern.append('%');
    conditions.add(
        "EXISTS (SELECT x.executionId FROM ExecutionError x WHERE x.executionId = e.id"
            + " AND LOWER(x.message) LIKE LOWER(:errorPattern) ESCAPE '"
            + ESCAPE
            + "')");
    parameters.put("errorPattern", pattern.toString());
    return this;
  }

  /** Strictly before the execution at ({@code createdAt}, {@code id}) in newest-first order. */
  public ExecutionCriteria olderThan(Instant createdAt, String id) {
    return keyset("<", createdAt, id);
  }

  /** Strictly after the execution at ({@code createdAt}, {@code id}) in oldest-first order. */
  public ExecutionCriteria newerThan(Instant createdAt, String id) {
    return keyset(">", createdAt, id);
  }

  /** A condition on {@code e}, e.g. {@code e.snapshotHash > :afterHash}. */
  public ExecutionCriteria with(String condition, String parameter, Object value) {
    if (value != null) {
      conditions.add(condition);
      parameters.put(parameter, value);
    }
    return this;
  }

  /**
   * Also reads {@code entity} (an entity and its alias, e.g. {@code ExecutionLabel g}), joined to
   * {@code e} by {@code condition} with its parameter; after every other criterion.
   */
  public ExecutionCriteria join(String entity, String condition, String parameter, Object value) {
    from = from + ", " + entity;
    conditions.add(condition);
    parameters.put(parameter, value);
    return this;
  }

  /** Newest first, the order of listings and of a workflow's kept executions. */
  public String newestFirst() {
    return String.format(" ORDER BY %s DESC, %s DESC", keyCreatedAt, keyId);
  }

  /** Oldest first, the order of export and of purge batches. */
  public String oldestFirst() {
    return String.format(" ORDER BY %s, %s", keyCreatedAt, keyId);
  }

  private ExecutionCriteria keyset(String direction, Instant createdAt, String id) {
    keysetGiven = true;
    if (createdAt == null) {
      return this;
    }
    String at = "keyCreatedAt" + parameters.size();
    String key = "keyId" + parameters.size();
    // (t < T OR (t = T AND id < I)) written so that its first part bounds an index range: a
    // database reads from the cursor on instead of filtering every row before it.
    conditions.add(
        String.format(
            "%4$s %1$s= :%2$s AND (%4$s %1$s :%2$s OR %5$s %1$s :%3$s)",
            direction, at, key, keyCreatedAt, keyId));
    parameters.put(at, createdAt);
    parameters.put(key, id);
    return this;
  }

  /** {@code " WHERE …"}, or nothing when there is no condition. */
  private String where() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /**
   * {@code select} (a select list over {@code e}), this criteria's {@code FROM} and {@code WHERE},
   * then {@code rest} (an order, a grouping or nothing), with the parameters set.
   */
  public <T> TypedQuery<T> query(EntityManager em, String select, String rest, Class<T> type) {
    TypedQuery<T> query = em.createQuery(select + from + where() + rest, type);
    parameters.forEach(query::setParameter);
    return query;
  }
}
