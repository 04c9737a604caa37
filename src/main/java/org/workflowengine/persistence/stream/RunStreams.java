package org.workflowengine.persistence.stream;

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
import java.util.logging.Logger;
import org.workflowengine.persistence.chain.ChainLink;
import org.workflowengine.persistence.chain.StoredLink;
import org.workflowengine.persistence.json.JsonFormats;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.archive.ArchivedReads;
import org.workflowengine.persistence.store.event.ExecutionEvent.Kind;

/**
 * The run streams of an instance: for each run someone follows, the position delivered of it, its
 * task records and labels as last sent, and its subscribers; {@link #dispatch} brings them up to
 * date with one set of reads for all of them. Touched by the hub's dispatcher thread alone, but for
 * {@link #subscribe}.
 */
final class RunStreams {

  private static final Logger LOG = Logger.getLogger(RunStreams.class.getName());

  /** The kinds that only add links. */
  private static final Set<Kind> LINK_KINDS =
      EnumSet.of(Kind.AUDIT_APPENDED, Kind.LOGS_APPENDED, Kind.ERROR_RECORDED, Kind.STATUS_CHANGED);

  private final EventHub hub;
  private final StreamReads reads;
  private final Map<String, RunWatch> watches = new ConcurrentHashMap<>();

  RunStreams(EventHub hub, StreamReads reads) {
    this.hub = hub;
    this.reads = reads;
  }

  /** A run someone follows: what was delivered of it, and to whom. */
  private static final class RunWatch {
    final String runId;

    /** Subscriptions waiting for their first round (added by request threads). */
    final Set<RunSubscription> added = ConcurrentHashMap.newKeySet();

    final List<RunSubscription> subscriptions = new ArrayList<>();
    long delivered = -1;
    Map<String, String> tasks;
    String labels;

    /** An archived run's contents, read once: it no longer changes. */
    ArchivedReads.Contents archived;

    RunWatch(String runId) {
      this.runId = runId;
    }
  }

  /** Adds {@code subscription}; the hub's next round for its run starts it. */
  void subscribe(RunSubscription subscription) {
    watches.compute(
        subscription.runId,
        (id, watch) -> {
          RunWatch w = watch == null ? new RunWatch(id) : watch;
          w.added.add(subscription);
          return w;
        });
  }

  /** Whether someone here follows run {@code runId}. */
  boolean watches(String runId) {
    return watches.containsKey(runId);
  }

  /** The runs someone here follows. */
  Set<String> watched() {
    return watches.keySet();
  }

  /** A heartbeat to every run subscriber. */
  void beat(StreamEvent beat) {
    for (RunWatch watch : watches.values()) {
      for (RunSubscription subscription : watch.subscriptions) {
        subscription.beat(beat);
      }
    }
  }

  /**
   * Brings run {@code runId}'s subscribers up to date after {@code kinds} of change (the highest
   * chain position heard of: {@code position}; {@code refresh}: read everything again).
   */
  void dispatch(String runId, Set<Kind> kinds, long position, boolean refresh) {
    RunWatch watch = watches.get(runId);
    if (watch != null) {
      dispatchRun(watch, kinds, position, refresh);
    }
  }

