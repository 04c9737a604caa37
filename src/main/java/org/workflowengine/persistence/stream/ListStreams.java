package org.workflowengine.persistence.stream;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.workflowengine.persistence.json.JsonFormats;
import org.workflowengine.persistence.store.event.ExecutionEvent.Kind;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.query.ExecutionSummary;

/**
 * The list streams of an instance: for a change of a run, whether it matches each distinct filter
 * among the subscribers (one read per filter, whatever the number of its subscribers), and the
 * event each of them gets.
 */
final class ListStreams {

  /** The kinds a list stream reports. */
  static final Set<Kind> KINDS =
      EnumSet.of(
          Kind.CREATED,
          Kind.REPLACED,
          Kind.STATUS_CHANGED,
          Kind.LABEL_SET,
          Kind.LABEL_REMOVED,
          Kind.DELETED,
          Kind.ARCHIVED,
          Kind.RESTORED);

  private final StreamReads reads;
  private final Set<ListSubscription> lists = ConcurrentHashMap.newKeySet();

  ListStreams(StreamReads reads) {
    this.reads = reads;
  }

  void subscribe(ListSubscription subscription) {
    lists.add(subscription);
  }

  void ended(ListSubscription subscription) {
    lists.remove(subscription);
  }

  /** Whether anyone here follows a list, so that {@code kind} of change is news to them. */
  boolean follow(Kind kind) {
    return !lists.isEmpty() && KINDS.contains(kind);
  }

  void beat(StreamEvent beat) {
    for (ListSubscription list : lists) {
      list.beat(beat);
    }
  }

  /** Every list subscriber is told to read its list again, and its stream ends. */
  void resync(StreamEvent resync) {
    for (ListSubscription list : lists) {
      list.finish(resync);
    }
  }

  /** Tells the list subscribers of {@code kinds} of change of run {@code runId}. */
  void dispatch(String runId, Set<Kind> kinds) {
    Set<Kind> listed = EnumSet.noneOf(Kind.class);
    listed.addAll(kinds);
    listed.retainAll(KINDS);
    if (!listed.isEmpty() && !lists.isEmpty()) {
      dispatchList(runId, listed);
    }
  }

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
            EventHub.event(
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
            EventHub.event(
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

  /** The change a list stream names for a kind, the most telling first; else "labels". */
  private static final List<Map.Entry<Kind, String>> CHANGES =
      List.of(
          Map.entry(Kind.DELETED, "deleted"),
          Map.entry(Kind.CREATED, "created"),
          Map.entry(Kind.ARCHIVED, "archived"),
          Map.entry(Kind.RESTORED, "restored"),
          Map.entry(Kind.REPLACED, "replaced"),
          Map.entry(Kind.STATUS_CHANGED, "status"));

  /** The change a list stream names: the most telling of what happened. */
  private static String changeName(Set<Kind> kinds) {
    for (Map.Entry<Kind, String> change : CHANGES) {
      if (kinds.contains(change.getKey())) {
        return change.getValue();
      }
    }
    return "labels";
  }
}
