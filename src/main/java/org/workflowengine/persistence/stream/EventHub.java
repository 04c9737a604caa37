package org.workflowengine.persistence.stream;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.workflowengine.persistence.json.JsonFormats;
import org.workflowengine.persistence.metrics.StoreMetrics;
import org.workflowengine.persistence.store.event.ExecutionEvent;
import org.workflowengine.persistence.store.event.ExecutionEvent.Kind;
import org.workflowengine.persistence.store.query.ExecutionQuery;

/**
 * The one place on an instance that learns of committed changes and hands them to the streams'
 * subscribers.
 *
 * <p>It learns of a change from the store's {@link ExecutionEvent} once the change has committed,
 * and on PostgreSQL of the changes other instances commit from {@link PostgresNotifications}; it
 * notes which run changed and how, and its one dispatcher thread then reads what changed <em>once
 * per run</em> — the new links after the position it delivered last, the task records or labels
 * when they changed — and queues them to each subscriber of that run; and for each distinct filter
 * of the list streams, whether the run matches it. Subscribers never read the database after their
 * start (a new or resuming subscriber replays the run's history from its position first, in chunks
 * of {@link StreamSettings#catchUp()} links, as its queue has room).
 *
 * <p>At each heartbeat every stream gets a comment line and the hub re-reads where each watched run
 * stands: a notification lost (an instance ended between its commit and its {@code NOTIFY}, the
 * listening connection was down) delays an event by one heartbeat at most, it never loses it.
 */
@ApplicationScoped
public class EventHub {

  private static final Logger LOG = Logger.getLogger(EventHub.class.getName());

  @Inject StreamReads reads;

  @Inject PostgresNotifications cluster;

  @Resource ManagedThreadFactory threads;

  @Inject StoreMetrics metrics;

  /** Streams open now, of runs and of lists. */
  private final AtomicInteger subscribers = new AtomicInteger();

  private final Object lock = new Object();
  private StreamSettings settings;
  private ThreadPoolExecutor senders;
  private volatile Thread dispatcher;
  private volatile boolean stopping;

  private RunStreams runs;

  private ListStreams lists;

  /** Changes waiting for the dispatcher: run id → kinds (and the highest position heard of). */
  private final Map<String, Pending> pending = new LinkedHashMap<>();

  private static final class Pending {
    final EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
    long position;

    /**
     * Read the run's stream state again whatever changed (a new subscriber, a heartbeat, room in a
     * replaying subscriber's queue); not a change of the run, so nothing for the list streams.
     */
    boolean refresh;
  }

  // ----------------------------------------------------------------------------- subscribing

  /**
   * Subscribes {@code outlet} to run {@code runId}'s changes after chain position {@code after}:
   * its task records and labels as they are now, then its links after {@code after} in order, then
   * each change as it commits, until the run is terminal and every link was sent ({@code end}).
   */
  public Subscription subscribeRun(String runId, long after, EventOutlet outlet) {
    start();
    subscribers.incrementAndGet(); // before it exists: it may end at once, on another thread
    RunSubscription subscription = new RunSubscription(runId, after, outlet, this);
    runs.subscribe(subscription);
    refresh(runId);
    return subscription;
  }

  /** Subscribes {@code outlet} to the changes of the runs {@code query}'s filters select. */
  public Subscription subscribeList(ExecutionQuery query, EventOutlet outlet) {
    start();
    subscribers.incrementAndGet();
    ListSubscription subscription = new ListSubscription(query, outlet, this);
    lists.subscribe(subscription);
    return subscription;
  }

  // ------------------------------------------------------------------------ learning of changes

