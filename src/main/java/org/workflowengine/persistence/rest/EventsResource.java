package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.stream.EventHub;

/**
 * {@code /api/events}: the changes of the runs a listing's filters select, as server-sent events
 * ({@code execution} with the run's summary, {@code removed} when it leaves the filter or is
 * deleted). A bad filter is refused with the usual problem+json before the stream starts. See
 * docs/api.md, "Live streams".
 */
@Path("events")
public class EventsResource {

  @Inject EventHub hub;

  @RoleRequired(Roles.READER)
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void list(
      @BeanParam FilterParameters filters, @Context SseEventSink sink, @Context Sse sse) {
    hub.subscribeList(filters.toQuery(), new SseOutlet(sink, sse));
  }
}
