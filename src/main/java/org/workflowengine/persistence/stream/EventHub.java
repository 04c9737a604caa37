package org.workflowengine.persistence.stream;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.workflowengine.persistence.chain.StoredLink;
import org.workflowengine.persistence.json.JsonFormats;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.store.event.ExecutionEvent;
import org.workflowengine.persistence.store.event.ExecutionEvent.Kind;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.query.ExecutionSummary;

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

  /** The kinds a list stream reports. */
  private static final Set<Kind> LIST_KINDS =
      EnumSet.of(
          Kind.CREATED,
          Kind.REPLACED,
          Kind.STATUS_CHANGED,
          Kind.LABEL_SET,
          Kind.LABEL_REMOVED,
          Kind.DELETED,
          Kind.ARCHIVED,
          Kind.RESTORED);

  /** The kinds that only add links. */
  private static final Set<Kind> LINK_KINDS =
      EnumSet.of(Kind.AUDIT_APPENDED, Kind.LOGS_APPENDED, Kind.ERROR_RECORDED, Kind.STATUS_CHANGED);

  @Inject StreamReads reads;

  @Inject PostgresNotifications cluster;

  @Resource ManagedThreadFactory threads;

  private final Object lock = new Object();
  private StreamSettings settings;
  private ThreadPoolExecutor senders;
  private Thread dispatcher;
  private volatile boolean stopping;

  /** Runs watched by run streams, by id; touched by the dispatcher alone once registered. */
  private final Map<String, RunWatch> watches = new ConcurrentHashMap<>();

  private final Set<ListSubscription> lists = ConcurrentHashMap.newKeySet();

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
    RunSubscription subscription = new RunSubscription(runId, after, outlet, this);
    watches.compute(
        runId,
        (id, watch) -> {
          RunWatch w = watch == null ? new RunWatch(id) : watch;
          w.added.add(subscription);
          return w;
        });
    refresh(runId);
    return subscription;
  }

  /** Subscribes {@code outlet} to the changes of the runs {@code query}'s filters select. */
  public Subscription subscribeList(ExecutionQuery query, EventOutlet outlet) {
    start();
    ListSubscription subscription = new ListSubscription(query, outlet, this);
    lists.add(subscription);
    return subscription;
  }

  /** How many streams are open on this instance. */
  public int subscribers() {
    int count = lists.size();
    for (RunWatch watch : watches.values()) {
      count += watch.subscriptions.size() + watch.added.size();
    }
    return count;
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
    boolean forList = !lists.isEmpty() && LIST_KINDS.contains(kind);
    if (forList || watches.containsKey(runId)) {
      changed(runId, EnumSet.of(kind), position);
    }
  }

  /** Every watched run may have changed (a lost connection to the other instances). */
  void everythingMayHaveChanged(String why) {
    for (String runId : watches.keySet()) {
      refresh(runId);
    }
    for (ListSubscription list : lists) {
      list.finish(
          event("resync", null, JsonFormats.PROVIDER.createObjectBuilder().add("reason", why)));
    }
  }

  private void refresh(String runId) {
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
    for (RunWatch watch : watches.values()) {
      for (RunSubscription subscription : watch.subscriptions) {
        subscription.beat(beat);
      }
      work.computeIfAbsent(watch.runId, id -> new Pending()).refresh = true;
    }
    for (ListSubscription list : lists) {
      list.beat(beat);
    }
  }

  private void dispatch(String runId, Pending change) {
    RunWatch watch = watches.get(runId);
    if (watch != null) {
      dispatchRun(watch, change);
    }
    Set<Kind> listed = EnumSet.noneOf(Kind.class);
    listed.addAll(change.kinds);
    listed.retainAll(LIST_KINDS);
    if (!listed.isEmpty() && !lists.isEmpty()) {
      dispatchList(runId, listed);
    }
  }

  // ----------------------------------------------------------------------------- run streams

  /** A run someone follows: what was delivered of it, and to whom. */
  private static final class RunWatch {
    final String runId;

    /** Subscriptions waiting for their first round (added by request threads). */
    final Set<RunSubscription> added = ConcurrentHashMap.newKeySet();

    final List<RunSubscription> subscriptions = new ArrayList<>();
    long delivered = -1;
    Map<String, String> tasks;
    String labels;

    RunWatch(String runId) {
      this.runId = runId;
    }
  }

  private void dispatchRun(RunWatch watch, Pending change) {
    String runId = watch.runId;
    watch.subscriptions.removeIf(Subscription::isEnding);
    for (RunSubscription added : List.copyOf(watch.added)) {
      watch.added.remove(added);
      watch.subscriptions.add(added);
    }
    if (watch.subscriptions.isEmpty()) {
      if (watch.added.isEmpty()) {
        watches.remove(runId, watch);
      }
      return;
    }
    if (!change.refresh
        && change.position > 0
        && change.position <= watch.delivered
        && LINK_KINDS.containsAll(change.kinds)
        && watch.subscriptions.stream().allMatch(s -> s.started)) {
      return; // heard again (our own NOTIFY, each event of a group): nothing new
    }
    Optional<StreamReads.Head> found = reads.head(runId);
    if (found.isEmpty()) {
      for (RunSubscription subscription : watch.subscriptions) {
        subscription.finish(
            event(
                "end",
                null,
                JsonFormats.PROVIDER
                    .createObjectBuilder()
                    .add("reason", "deleted")
                    .add("position", subscription.cursor)));
      }
      watch.subscriptions.clear();
      return;
    }
    StreamReads.Head head = found.get();
    boolean taskChange =
        watch.tasks == null
            || change.refresh
            || change.kinds.contains(Kind.TASK_UPSERTED)
            || change.kinds.contains(Kind.REPLACED)
            || change.kinds.contains(Kind.RESTORED);
    boolean labelChange =
        watch.labels == null
            || change.refresh
            || change.kinds.contains(Kind.LABEL_SET)
            || change.kinds.contains(Kind.LABEL_REMOVED)
            || change.kinds.contains(Kind.REPLACED)
            || change.kinds.contains(Kind.RESTORED);
    List<StreamEvent> stateChanges = new ArrayList<>();
    if (taskChange) {
      Map<String, String> tasks = new LinkedHashMap<>();
      for (TaskExecution task : reads.tasks(runId, head.archived())) {
        tasks.put(task.getTaskId(), JsonFormats.JSONB.toJson(task));
      }
      Map<String, String> before = watch.tasks == null ? Map.of() : watch.tasks;
      tasks.forEach(
          (taskId, json) -> {
            if (!json.equals(before.get(taskId))) {
              stateChanges.add(new StreamEvent("task", null, json));
            }
          });
      watch.tasks = tasks;
    }
    if (labelChange) {
      String labels =
          JsonFormats.PROVIDER
              .createObjectBuilder()
              .add(
                  "labels",
                  JsonFormats.PROVIDER.createObjectBuilder(
                      new HashMap<String, Object>(reads.labels(runId, head.archived()))))
              .build()
              .toString();
      if (!labels.equals(watch.labels)) {
        stateChanges.add(new StreamEvent("labels", null, labels));
      }
      watch.labels = labels;
    }
    // New subscribers first get the run's task records and labels as they are now.
    for (RunSubscription subscription : watch.subscriptions) {
      if (!subscription.started) {
        subscription.started = true;
        for (String task : watch.tasks.values()) {
          subscription.offer(new StreamEvent("task", null, task));
        }
        subscription.offer(new StreamEvent("labels", null, watch.labels));
      } else {
        for (StreamEvent state : stateChanges) {
          subscription.offer(state);
        }
      }
    }
    // Links: the new ones once for all who are up to date, a chunk of history for each of the
    // others, as much as its queue takes.
    long live = watch.delivered < 0 ? head.links() : watch.delivered;
    List<StoredLink> fresh =
        live < head.links() ? reads.links(runId, live, head.links(), head.archived()) : List.of();
    List<StreamEvent> freshEvents = fresh.stream().map(l -> linkEvent(runId, l)).toList();
    boolean behind = false;
    for (RunSubscription subscription : watch.subscriptions) {
      if (subscription.cursor < live) {
        int room = subscription.room();
        if (room > 0) {
          long upTo = Math.min(live, subscription.cursor + Math.min(room, settings.catchUp()));
          for (StoredLink link : reads.links(runId, subscription.cursor, upTo, head.archived())) {
            if (!subscription.replay(link.link().position(), linkEvent(runId, link))) {
              break;
            }
            subscription.cursor = link.link().position();
          }
        }
        if (subscription.cursor < live) {
          behind = true;
          subscription.whenRoom(() -> refresh(runId));
          continue;
        }
      }
      for (int i = 0; i < fresh.size(); i++) {
        subscription.send(fresh.get(i).link().position(), freshEvents.get(i));
      }
      subscription.cursor = Math.max(subscription.cursor, head.links());
    }
    watch.delivered = head.links();
    if (head.status().isTerminal()) {
      for (RunSubscription subscription : watch.subscriptions) {
        if (subscription.cursor >= head.links()) {
          subscription.finish(
              event(
                  "end",
                  null,
                  JsonFormats.PROVIDER
                      .createObjectBuilder()
                      .add("reason", "terminal")
                      .add("status", head.status().wireName())
                      .add("position", head.links())));
        }
      }
    }
    if (behind) {
      LOG.finest(() -> "A subscriber of " + runId + " is still replaying its history");
    }
  }

  /** A link as its stream's event: its kind, its position as id, what a GET shows for it. */
  private static StreamEvent linkEvent(String runId, StoredLink stored) {
    JsonObjectBuilder data =
        JsonFormats.PROVIDER
            .createObjectBuilder(stored.link().entry())
            .add("position", stored.link().position());
    String recordedBy = stored.link().recordedBy();
    if (recordedBy == null) {
      data.addNull("recorded_by");
    } else {
      data.add("recorded_by", recordedBy);
    }
    return new StreamEvent(
        stored.link().kind().wireName(),
        Long.toString(stored.link().position()),
        data.build().toString());
  }

  static StreamEvent event(String name, String id, JsonObjectBuilder data) {
    return new StreamEvent(name, id, data.build().toString());
  }

  // ---------------------------------------------------------------------------- list streams

  private void dispatchList(String runId, Set<Kind> kinds) {
    lists.removeIf(Subscription::isEnding);
    Map<ExecutionQuery, List<ListSubscription>> byFilter = new HashMap<>();
    for (ListSubscription list : lists) {
      byFilter.computeIfAbsent(list.query, q -> new ArrayList<>()).add(list);
    }
    String change = changeName(kinds);
    for (Map.Entry<ExecutionQuery, List<ListSubscription>> filter : byFilter.entrySet()) {
      Optional<ExecutionSummary> summary =
          kinds.contains(Kind.DELETED)
              ? Optional.empty()
              : reads.summaryIfMatching(filter.getKey(), runId);
      StreamEvent event;
      if (summary.isPresent()) {
        event =
            event(
                "execution",
                null,
                JsonFormats.PROVIDER
                    .createObjectBuilder()
                    .add("change", change)
                    .add("execution", json(summary.get())));
      } else if (kinds.equals(EnumSet.of(Kind.CREATED))) {
        continue; // a new run the filter does not select: nothing to say
      } else {
        event =
            event(
                "removed",
                null,
                JsonFormats.PROVIDER.createObjectBuilder().add("id", runId).add("change", change));
      }
      for (ListSubscription list : filter.getValue()) {
        list.offer(event);
      }
    }
  }

  private static JsonObject json(ExecutionSummary summary) {
    try (var reader =
        JsonFormats.READERS.createReader(
            new java.io.StringReader(JsonFormats.JSONB.toJson(summary)))) {
      return reader.readObject();
    }
  }

  /** The change a list stream names: the most telling of what happened. */
  private static String changeName(Set<Kind> kinds) {
    if (kinds.contains(Kind.DELETED)) {
      return "deleted";
    }
    if (kinds.contains(Kind.CREATED)) {
      return "created";
    }
    if (kinds.contains(Kind.ARCHIVED)) {
      return "archived";
    }
    if (kinds.contains(Kind.RESTORED)) {
      return "restored";
    }
    if (kinds.contains(Kind.REPLACED)) {
      return "replaced";
    }
    if (kinds.contains(Kind.STATUS_CHANGED)) {
      return "status";
    }
    return "labels";
  }

  // ------------------------------------------------------------------------------- lifecycle

  void ended(Subscription subscription) {
    if (subscription instanceof ListSubscription list) {
      lists.remove(list);
    }
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
