package org.workflowengine.persistence.stream;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One subscriber: a bounded queue of events waiting to be written to its {@link EventOutlet}, and
 * at most one sender draining it on the hub's sender pool. The hub only ever adds to the queue, so
 * a subscriber whose client reads slowly never holds up the hub, the other subscribers or the
 * writers: when its queue is full, what waits is dropped, a {@code resync} event is queued in its
 * place and the stream ends after it ({@link #offer}).
 */
public abstract class Subscription {

  private static final Logger LOG = Logger.getLogger(Subscription.class.getName());

  private final EventOutlet outlet;
  private final Executor senders;
  private final StreamSettings settings;
  private final Consumer<Subscription> ended;
  private final ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
  private long bytes;
  private boolean sending;
  private boolean closing;
  private boolean closed;
  private Runnable whenRoom;

  Subscription(
      EventOutlet outlet, Executor senders, StreamSettings settings, Consumer<Subscription> ended) {
    this.outlet = outlet;
    this.senders = senders;
    this.settings = settings;
    this.ended = ended;
  }

  /**
   * Queues a live event. If the queue is full (in events or bytes) the subscriber cannot keep up:
   * what waits is dropped, {@code resync} is queued instead and the stream ends after it.
   *
   * @return false if the subscription is ending (nothing more is queued)
   */
  public synchronized boolean offer(StreamEvent event) {
    if (closing || closed) {
      return false;
    }
    if (queue.size() >= settings.queueEvents() || bytes + event.weight() > settings.queueBytes()) {
      queue.clear();
      bytes = 0;
      finish(resync());
      return false;
    }
    queue.add(event);
    bytes += event.weight();
    schedule();
    return true;
  }

  /**
   * Queues a replayed event if it fits (the subscriber's history is read as its queue has room);
   * false if it does not, or the subscription is ending.
   */
  synchronized boolean offerIfRoom(StreamEvent event) {
    if (closing
        || closed
        || queue.size() >= settings.queueEvents()
        || bytes + event.weight() > settings.queueBytes()) {
      return false;
    }
    queue.add(event);
    bytes += event.weight();
    schedule();
    return true;
  }

  /** How many more events the queue takes now (0 once ending). */
  public synchronized int room() {
    if (closing || closed) {
      return 0;
    }
    return bytes >= settings.queueBytes() ? 0 : Math.max(0, settings.queueEvents() - queue.size());
  }

  /** Asks to be told (once) when the queue has drained to half its size. */
  void whenRoom(Runnable action) {
    synchronized (this) {
      if (queue.size() > settings.queueEvents() / 2) {
        whenRoom = action;
        return;
      }
    }
    action.run();
  }

  /** Queues {@code last} (if not null) and ends the stream once it is written. */
  public synchronized void finish(StreamEvent last) {
    if (closing || closed) {
      return;
    }
    if (last != null) {
      queue.add(last);
      bytes += last.weight();
    }
    closing = true;
    schedule();
  }

  /** The event that tells this subscriber it fell behind, and what to do. */
  abstract StreamEvent resync();

  /** A heartbeat: a comment line, or the end of a stream whose client went away. */
  void beat(StreamEvent beat) {
    if (clientGone()) {
      closeNow();
    } else {
      offer(beat);
    }
  }

  /** Whether the stream has ended or is ending. */
  public synchronized boolean isEnding() {
    return closing || closed;
  }

  /** Events waiting to be written. */
  public synchronized int waiting() {
    return queue.size();
  }

  private void schedule() {
    if (sending) {
      return;
    }
    sending = true;
    try {
      senders.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // The hub is shutting down: nothing will be sent any more.
      sending = false;
      closeNow();
    }
  }

  private void drain() {
    while (true) {
      StreamEvent next;
      Runnable room = null;
      synchronized (this) {
        next = queue.poll();
        if (next == null) {
          sending = false;
          if (!closing || closed) {
            return;
          }
        } else {
          bytes -= next.weight();
          if (whenRoom != null && queue.size() <= settings.queueEvents() / 2) {
            room = whenRoom;
            whenRoom = null;
          }
        }
      }
      if (next == null) {
        closeNow();
        return;
      }
      try {
        outlet
            .send(next)
            .toCompletableFuture()
            .get(settings.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closeNow();
        return;
      } catch (Exception e) {
        LOG.log(Level.FINE, "A subscriber went away", e);
        closeNow();
        return;
      }
      if (room != null) {
        room.run();
      }
    }
  }

  /** Ends the stream now, dropping what waits. */
  void closeNow() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      closing = true;
      queue.clear();
      bytes = 0;
    }
    try {
      outlet.close();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Closing a stream failed", e);
    }
    ended.accept(this);
  }

  /** Whether the client has gone away (checked at each heartbeat). */
  boolean clientGone() {
    return outlet.isClosed();
  }
}
