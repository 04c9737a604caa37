package org.workflowengine.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.Executions.newExecution;
import static org.workflowengine.persistence.testing.Executions.uniqueSnapshot;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.UserTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.error.StaleExecutionException;
import org.workflowengine.persistence.testing.Deployments;
import org.workflowengine.persistence.testing.Rows;

/** Many writers at once: nothing lost, nothing stored twice, no stale write accepted. */
@ExtendWith(ArquillianExtension.class)
class ConcurrencyIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application();
  }

  @Inject ExecutionStore store;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  @Resource(lookup = "java:comp/UserTransaction")
  UserTransaction transaction;

  @Test
  void sixteenThreadsAppendingToOneExecutionLoseNothing() throws Exception {
    String id = store.create(newExecution()).getId();
    int threads = 16;
    int appendsPerThread = 20;

    List<Object> results =
        runTogether(
            threads,
            thread -> {
              for (int i = 0; i < appendsPerThread; i++) {
                store.appendAudit(id, new AuditEntry("thread-" + thread, "step-" + i, null));
                store.appendLogs(id, "task-" + thread, List.of("line-" + i));
              }
              return "done";
            });

    assertThat(results).containsOnly("done");
    WorkflowExecution found = store.get(id);
    assertThat(found.getAuditTrail()).hasSize(threads * appendsPerThread);
    // Each append is a link of the execution's chain, placed under its lock: none lost, none twice.
    assertThat(store.verify(id))
        .returns(true, v -> v.valid())
        .returns(1L + 2L * threads * appendsPerThread, v -> v.links());
    for (int thread = 0; thread < threads; thread++) {
      String actor = "thread-" + thread;
      assertThat(found.getAuditTrail().stream().filter(a -> actor.equals(a.getActor())))
          .as("%s's entries, in its order", actor)
          .extracting(AuditEntry::getAction)
          .containsExactly(
              IntStream.range(0, appendsPerThread)
                  .mapToObj(i -> "step-" + i)
                  .toArray(String[]::new));
      assertThat(found.getPerTaskLogs().get("task-" + thread))
          .containsExactly(
              IntStream.range(0, appendsPerThread)
                  .mapToObj(i -> "line-" + i)
                  .toArray(String[]::new));
    }
  }

  /**
   * Without a transaction of the caller's, appends to one execution are committed in groups; within
   * one, an append belongs to it: it rolls back with the caller's work, and is not written by
   * another caller's group.
   */
  @Test
  void anAppendInTheCallersTransactionRollsBackWithItWhileOthersAreGrouped() throws Exception {
    String id = store.create(newExecution()).getId();
    List<Object> grouped =
        runTogether(
            8,
            thread -> {
              for (int i = 0; i < 10; i++) {
                store.appendAudit(id, new AuditEntry("grouped-" + thread, "step-" + i, null));
              }
              return "done";
            });
    assertThat(grouped).containsOnly("done");

    transaction.begin();
    try {
      store.appendAudit(id, new AuditEntry("in-transaction", "rolled back", null));
      store.recordError(id, new ExecutionError("rolled back", null));
      assertThat(store.get(id).getAuditTrail()).as("seen inside the transaction").hasSize(81);
    } finally {
      transaction.rollback();
    }
    WorkflowExecution found = store.get(id);
    assertThat(found.getAuditTrail()).hasSize(80);
    assertThat(found.getErrors()).isEmpty();
    assertThat(store.verify(id)).returns(true, v -> v.valid()).returns(81L, v -> v.links());
  }

  /**
   * Appends that cannot be stored (their execution is missing) fail with the store's exception,
   * each for its own caller, while the groups of appends to another execution commit.
   */
  @Test
  void appendsToAMissingExecutionFailAloneWhileAnothersGroupsCommit() throws Exception {
    String id = store.create(newExecution()).getId();
    String missing = "missing-" + id;
    List<Object> results =
        runTogether(
            16,
            thread -> {
              String target = thread % 4 == 0 ? missing : id;
              try {
                for (int i = 0; i < 10; i++) {
                  store.appendLogs(target, "task-" + thread, List.of("line-" + i));
                }
                return "done";
              } catch (ExecutionNotFoundException e) {
                return "not found";
              }
            });
    assertThat(results).filteredOn("done"::equals).hasSize(12);
    assertThat(results).filteredOn("not found"::equals).hasSize(4);
    assertThat(store.get(id).getPerTaskLogs().values().stream().mapToInt(List::size).sum())
        .isEqualTo(120);
    assertThat(store.verify(id).valid()).isTrue();
  }

  @Test
  void eightThreadsFirstSavingTheSameNewSnapshotAllSucceedWithOneRow() throws Exception {
    JsonObject snapshot = uniqueSnapshot();

    List<Object> hashes =
        runTogether(
            8, thread -> store.create(new WorkflowExecution("wf", snapshot)).getSnapshotHash());

    assertThat(hashes).hasSize(8).containsOnly(hashes.get(0));
    assertThat(Rows.count(dataSource, "workflow_snapshot", "hash", (String) hashes.get(0)))
        .isEqualTo(1);
    assertThat(
            Rows.count(dataSource, "workflow_execution", "snapshot_hash", (String) hashes.get(0)))
        .isEqualTo(8);
  }

  @Test
  void ofTwoWritersWithTheSameVersionExactlyOneWins() throws Exception {
    WorkflowExecution stored = store.create(newExecution());
    store.transition(stored.getId(), WorkflowStatus.RUNNING, null, null);
    long version = store.get(stored.getId()).getVersion();

    List<Object> outcomes =
        runTogether(
            2,
            thread -> {
              try {
                WorkflowStatus target =
                    thread == 0 ? WorkflowStatus.COMPLETE : WorkflowStatus.FAILED;
                return store.transition(stored.getId(), target, null, version).getStatus();
              } catch (StaleExecutionException e) {
                return "stale";
              }
            });

    assertThat(outcomes).containsOnlyOnce("stale");
    Object winner = outcomes.get(0).equals("stale") ? outcomes.get(1) : outcomes.get(0);
    WorkflowExecution found = store.get(stored.getId());
    assertThat(found.getStatus()).isEqualTo(winner);
    assertThat(found.getVersion()).isEqualTo(version + 1);
  }

  /** Runs {@code task(thread)} on that many threads released at the same instant. */
  private static List<Object> runTogether(int threads, ThreadTask task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<Object> call =
            () -> {
              start.await();
              return task.run(thread);
            };
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<Object> results = new ArrayList<>();
      for (Future<Object> future : futures) {
        results.add(future.get(2, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface ThreadTask {
    Object run(int thread) throws Exception;
  }
}
