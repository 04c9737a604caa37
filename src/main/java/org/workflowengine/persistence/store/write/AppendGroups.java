package org.workflowengine.persistence.store.write;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.workflowengine.persistence.database.SqlStates;
import org.workflowengine.persistence.store.event.ExecutionEvent;
import org.workflowengine.persistence.trace.CurrentTrace;

/**
 * Group commit of appends to one execution, for callers without a transaction of their own (every
 * HTTP request, and Java callers outside one): appends that arrive while another append to the same
 * execution is being written wait, then are written together — one lock of the chain, one batch of
 * rows per table, one update of the head, one commit — by the first of them to get its turn. Each
 * call returns once its own append has committed, or throws what failed it; the chain is extended
 * exactly as if they had come one after the other, in the order they were queued.
 *
 * <p>A group that fails is written again one append at a time, so that an append that cannot be
 * stored never fails another (unless the database is out of reach, which fails them all alike).
 * Appends to different executions never wait on each other. Within the caller's transaction the
 * store appends directly instead (the append must commit or roll back with the caller's work);
 * several instances on one database each group their own callers, the database's row lock ordering
 * the groups.
 */
@ApplicationScoped
public class AppendGroups {

  /** At most this many appends are written in one transaction. */
  static final int MAX_GROUP = 256;

  /**
   * One caller's append: who records it, the trace it is made in (null: none), the rows it adds
   * (links of the chain), and the event it fires once written.
   */
  public record Append(
      String recordedBy,
      String traceId,
      Consumer<ExecutionRows.Batch> rows,
      ExecutionEvent.Kind event) {

    /**
     * An append made in the trace current on this thread: the caller's, since the group may be
     * written on another caller's thread.
     */
    public Append(
        String recordedBy, Consumer<ExecutionRows.Batch> rows, ExecutionEvent.Kind event) {
      this(recordedBy, CurrentTrace.id(), rows, event);
    }
  }

  private static final class Waiting {
    final Append append;
    boolean done;
    RuntimeException failure;

    Waiting(Append append) {
      this.append = append;
    }
  }

  private static final class Queue {
    final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    boolean writing;
  }

  private final Map<String, Queue> queues = new ConcurrentHashMap<>();

  @Inject AppendWriter writer;

  /**
   * Appends to execution {@code id} with the appends waiting for it, and returns once committed.
   *
   * @throws RuntimeException what the store throws for this append (the execution not stored,
   *     archived, the database unreachable, …)
   */
  public void append(String id, Append append) {
    Waiting mine = new Waiting(append);
    Queue queue = queues.computeIfAbsent(id, key -> new Queue());
    List<Waiting> group;
    boolean interrupted = false;
    synchronized (queue) {
      queue.waiting.add(mine);
      while (!mine.done && queue.writing) {
        try {
          queue.wait();
        } catch (InterruptedException e) {
          if (queue.waiting.remove(mine)) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted before the append was written", e);
          }
          // Already taken into a group being written: its outcome is this call's.
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (mine.done) {
        result(mine);
        return;
      }
      // This caller's turn: it writes every append waiting now, its own among them.
      queue.writing = true;
      group = new ArrayList<>();
      while (!queue.waiting.isEmpty() && group.size() < MAX_GROUP) {
        group.add(queue.waiting.poll());
      }
    }
    try {
      write(id, group);
    } finally {
      synchronized (queue) {
        for (Waiting one : group) {
          if (!one.done) {
            // The write ended in an Error: none of the group may pass for written.
            one.failure = new IllegalStateException("The append was not written: its group failed");
            one.done = true;
          }
        }
        queue.writing = false;
        if (queue.waiting.isEmpty()) {
          queues.remove(id, queue);
        }
        queue.notifyAll();
      }
    }
    result(mine);
  }

  private static void result(Waiting mine) {
    if (mine.failure != null) {
      throw mine.failure;
    }
  }

  /** Writes {@code group} in one transaction; if that fails, each of its appends alone. */
  private void write(String id, List<Waiting> group) {
    try {
      writer.write(id, group.stream().map(w -> w.append).toList());
      group.forEach(w -> w.done = true);
      return;
    } catch (RuntimeException e) {
      // A database out of reach fails every append of the group alike: trying each again would
      // only make the last caller wait once per append for the same answer.
      if (group.size() == 1 || SqlStates.isDatabaseUnavailable(e)) {
        group.forEach(
            w -> {
              w.failure = e;
              w.done = true;
            });
        return;
      }
    }
    for (Waiting one : group) {
      try {
        writer.write(id, List.of(one.append));
      } catch (RuntimeException e) {
        one.failure = e;
      }
      one.done = true;
    }
  }
}
