package org.workflowengine.persistence.store.retention;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.workflowengine.persistence.metrics.StoreMetrics;
import org.workflowengine.persistence.store.archive.Archive;
import org.workflowengine.persistence.store.archive.Archiver;
import org.workflowengine.persistence.store.error.ArchiveUnavailableException;
import org.workflowengine.persistence.store.event.ExecutionEvent;
import org.workflowengine.persistence.store.metrics.MeasuredOperations;
import org.workflowengine.persistence.store.query.ExecutionCriteria;
import org.workflowengine.persistence.store.query.ExecutionQuery;

/**
 * Purges old executions safely — moves them to the archive when one is configured (see {@code
 * store.archive}), deletes them otherwise or when asked to: previewable (dry run), in bounded
 * batches that each commit on their own (a purge of millions never holds one giant transaction or
 * its locks), never touching an execution that is not finished, always keeping each workflow's
 * newest {@code keep_last}, and then removing the snapshots no execution references any more.
 *
 * <p>{@link #purge} runs outside any caller transaction on purpose: its batches must commit one by
 * one.
 */
@Stateless
@Interceptors(MeasuredOperations.class)
public class Retention {

  private static final Logger LOG = Logger.getLogger(Retention.class.getName());

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Resource SessionContext context;

  @Inject Event<ExecutionEvent> events;

  @Inject Archive archive;

  @Inject Archiver archiver;

  @Inject StoreMetrics metrics;

