/**
 * Live streams of changes: a run's changes in chain order with their positions, and the changes of
 * the runs a listing's filter selects. One {@link org.workflowengine.persistence.stream.EventHub}
 * per instance learns of every committed change (the store's {@code ExecutionEvent}s, and on
 * PostgreSQL those of other instances by {@code LISTEN}/{@code NOTIFY}, see {@link
 * org.workflowengine.persistence.stream.PostgresNotifications}), reads what changed once ({@link
 * org.workflowengine.persistence.stream.StreamReads}) and hands it to each subscriber's bounded
 * queue ({@link org.workflowengine.persistence.stream.Subscription}); a subscriber that cannot keep
 * up is told to resynchronise and closed. Depends on the store, never on the REST layer, which
 * adapts its {@code SseEventSink}s as {@link org.workflowengine.persistence.stream.EventOutlet}s.
 */
package org.workflowengine.persistence.stream;
