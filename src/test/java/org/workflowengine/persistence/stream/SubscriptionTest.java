package org.workflowengine.persistence.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A subscriber's bounded queue: what waits is written in order by one sender at a time; a full
 * queue is replaced by {@code resync} and the stream ends after it; a replay takes only what fits.
 */
class SubscriptionTest {

  /** Three events or 1,000 bytes may wait. */
  private static final StreamSettings SMALL =
      new StreamSettings(Duration.ofSeconds(15), 3, 1000, Duration.ofSeconds(5), 1, 500);

  private static final StreamEvent RESYNC = new StreamEvent("resync", null, "{}");

  /** Runs the senders' tasks only when told, so that a test sees what waits. */
  private static final class Senders implements Executor {
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      while (!tasks.isEmpty()) {
        tasks.poll().run();
      }
    }
  }

  private static final class Outlet implements EventOutlet {
    final List<StreamEvent> sent = new ArrayList<>();
    boolean closed;
    boolean failing;

    @Override
    public CompletionStage<?> send(StreamEvent event) {
      if (failing) {
        return CompletableFuture.failedFuture(new java.io.IOException("the client went away"));
      }
      sent.add(event);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public boolean isClosed() {
      return closed;
    }
  }

  private static final class Tested extends Subscription {
    Tested(Outlet outlet, Senders senders, List<Subscription> ended) {
      super(outlet, senders, SMALL, ended::add);
    }

    @Override
    StreamEvent resync() {
      return RESYNC;
    }
  }

  private static StreamEvent event(int i) {
    return new StreamEvent("log", Integer.toString(i), "{\"n\":" + i + "}");
  }

  @Test
  void whatWaitsIsWrittenInOrderByOneSender() {
    Outlet outlet = new Outlet();
    Senders senders = new Senders();
    Tested subscription = new Tested(outlet, senders, new ArrayList<>());
    assertThat(subscription.offer(event(1))).isTrue();
    assertThat(subscription.offer(event(2))).isTrue();
    assertThat(senders.tasks).as("one sender for what waits").hasSize(1);
    senders.runAll();
    assertThat(outlet.sent).containsExactly(event(1), event(2));
    assertThat(subscription.offer(event(3))).isTrue();
    senders.runAll();
    assertThat(outlet.sent).containsExactly(event(1), event(2), event(3));
    assertThat(outlet.closed).isFalse();
  }

  @Test
  void aFullQueueIsReplacedByResyncAndTheStreamEndsAfterIt() {
    Outlet outlet = new Outlet();
    Senders senders = new Senders();
    List<Subscription> ended = new ArrayList<>();
    Tested subscription = new Tested(outlet, senders, ended);
    for (int i = 1; i <= 3; i++) {
      assertThat(subscription.offer(event(i))).isTrue();
    }
    assertThat(subscription.offer(event(4))).as("the fourth does not fit").isFalse();
    assertThat(subscription.isEnding()).isTrue();
    assertThat(subscription.offer(event(5))).as("nothing is taken once ending").isFalse();
    senders.runAll();
    assertThat(outlet.sent).as("what waited was dropped for resync").containsExactly(RESYNC);
    assertThat(outlet.closed).isTrue();
    assertThat(ended).containsExactly(subscription);
  }

  @Test
  void theBoundIsInBytesAsWellAsEvents() {
    Outlet outlet = new Outlet();
    Tested subscription = new Tested(outlet, new Senders(), new ArrayList<>());
    assertThat(subscription.offer(new StreamEvent("log", "1", "x".repeat(600)))).isTrue();
    assertThat(subscription.offer(new StreamEvent("log", "2", "x".repeat(600))))
        .as("1,200 bytes would wait")
        .isFalse();
    assertThat(subscription.isEnding()).isTrue();
  }

  @Test
  void aReplayTakesWhatFitsAndTellsWhenThereIsRoomAgain() {
    Outlet outlet = new Outlet();
    Senders senders = new Senders();
    Tested subscription = new Tested(outlet, senders, new ArrayList<>());
    assertThat(subscription.offerIfRoom(event(1))).isTrue();
    assertThat(subscription.offerIfRoom(event(2))).isTrue();
    assertThat(subscription.offerIfRoom(event(3))).isTrue();
    assertThat(subscription.offerIfRoom(event(4))).as("full: the replay waits").isFalse();
    assertThat(subscription.isEnding()).as("a replay never overflows").isFalse();
    assertThat(subscription.room()).isZero();
    AtomicInteger told = new AtomicInteger();
    subscription.whenRoom(told::incrementAndGet);
    assertThat(told).as("not while full").hasValue(0);
    senders.runAll();
    assertThat(told).as("once, when half had gone").hasValue(1);
    assertThat(subscription.room()).isEqualTo(3);
    subscription.whenRoom(told::incrementAndGet);
    assertThat(told).as("at once when there is room already").hasValue(2);
  }

  @Test
  void aClientThatWentAwayEndsTheSubscription() {
    Outlet outlet = new Outlet();
    Senders senders = new Senders();
    List<Subscription> ended = new ArrayList<>();
    Tested subscription = new Tested(outlet, senders, ended);
    outlet.failing = true;
    subscription.offer(event(1));
    subscription.offer(event(2));
    senders.runAll();
    assertThat(ended).containsExactly(subscription);
    assertThat(subscription.isEnding()).isTrue();
    assertThat(subscription.waiting()).isZero();
  }

  @Test
  void finishSendsTheLastEventThenEnds() {
    Outlet outlet = new Outlet();
    Senders senders = new Senders();
    Tested subscription = new Tested(outlet, senders, new ArrayList<>());
    subscription.offer(event(1));
    StreamEvent end = new StreamEvent("end", null, "{}");
    subscription.finish(end);
    subscription.finish(new StreamEvent("end", null, "{\"again\":true}"));
    senders.runAll();
    assertThat(outlet.sent).containsExactly(event(1), end);
    assertThat(outlet.closed).isTrue();
  }

  @Test
  void aHeartbeatEndsAStreamWhoseClientHasGone() {
    Outlet outlet = new Outlet();
    Senders senders = new Senders();
    List<Subscription> ended = new ArrayList<>();
    Tested subscription = new Tested(outlet, senders, ended);
    subscription.beat(StreamEvent.comment("heartbeat"));
    senders.runAll();
    assertThat(outlet.sent).containsExactly(StreamEvent.comment("heartbeat"));
    outlet.closed = true;
    subscription.beat(StreamEvent.comment("heartbeat"));
    assertThat(ended).containsExactly(subscription);
  }
}
