package org.workflowengine.persistence.stream;

import java.util.concurrent.CompletionStage;

/**
 * Where a subscription's events are written: over HTTP, a Jakarta REST {@code SseEventSink}. Only
 * one thread sends to an outlet at a time.
 */
public interface EventOutlet {

  /** Writes one event; the stage completes once it is written, exceptionally if it cannot be. */
  CompletionStage<?> send(StreamEvent event);

  /** Ends the stream. */
  void close();

  /** Whether the stream has ended (the client went away, or {@link #close} was called). */
  boolean isClosed();
}
