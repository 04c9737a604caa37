package org.workflowengine.persistence.stream;

/**
 * A subscriber to one run: the chain position it has been given links up to ({@link #cursor}),
 * moved by the hub's dispatcher alone.
 */
final class RunSubscription extends Subscription {

  private static final StreamEvent RESYNC =
      EventHub.event(
          "resync",
          null,
          org.workflowengine.persistence.json.JsonFormats.PROVIDER
              .createObjectBuilder()
              .add(
                  "reason",
                  "this subscriber did not keep up: more events waited for it than the server keeps"
                      + " for one; reconnect with the id of the last event received"));

  final String runId;

  /** The position up to which links were handed to this subscriber (or skipped as given). */
  long cursor;

  /** Whether it was given the run's task records and labels. */
  boolean started;

  private long queuedUpTo;

  RunSubscription(String runId, long after, EventOutlet outlet, EventHub hub) {
    super(outlet, hub.senders(), hub.settings(), hub::ended);
    this.runId = runId;
    this.cursor = after;
    this.queuedUpTo = after;
    offer(StreamEvent.comment("live"));
  }

  /** Queues the link at {@code position}, unless it was queued already. */
  void send(long position, StreamEvent link) {
    if (position > queuedUpTo && offer(link)) {
      queuedUpTo = position;
    }
  }

  /** Queues a replayed link if it fits; false when the queue is full (the replay waits). */
  boolean replay(long position, StreamEvent link) {
    if (position <= queuedUpTo) {
      return true;
    }
    if (!offerIfRoom(link)) {
      return false;
    }
    queuedUpTo = position;
    return true;
  }

  @Override
  StreamEvent resync() {
    return RESYNC;
  }
}
