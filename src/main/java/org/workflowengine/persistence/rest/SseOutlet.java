package org.workflowengine.persistence.rest;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletionStage;
import org.workflowengine.persistence.stream.EventOutlet;
import org.workflowengine.persistence.stream.StreamEvent;

/** A subscription's events written as server-sent events, by Jakarta REST's SSE API. */
record SseOutlet(SseEventSink sink, Sse sse) implements EventOutlet {
  @Override
  public CompletionStage<?> send(StreamEvent event) {
    OutboundSseEvent.Builder builder = sse.newEventBuilder();
    if (event.isComment()) {
      builder.comment(event.data());
    } else {
      builder.name(event.name()).data(event.data());
      if (event.id() != null) {
        builder.id(event.id());
      }
    }
    return sink.send(builder.build());
  }

  @Override
  public void close() {
    sink.close();
  }

  @Override
  public boolean isClosed() {
    return sink.isClosed();
  }
}
