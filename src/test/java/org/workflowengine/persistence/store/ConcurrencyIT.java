package org.workflowengine.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.Executions.newExecution;
import static org.workflowengine.persistence.testing.Executions.uniqueSnapshot;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
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