  /** A change this instance committed: to the other instances, and to its own subscribers. */
  void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ExecutionEvent event) {
    try {
      cluster.publish(event);
      heard(event.executionId(), event.kind(), event.position());
    } catch (RuntimeException e) {
      // Streams must never fail a write.
      LOG.log(Level.WARNING, "Could not pass a change on to the streams", e);
    }
  }

  /** A change committed here or on another instance; noted if someone here follows it. */
  void heard(String runId, Kind kind, long position) {
    if (dispatcher == null) {
      return;
    }
    if (lists.follow(kind) || runs.watches(runId)) {
      changed(runId, EnumSet.of(kind), position);
    }
  }

  /** Every watched run may have changed (a lost connection to the other instances). */
  void everythingMayHaveChanged(String why) {
    for (String runId : runs.watched()) {
      refresh(runId);
    }
    lists.resync(
        event("resync", null, JsonFormats.PROVIDER.createObjectBuilder().add("reason", why)));
  }

  /** Run {@code runId}'s subscribers are to be brought up to date whatever changed. */
  void refresh(String runId) {
    synchronized (pending) {
      pending.computeIfAbsent(runId, id -> new Pending()).refresh = true;
      pending.notifyAll();
    }
  }

  private void changed(String runId, Set<Kind> kinds, long position) {
    synchronized (pending) {
      Pending p = pending.computeIfAbsent(runId, id -> new Pending());
      p.kinds.addAll(kinds);
      p.position = Math.max(p.position, position);
      pending.notifyAll();
    }
  }

  // ------------------------------------------------------------------------------ dispatching

  private void start() {
    synchronized (lock) {
      if (dispatcher != null) {
        return;
      }
      settings = StreamSettings.of(ConfigProvider.getConfig());
      senders =
          new ThreadPoolExecutor(
              settings.senders(),
              settings.senders(),
              60,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              threads);
      cluster.listen(this);
      Thread thread = threads.newThread(this::dispatch);
      thread.setName("execution-events");
      thread.setDaemon(true);
      dispatcher = thread;
      thread.start();
    }
  }

  StreamSettings settings() {
    return settings;
  }

  ThreadPoolExecutor senders() {
    return senders;
  }

  private void dispatch() {
    long nextBeat = System.nanoTime() + settings.heartbeat().toNanos();
    while (!stopping) {
      Map<String, Pending> work;
      try {
        synchronized (pending) {
          long wait = nextBeat - System.nanoTime();
          if (pending.isEmpty() && wait > 0) {
            TimeUnit.NANOSECONDS.timedWait(pending, wait);
          }
          work = new LinkedHashMap<>(pending);
          pending.clear();
        }
      } catch (InterruptedException e) {
        return;
      }
      if (System.nanoTime() - nextBeat >= 0) {
        nextBeat = System.nanoTime() + settings.heartbeat().toNanos();
        heartbeat(work);
      }
      for (Map.Entry<String, Pending> change : work.entrySet()) {
        try {
          dispatch(change.getKey(), change.getValue());
        } catch (RuntimeException e) {
          // The database is away, or the run went while it was read: try again at the next
          // change or heartbeat; the subscribers keep their positions.
          LOG.log(Level.FINE, "Could not read the changes of run " + change.getKey(), e);
        }
      }
    }
  }

  private void heartbeat(Map<String, Pending> work) {
    StreamEvent beat = StreamEvent.comment("heartbeat");
    runs.beat(beat);
    lists.beat(beat);
    for (String runId : runs.watched()) {
      work.computeIfAbsent(runId, id -> new Pending()).refresh = true;
    }
  }

  private void dispatch(String runId, Pending change) {
    runs.dispatch(runId, change.kinds, change.position, change.refresh);
    lists.dispatch(runId, change.kinds);
  }

  static StreamEvent event(String name, String id, JsonObjectBuilder data) {
    return new StreamEvent(name, id, data.build().toString());
  }

  // ---------------------------------------------------------------------------- list streams

  // ------------------------------------------------------------------------------- lifecycle

  void ended(Subscription subscription) {
    subscribers.decrementAndGet();
    if (subscription instanceof ListSubscription list) {
      lists.ended(list);
    }
  }

  @PostConstruct
  void create() {
    metrics.gauge(
        "executions.stream.subscribers",
        "Event streams open now, of runs and of lists",
        subscribers,
        AtomicInteger::get);
    runs = new RunStreams(this, reads);
    lists = new ListStreams(reads);
  }

  @PreDestroy
  void stop() {
    stopping = true;
    synchronized (lock) {
      if (dispatcher != null) {
        dispatcher.interrupt();
        senders.shutdownNow();
      }
    }
    cluster.stop();
  }
}