  private void dispatchRun(RunWatch watch, Set<Kind> kinds, long position, boolean refresh) {
    String runId = watch.runId;
    watch.subscriptions.removeIf(Subscription::isEnding);
    for (RunSubscription added : List.copyOf(watch.added)) {
      watch.added.remove(added);
      watch.subscriptions.add(added);
    }
    if (watch.subscriptions.isEmpty()) {
      // atomically with subscribeRun's compute: a subscriber added meanwhile keeps the watch
      watches.computeIfPresent(
          runId, (id, w) -> w.added.isEmpty() && w.subscriptions.isEmpty() ? null : w);
      return;
    }
    if (!refresh
        && position > 0
        && position <= watch.delivered
        && LINK_KINDS.containsAll(kinds)
        && watch.subscriptions.stream().allMatch(s -> s.started)) {
      return; // heard again (our own NOTIFY, each event of a group): nothing new
    }
    Optional<StreamReads.Head> found = reads.head(runId);
    if (found.isEmpty()) {
      for (RunSubscription subscription : watch.subscriptions) {
        subscription.finish(end("deleted", null, subscription.cursor));
      }
      watch.subscriptions.clear();
      return;
    }
    StreamReads.Head head = found.get();
    Source source = head.archived() ? archived(watch) : live(runId);
    boolean taskChange =
        watch.tasks == null
            || refresh
            || kinds.contains(Kind.TASK_UPSERTED)
            || kinds.contains(Kind.REPLACED)
            || kinds.contains(Kind.RESTORED);
    boolean labelChange =
        watch.labels == null
            || refresh
            || kinds.contains(Kind.LABEL_SET)
            || kinds.contains(Kind.LABEL_REMOVED)
            || kinds.contains(Kind.REPLACED)
            || kinds.contains(Kind.RESTORED);
    List<StreamEvent> stateChanges = new ArrayList<>();
    if (taskChange) {
      Map<String, String> tasks = new LinkedHashMap<>();
      for (TaskExecution task : source.tasks()) {
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
                      new HashMap<String, Object>(source.labels())))
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
    List<StoredLink> fresh = live < head.links() ? source.links(live, head.links()) : List.of();
    List<StreamEvent> freshEvents = fresh.stream().map(l -> linkEvent(runId, l)).toList();
    boolean behind = false;
    for (RunSubscription subscription : watch.subscriptions) {
      if (subscription.cursor < live) {
        int room = subscription.room();
        if (room > 0) {
          long upTo =
              Math.min(live, subscription.cursor + Math.min(room, hub.settings().catchUp()));
          for (StoredLink link : source.links(subscription.cursor, upTo)) {
            if (!subscription.replay(link.link().position(), linkEvent(runId, link))) {
              break;
            }
            subscription.cursor = link.link().position();
          }
        }
        if (subscription.cursor < live) {
          behind = true;
          subscription.whenRoom(() -> hub.refresh(runId));
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
          subscription.finish(end("terminal", head.status(), head.links()));
        }
      }
    }
    if (behind) {
      LOG.finest(() -> "A subscriber of " + runId + " is still replaying its history");
    }
  }

  /** Where a round reads a run: the database, or an archived run's object. */
  private interface Source {
    List<StoredLink> links(long after, long upTo);

    List<TaskExecution> tasks();

    Map<String, String> labels();
  }

  private Source live(String runId) {
    return new Source() {
      @Override
      public List<StoredLink> links(long after, long upTo) {
        return reads.links(runId, after, upTo);
      }

      @Override
      public List<TaskExecution> tasks() {
        return reads.tasks(runId);
      }

      @Override
      public Map<String, String> labels() {
        return reads.labels(runId);
      }
    };
  }

  /** An archived run, its object read at the watch's first round only. */
  private Source archived(RunWatch watch) {
    if (watch.archived == null) {
      watch.archived =
          reads
              .archived(watch.runId)
              .orElse(new ArchivedReads.Contents(List.of(), Map.of(), List.of()));
    }
    ArchivedReads.Contents contents = watch.archived;
    return new Source() {
      @Override
      public List<StoredLink> links(long after, long upTo) {
        return contents.links().stream()
            .filter(l -> l.link().position() > after && l.link().position() <= upTo)
            .toList();
      }

      @Override
      public List<TaskExecution> tasks() {
        return contents.tasks();
      }

      @Override
      public Map<String, String> labels() {
        return contents.labels();
      }
    };
  }

  /** The stream's last event: why it ends, the run's status if known, the last position sent. */
  private static StreamEvent end(String reason, WorkflowStatus status, long position) {
    JsonObjectBuilder data = JsonFormats.PROVIDER.createObjectBuilder().add("reason", reason);
    if (status != null) {
      data.add("status", status.wireName());
    }
    return EventHub.event("end", null, data.add("position", position));
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
    if (stored.link().kind() != ChainLink.Kind.STATUS) {
      String traceId = stored.link().traceId();
      if (traceId == null) {
        data.addNull("trace_id");
      } else {
        data.add("trace_id", traceId);
      }
    }
    return new StreamEvent(
        stored.link().kind().wireName(),
        Long.toString(stored.link().position()),
        data.build().toString());
  }
}
