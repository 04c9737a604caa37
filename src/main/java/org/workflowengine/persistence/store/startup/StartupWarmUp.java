package org.workflowengine.persistence.store.startup;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.snapshot.SnapshotContent;
import org.workflowengine.persistence.snapshot.SnapshotStore;
import org.workflowengine.persistence.snapshot.WorkflowSnapshot;
import org.workflowengine.persistence.store.query.ExecutionAssembler;
import org.workflowengine.persistence.store.query.ExecutionCriteria;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.query.ExecutionSummary;
import org.workflowengine.persistence.store.query.LabelSelector;
import org.workflowengine.persistence.store.write.ExecutionChanges;
import org.workflowengine.persistence.store.write.ExecutionWriter;

/**
 * Before the application takes requests, goes once through every kind of write and read the store
 * makes — an execution with one row of each kind, a replacement, an append, a task update, the
 * reads that assemble it, a listing, a deletion — in one transaction that is rolled back, so that
 * nothing of it is stored and no event fires.
 *
 * <p>Why: EclipseLink, Payara's JPA provider, prepares statements and creates caches per entity on
 * their first use, and some of these lazy initializations are not thread-safe (they assign a
 * non-volatile field that another thread may read half-built: eclipse-ee4j/eclipselink#2374). The
 * first appends after a deployment often come at once, from many clients; one of them could fail
 * with a NullPointerException inside the provider and be answered with a 500. Done here, by one
 * thread, the first use happens before any request. With any other provider it costs a few
 * statements at start-up. A failure here (the database out of reach) is logged and changes nothing
 * else.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class StartupWarmUp {

  private static final Logger LOG = Logger.getLogger(StartupWarmUp.class.getName());

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Inject SnapshotStore snapshots;

  @Inject ExecutionWriter writer;

  @Inject ExecutionAssembler assembler;

  @Resource UserTransaction transaction;

  private volatile boolean completed;

  /** Whether the warm-up went through every step (and was then rolled back, as always). */
  public boolean completed() {
    return completed;
  }

  /** Never fails the deployment: whatever goes wrong is logged, and the transaction rolled back. */
  @PostConstruct
  void warmUp() {
    try {
      transaction.begin();
      try {
        exercise();
        completed = true;
        LOG.fine("The store's statements are prepared");
      } finally {
        transaction.rollback();
      }
    } catch (Exception e) {
      LOG.log(Level.WARNING, "The start-up warm-up of the store failed; nothing depends on it", e);
    }
  }

  private void exercise() {
    String marker = "warm-up-" + UUID.randomUUID();
    // Stored in this transaction (not by SnapshotStore.insert, which commits on its own), so that
    // the roll-back leaves no snapshot row behind.
    SnapshotContent content =
        SnapshotContent.of(Json.createObjectBuilder().add("id", marker).build());
    snapshots.exists(content.hash());
    em.persist(new WorkflowSnapshot(content));
    em.flush();

    WorkflowExecution execution = new WorkflowExecution(marker, content.json());
    execution.setId(marker);
    execution.setStatus(WorkflowStatus.RUNNING);
    execution.setTasks(List.of(new TaskExecution("task", "task", WorkflowStatus.RUNNING)));
    execution.setAuditTrail(List.of(new AuditEntry("warm-up", "started", null)));
    execution.setErrors(List.of(new ExecutionError("none", "task")));
    execution.setPerTaskLogs(Map.of("task", List.of("line")));
    execution.setLabels(Map.of("warm-up", "yes"));
    writer.insert(execution, false, ExecutionChanges.SYSTEM);
    // Inserted by JDBC: read back as the managed row that replacements and deletions work on.
    WorkflowExecution row = em.find(WorkflowExecution.class, marker);

    WorkflowExecution whole = assembler.whole(row);
    whole.setStatus(WorkflowStatus.COMPLETE);
    writer.replace(row, whole, ExecutionChanges.SYSTEM);
    writer
        .rows(marker, ExecutionChanges.SYSTEM)
        .audit(List.of(new AuditEntry("warm-up", "appended", null).copyFor(marker)), 0)
        .execute();
    for (TaskExecution task :
        em.createNamedQuery("TaskExecution.findByExecutionAndTaskId", TaskExecution.class)
            .setParameter("executionId", marker)
            .setParameter("taskId", "task")
            .getResultList()) {
      task.replaceValuesWith(new TaskExecution("task", "task", WorkflowStatus.COMPLETE));
    }
    writer.flushAppend(marker);
    writer.setLabel(marker, "warm-up", "again");
    writer.setLabel(marker, "warm-up-new", "new");

    ExecutionCriteria listing =
        ExecutionCriteria.of(ExecutionQuery.all().withWorkflowName(marker))
            .olderThan(row.getCreatedAt(), marker);
    listing
        .query(em, ExecutionCriteria.SUMMARIES, listing.newestFirst(), ExecutionSummary.class)
        .setMaxResults(1)
        .getResultList();
    ExecutionCriteria searching =
        ExecutionCriteria.of(
                ExecutionQuery.all()
                    .withLabels(LabelSelector.equal("warm-up", "again"), LabelSelector.has("x"))
                    .withErrorContaining(marker))
            .olderThan(row.getCreatedAt(), marker);
    assembler.attachLabels(
        searching
            .query(em, ExecutionCriteria.SUMMARIES, searching.newestFirst(), ExecutionSummary.class)
            .setMaxResults(1)
            .getResultList());
    ExecutionCriteria.of(ExecutionQuery.all().withWorkflowName(marker))
        .query(em, "SELECT COUNT(e)", "", Long.class)
        .getSingleResult();
    writer.removeLabel(marker, "warm-up-new");
    em.remove(em.find(WorkflowExecution.class, marker));
    writer.flush(marker);
  }
}
