package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.regex.Pattern;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.stream.EventHub;
import org.workflowengine.persistence.stream.StreamReads;

/**
 * {@code /api/executions/{id}/events}: a run's changes as server-sent events, in chain order with
 * each link's position as its event id, resumable from {@code Last-Event-ID}. What is refused (an
 * unknown run, a malformed or future position) is refused with the usual problem+json before the
 * stream starts. See docs/api.md, "Live streams".
 */
@Path("executions/{id}/events")
public class ExecutionEventsResource {

  /** A chain position: a non-negative decimal number of at most 18 digits. */
  private static final Pattern POSITION = Pattern.compile("[0-9]{1,18}");

  @Inject EventHub hub;

  @Inject StreamReads reads;

  @RoleRequired(Roles.READER)
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void run(
      @PathParam("id") String id,
      @HeaderParam("Last-Event-ID") String lastEventIdHeader,
      @QueryParam("last_event_id") String lastEventIdParameter,
      @Context SseEventSink sink,
      @Context Sse sse) {
    long head = reads.head(id).orElseThrow(() -> new ExecutionNotFoundException(id)).links();
    String given = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParameter;
    long after = 0;
    if (given != null) {
      String name = lastEventIdHeader != null ? "Last-Event-ID" : "last_event_id";
      if (!POSITION.matcher(given.trim()).matches()) {
        throw new InvalidQueryException(
            name,
            "must be the position of a link of the run (0 to " + head + "), was '" + given + "'");
      }
      after = Long.parseLong(given.trim());
      if (after > head) {
        throw new InvalidQueryException(
            name, "the run has " + head + " links, there is no position " + after + " yet");
      }
    }
    hub.subscribeRun(id, after, new SseOutlet(sink, sse));
  }
}