  /** Applies {@code policy}; see the class description. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public PurgeResult purge(RetentionPolicy policy) {
    Retention self = context.getBusinessObject(Retention.class);
    List<Scope> scopes = self.scopes(policy);
    if (policy.dryRun()) {
      return self.preview(policy, scopes, archives(policy));
    }
    boolean archiving = archives(policy);
    long archived = 0;
    long deleted = 0;
    int batches = 0;
    long leftLive = 0;
    try {
      for (Scope scope : scopes) {
        // Executions that changed while their objects were written stay live for this purge.
        Set<String> left = new HashSet<>();
        List<String> batch;
        while (!(batch = self.nextBatch(policy, scope, archiving, left)).isEmpty()) {
          if (archiving) {
            List<String> moved = archiver.archive(batch);
            archived += moved.size();
            batch.stream().filter(id -> !moved.contains(id)).forEach(left::add);
          } else {
            deleted += self.deleteExecutions(batch, policy);
          }
          batches++;
        }
        leftLive += left.size();
      }
    } catch (ArchiveUnavailableException e) {
      // What is still due stays in the database until a purge can move it: the backlog.
      metrics.archiveBacklog(self.preview(policy, scopes, true).getExecutions());
      throw e;
    }
    if (archiving) {
      metrics.archiveBacklog(leftLive);
    }
    long snapshots = 0;
    List<String> unreferenced;
    while (!(unreferenced = self.unreferencedSnapshots(policy.batchSize())).isEmpty()) {
      int removed = self.deleteSnapshots(unreferenced);
      if (removed == 0) {
        break;
      }
      snapshots += removed;
    }
    PurgeResult result = new PurgeResult(false, archived, deleted, snapshots, batches);
    LOG.info(
        () ->
            "Purged "
                + result.getArchived()
                + " executions to the archive and deleted "
                + result.getDeleted()
                + " in "
                + result.getBatches()
                + " batches and "
                + result.getSnapshots()
                + " unreferenced snapshots");
    return result;
  }

  /**
   * Where a purge may act. Without {@code keep_last}, one scope: everything the policy names. With
   * it, one scope per workflow, bounded by that workflow's {@code keep_last}-th newest execution
   * (found once, by an index scan of {@code keep_last} rows): only what is older may go. Workflows
   * with no more than {@code keep_last} executions have no scope at all.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<Scope> scopes(RetentionPolicy policy) {
    if (policy.keepLast() == 0) {
      return List.of(new Scope(policy.workflowName(), null, null));
    }
    List<String> workflows =
        policy.workflowName() != null
            ? List.of(policy.workflowName())
            : em.createQuery(
                    "SELECT DISTINCT e.workflowName FROM WorkflowExecution e", String.class)
                .getResultList();
    List<Scope> scopes = new ArrayList<>();
    for (String workflow : workflows) {
      ExecutionCriteria ofWorkflow = ExecutionCriteria.none().workflowName(workflow);
      List<Object[]> boundary =
          ofWorkflow
              .query(em, "SELECT e.createdAt, e.id", ofWorkflow.newestFirst(), Object[].class)
              .setFirstResult(policy.keepLast() - 1)
              .setMaxResults(1)
              .getResultList();
      if (!boundary.isEmpty()) {
        scopes.add(
            new Scope(
                workflow, (java.time.Instant) boundary.get(0)[0], (String) boundary.get(0)[1]));
      }
    }
    return scopes;
  }

  /**
   * What {@link #purge} would delete now, read in one transaction: the executions within {@code
   * scopes}, and the snapshots that no execution outside them references (those referenced only by
   * executions that go, and those already unreferenced, which a real run collects as well).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public PurgeResult preview(RetentionPolicy policy, List<Scope> scopes, boolean archiving) {
    long executions = 0;
    Map<String, Long> goingBySnapshot = new HashMap<>();
    for (Scope scope : scopes) {
      List<Object[]> bySnapshot =
          candidates(policy, scope, archiving)
              .query(
                  em, "SELECT e.snapshotHash, COUNT(e)", " GROUP BY e.snapshotHash", Object[].class)
              .getResultList();
      for (Object[] row : bySnapshot) {
        long count = ((Number) row[1]).longValue();
        goingBySnapshot.merge((String) row[0], count, Long::sum);
        executions += count;
      }
    }
    long snapshots =
        em.createQuery(
                "SELECT COUNT(s) FROM WorkflowSnapshot s WHERE NOT EXISTS"
                    + " (SELECT e.id FROM WorkflowExecution e WHERE e.snapshotHash = s.hash)",
                Long.class)
            .getSingleResult();
    if (archiving) {
      // Archived executions keep referring to their snapshots: only those unreferenced already go.
      return new PurgeResult(true, executions, 0, snapshots, 0);
    }
    List<String> hashes = new ArrayList<>(goingBySnapshot.keySet());
    for (int from = 0; from < hashes.size(); from += policy.batchSize()) {
      List<Object[]> referenced =
          em.createQuery(
                  "SELECT e.snapshotHash, COUNT(e) FROM WorkflowExecution e"
                      + " WHERE e.snapshotHash IN :hashes GROUP BY e.snapshotHash",
                  Object[].class)
              .setParameter(
                  "hashes",
                  hashes.subList(from, Math.min(hashes.size(), from + policy.batchSize())))
              .getResultList();
      for (Object[] row : referenced) {
        // Every execution that references it goes: the real run collects the snapshot.
        if (((Number) row[1]).longValue() == goingBySnapshot.get((String) row[0])) {
          snapshots++;
        }
      }
    }
    return new PurgeResult(true, 0, executions, snapshots, 0);
  }

  /** The ids of the oldest executions {@code policy} deletes in {@code scope}, a batch of them. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<String> nextBatch(
      RetentionPolicy policy, Scope scope, boolean archiving, Set<String> left) {
    ExecutionCriteria candidates = candidates(policy, scope, archiving);
    if (!left.isEmpty()) {
      candidates.with("e.id NOT IN :left", "left", new ArrayList<>(left));
    }
    return candidates
        .query(em, "SELECT e.id", candidates.oldestFirst(), String.class)
        .setMaxResults(policy.batchSize())
        .getResultList();
  }

  /** Deletes one batch (children go with them, by the schema's cascades) and commits. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int deleteExecutions(List<String> ids, RetentionPolicy policy) {
    List<String> archivedIds =
        em.createQuery(
                "SELECT e.id FROM WorkflowExecution e"
                    + " WHERE e.id IN :ids AND e.archivedAt IS NOT NULL AND e.status IN :statuses",
                String.class)
            .setParameter("ids", ids)
            .setParameter("statuses", new ArrayList<>(policy.statuses()))
            .getResultList();
    if (!archivedIds.isEmpty()) {
      if (archive.configured()) {
        archiver.deleteObjectsAfterCommit(archivedIds);
      } else {
        LOG.warning(
            () ->
                archivedIds.size()
                    + " archived executions deleted while no archive is configured: their objects"
                    + " stay where the archive was");
      }
    }
    int deleted =
        em.createQuery(
                "DELETE FROM WorkflowExecution e WHERE e.id IN :ids AND e.status IN :statuses")
            .setParameter("ids", ids)
            .setParameter("statuses", new ArrayList<>(policy.statuses()))
            .executeUpdate();
    ids.forEach(id -> events.fire(new ExecutionEvent(ExecutionEvent.Kind.DELETED, id)));
    return deleted;
  }

  /** Up to {@code limit} hashes of snapshots that no execution references. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<String> unreferencedSnapshots(int limit) {
    return em.createQuery(
            "SELECT s.hash FROM WorkflowSnapshot s WHERE NOT EXISTS"
                + " (SELECT e.id FROM WorkflowExecution e WHERE e.snapshotHash = s.hash)"
                + " ORDER BY s.hash",
            String.class)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Deletes those of {@code hashes} still unreferenced. Should an execution that references one of
   * them commit meanwhile, the foreign key refuses the deletion: this round deletes nothing and the
   * snapshots stay.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int deleteSnapshots(List<String> hashes) {
    try {
      return em.createQuery(
              "DELETE FROM WorkflowSnapshot s WHERE s.hash IN :hashes AND NOT EXISTS"
                  + " (SELECT e.id FROM WorkflowExecution e WHERE e.snapshotHash = s.hash)")
          .setParameter("hashes", hashes)
          .executeUpdate();
    } catch (PersistenceException e) {
      LOG.log(Level.INFO, "Snapshot clean-up raced with a new execution; retried next purge", e);
      context.setRollbackOnly();
      return 0;
    }
  }

  /** Whether {@code policy} moves executions to the archive rather than deleting them. */
  private boolean archives(RetentionPolicy policy) {
    return policy.archive() && archive.configured();
  }

  /**
   * What {@code policy} takes in {@code scope}: older than the workflow's kept executions; when
   * archiving, only live ones (archived ones are where a purge would move them).
   */
  private static ExecutionCriteria candidates(
      RetentionPolicy policy, Scope scope, boolean archiving) {
    return ExecutionCriteria.none()
        .archived(archiving ? ExecutionQuery.Archived.EXCLUDE : ExecutionQuery.Archived.INCLUDE)
        .labels(policy.labels())
        .statuses(policy.statuses())
        .completedBefore(policy.completedBefore())
        .workflowName(scope.workflowName())
        .olderThan(scope.keptFromCreatedAt(), scope.keptFromId())
        .errorContaining(policy.errorContains());
  }

  /**
   * Part of a purge: executions of {@code workflowName} (any, when null) older than the kept one at
   * ({@code keptFromCreatedAt}, {@code keptFromId}) (no bound, when null).
   */
  public record Scope(String workflowName, Instant keptFromCreatedAt, String keptFromId)
      implements java.io.Serializable {}
}
