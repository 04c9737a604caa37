package org.workflowengine.persistence.store.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.store.event.ExecutionEvent;

/**
 * The group commit's hand-over, with a writer that records what it is asked to write: appends that
 * arrive while a group is written go together into the next group, each caller gets its own
 * outcome, and nothing passes for written that was not.
 */
class AppendGroupsTest {

  /** Records each group asked for (by who recorded each append); may block or fail on demand. */
  private static final class RecordingWriter extends AppendWriter {
    final List<List<String>> groups = new CopyOnWriteArrayList<>();
    final List<List<String>> written = new CopyOnWriteArrayList<>();
    volatile CountDownLatch firstWriteStarted = new CountDownLatch(1);
    volatile CountDownLatch releaseFirstWrite = new CountDownLatch(0);
    volatile RuntimeException failEveryGroupWith;
    volatile Error errorOnGroupsOf;

    @Override
    public void write(String id, List<AppendGroups.Append> appends) {
      List<String> who = appends.stream().map(AppendGroups.Append::recordedBy).toList();
      groups.add(who);
      if (groups.size() == 1) {
        firstWriteStarted.countDown();
        await(releaseFirstWrite);
      }
      if (errorOnGroupsOf != null) {
        throw errorOnGroupsOf;
      }
      if (failEveryGroupWith != null) {
        throw failEveryGroupWith;
      }
      if (who.contains("poison")) {
        throw new IllegalArgumentException("poison cannot be stored");
      }
      written.add(who);
    }
  }

  private final RecordingWriter writer = new RecordingWriter();
  private final AppendGroups groups = new AppendGroups();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  {
    groups.writer = writer;
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static AppendGroups.Append append(String recordedBy) {
    return new AppendGroups.Append(recordedBy, rows -> {}, ExecutionEvent.Kind.AUDIT_APPENDED);
  }

  private Future<String> appendLater(String id, String recordedBy, List<Thread> threads) {
    return pool.submit(
        () -> {
          threads.add(Thread.currentThread());
          try {
            groups.append(id, append(recordedBy));
            return "written";
          } catch (RuntimeException e) {
            return "failed: " + e.getMessage();
          }
        });
  }

  /** Until every thread of {@code threads} waits (in the queue's monitor). */
  private static void awaitWaiting(List<Thread> threads, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (threads.size() < count
        || threads.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
      assertThat(System.nanoTime()).as("%d callers queued in time", count).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void appendsArrivingWhileAGroupIsWrittenAreWrittenTogetherNext() throws Exception {
    writer.releaseFirstWrite = new CountDownLatch(1);
    List<Thread> first = new CopyOnWriteArrayList<>();
    Future<String> leader = appendLater("run", "leader", first);
    await(writer.firstWriteStarted);

    List<Thread> queued = new CopyOnWriteArrayList<>();
    List<Future<String>> followers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      followers.add(appendLater("run", "follower-" + i, queued));
    }
    awaitWaiting(queued, 10);
    writer.releaseFirstWrite.countDown();

    assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("written");
    for (Future<String> follower : followers) {
      assertThat(follower.get(10, TimeUnit.SECONDS)).isEqualTo("written");
    }
    assertThat(writer.groups).hasSize(2);
    assertThat(writer.groups.get(0)).containsExactly("leader");
    assertThat(writer.groups.get(1)).hasSize(10).allMatch(who -> who.startsWith("follower-"));
  }

  @Test
  void anAppendThatCannotBeStoredFailsAloneAndTheRestOfItsGroupIsWritten() throws Exception {
    writer.releaseFirstWrite = new CountDownLatch(1);
    Future<String> leader = appendLater("run", "leader", new CopyOnWriteArrayList<>());
    await(writer.firstWriteStarted);
    List<Thread> queued = new CopyOnWriteArrayList<>();
    Future<String> before = appendLater("run", "before", queued);
    awaitWaiting(queued, 1);
    Future<String> poison = appendLater("run", "poison", queued);
    awaitWaiting(queued, 2);
    Future<String> after = appendLater("run", "after", queued);
    awaitWaiting(queued, 3);
    writer.releaseFirstWrite.countDown();

    assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("written");
    assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo("written");
    assertThat(poison.get(10, TimeUnit.SECONDS)).isEqualTo("failed: poison cannot be stored");
    assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("written");
    assertThat(writer.groups.get(1)).containsExactly("before", "poison", "after");
    assertThat(writer.written)
        .containsExactly(List.of("leader"), List.of("before"), List.of("after"));
  }

  @Test
  void aDatabaseOutOfReachFailsTheWholeGroupAtOnce() throws Exception {
    writer.releaseFirstWrite = new CountDownLatch(1);
    Future<String> leader = appendLater("run", "leader", new CopyOnWriteArrayList<>());
    await(writer.firstWriteStarted);
    List<Thread> queued = new CopyOnWriteArrayList<>();
    List<Future<String>> followers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      followers.add(appendLater("run", "follower-" + i, queued));
    }
    awaitWaiting(queued, 5);
    writer.failEveryGroupWith =
        new IllegalStateException(new SQLTransientConnectionException("the database is away"));
    writer.releaseFirstWrite.countDown();

    assertThat(leader.get(10, TimeUnit.SECONDS)).startsWith("failed");
    for (Future<String> follower : followers) {
      assertThat(follower.get(10, TimeUnit.SECONDS)).startsWith("failed");
    }
    assertThat(writer.groups).as("no append tried again alone").hasSize(2);
  }

  @Test
  void aGroupWhoseWriteEndsInAnErrorPassesForWrittenForNoOne() throws Exception {
    writer.errorOnGroupsOf = new AssertionError("the writer broke");
    assertThatThrownBy(() -> groups.append("run", append("alone")))
        .isInstanceOf(AssertionError.class);
    writer.errorOnGroupsOf = null;

    writer.releaseFirstWrite = new CountDownLatch(1);
    writer.firstWriteStarted = new CountDownLatch(1);
    writer.groups.clear();
    Future<String> leader = appendLater("run", "leader", new CopyOnWriteArrayList<>());
    await(writer.firstWriteStarted);
    List<Thread> queued = new CopyOnWriteArrayList<>();
    List<Future<String>> followers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      followers.add(appendLater("run", "follower-" + i, queued));
    }
    awaitWaiting(queued, 3);
    writer.errorOnGroupsOf = new AssertionError("the writer broke");
    writer.releaseFirstWrite.countDown();

    // The callers that wrote a group end in the Error; the others of those groups fail too.
    List<Future<String>> all = new ArrayList<>(followers);
    all.add(leader);
    for (Future<String> call : all) {
      String outcome;
      try {
        outcome = call.get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        outcome = "error: " + e.getCause();
      }
      assertThat(outcome)
          .isIn(
              "error: java.lang.AssertionError: the writer broke",
              "failed: The append was not written: its group failed");
    }
  }

  @Test
  void appendsToDifferentExecutionsNeverWaitOnEachOther() throws Exception {
    writer.releaseFirstWrite = new CountDownLatch(1);
    Future<String> blocked = appendLater("busy", "blocked", new CopyOnWriteArrayList<>());
    await(writer.firstWriteStarted);
    assertThat(appendLater("other", "free", new CopyOnWriteArrayList<>()).get(10, TimeUnit.SECONDS))
        .isEqualTo("written");
    writer.releaseFirstWrite.countDown();
    assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo("written");
  }
}
