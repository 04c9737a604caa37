package org.workflowengine.persistence.stream;

import org.workflowengine.persistence.json.JsonFormats;
import org.workflowengine.persistence.store.query.ExecutionQuery;

/** A subscriber to the changes of the runs a listing's filters select. */
final class ListSubscription extends Subscription {

  private static final StreamEvent RESYNC =
      EventHub.event(
          "resync",
          null,
          JsonFormats.PROVIDER
              .createObjectBuilder()
              .add(
                  "reason",
                  "this subscriber did not keep up: more events waited for it than the server keeps"
                      + " for one; read the list again and subscribe again"));

  final ExecutionQuery query;

  ListSubscription(ExecutionQuery query, EventOutlet outlet, EventHub hub) {
    super(outlet, hub.senders(), hub.settings(), hub::ended);
    this.query = query;
    offer(StreamEvent.comment("live"));
  }

  @Override
  StreamEvent resync() {
    return RESYNC;
  }
}
