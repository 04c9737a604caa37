package org.workflowengine.persistence.store;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.workflowengine.persistence.model.UtcInstantConverter;
import org.workflowengine.persistence.snapshot.SnapshotStore;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.error.SnapshotNotFoundException;
import org.workflowengine.persistence.store.metrics.MeasuredOperations;
import org.workflowengine.persistence.store.query.DefinitionVersion;
import org.workflowengine.persistence.store.query.WorkflowSummary;

/**
 * The history of workflow definitions: which definitions each workflow ran with, when and how
 * often, and what changed between two of them. Answers come from the executions' indexed columns;
 * snapshots are read only to compute a diff between different ones.
 */
@Stateless
@Interceptors({MeasuredOperations.class, DatabaseFailures.class})
public class WorkflowHistory {

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Inject SnapshotStore snapshots;

  @Inject ExecutionStore executions;

  /** Every workflow that has executions, by name. */
  public List<WorkflowSummary> workflows() {
    List<Object[]> rows =
        rows(
            em.createNativeQuery(
                "SELECT workflow_name, COUNT(*), MAX(created_at), COUNT(DISTINCT snapshot_hash)"
                    + " FROM workflow_execution GROUP BY workflow_name ORDER BY workflow_name"));
    return rows.stream()
        .map(
            row ->
                new WorkflowSummary(
                    (String) row[0],
                    ((Number) row[1]).longValue(),
                    UtcInstantConverter.fromQueryResult(row[2]),
                    ((Number) row[3]).longValue()))
        .toList();
  }

  /**
   * The distinct definitions {@code workflowName} ran with, in the order first used, numbered from
   * 1; empty when it never ran.
   */
  public List<DefinitionVersion> definitionsOf(String workflowName) {
    List<Object[]> rows =
        rows(
            em.createNativeQuery(
                    "SELECT snapshot_hash, MIN(created_at), MAX(created_at), COUNT(*)"
                        + " FROM workflow_execution WHERE workflow_name = ?"
                        + " GROUP BY snapshot_hash ORDER BY 2, 1")
                .setParameter(1, workflowName));
    List<DefinitionVersion> versions = new ArrayList<>();
    for (Object[] row : rows) {
      versions.add(
          new DefinitionVersion(
              versions.size() + 1,
              (String) row[0],
              UtcInstantConverter.fromQueryResult(row[1]),
              UtcInstantConverter.fromQueryResult(row[2]),
              ((Number) row[3]).longValue()));
    }
    return versions;
  }

  /**
   * The rows of an aggregate query. Native SQL on purpose: JPA providers disagree on whether
   * MIN/MAX over a converted attribute pass through its converter (EclipseLink hands the converter
   * a {@code Timestamp} it cannot take), so the aggregates read the column as it is.
   */
  @SuppressWarnings("unchecked")
  private static List<Object[]> rows(jakarta.persistence.Query query) {
    return query.getResultList();
  }

  /** Whether a snapshot is stored under {@code hash}, without reading it. */
  public boolean snapshotExists(String hash) {
    return hash != null && snapshots.exists(hash);
  }

  /** The snapshot stored under {@code hash}. */
  public Optional<JsonObject> snapshot(String hash) {
    return hash == null ? Optional.empty() : snapshots.find(hash);
  }

  /**
   * The RFC 6902 JSON Patch that turns snapshot {@code from} into snapshot {@code to}; empty, and
   * neither is read, when the hashes are equal.
   *
   * @throws SnapshotNotFoundException if either is not stored
   */
  public JsonArray diff(String from, String to) {
    if (from.equals(to)) {
      if (!snapshots.exists(from)) {
        throw new SnapshotNotFoundException(from);
      }
      return JsonValue.EMPTY_JSON_ARRAY;
    }
    JsonObject source = snapshot(from).orElseThrow(() -> new SnapshotNotFoundException(from));
    JsonObject target = snapshot(to).orElseThrow(() -> new SnapshotNotFoundException(to));
    return Json.createDiff(source, target).toJsonArray();
  }

  /**
   * What changed in the definition from the run {@code againstId} to the run {@code id}: the JSON
   * Patch from the other's snapshot to this one's.
   *
   * @throws ExecutionNotFoundException if either execution does not exist
   */
  public JsonArray diffExecutions(String id, String againstId) {
    String to = executions.getSnapshotHash(id);
    String from = executions.getSnapshotHash(againstId);
    return diff(from, to);
  }
}
