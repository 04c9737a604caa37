package org.workflowengine.persistence.library.engine;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.workflowengine.persistence.model.WorkflowExecution;

/** The engine's own endpoint: {@code /api/runs}. */
@Path("runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

  @Inject Engine engine;

  @Context SecurityContext security;

  @POST
  @Consumes(MediaType.TEXT_PLAIN)
  public Response start(String workflow) {
    String caller = security.getUserPrincipal().getName();
    String id = engine.run(workflow, caller);
    return Response.status(Response.Status.CREATED)
        .entity(Json.createObjectBuilder().add("id", id).add("caller", caller).build())
        .build();
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") String id) {
    WorkflowExecution execution = engine.read(id);
    return Json.createObjectBuilder()
        .add("id", execution.getId())
        .add("status", execution.getStatus().wireName())
        .add("recorded_by", execution.getLabels().get("recorded-by"))
        .add("archived", execution.archived())
        .add("tasks", execution.getTasks().size())
        .add("valid", engine.verify(id))
        .build();
  }

  /** Archives the engine's finished runs of a workflow, as its own retention job would. */
  @POST
  @Path("archive")
  @Consumes(MediaType.TEXT_PLAIN)
  public JsonObject archive(String workflow) {
    return Json.createObjectBuilder().add("archived", engine.archive(workflow)).build();
  }

  @POST
  @Path("{id}/restore")
  public JsonObject restore(@PathParam("id") String id) {
    engine.restore(id);
    return get(id);
  }

  @GET
  @Path("{id}/events")
  public Response events(@PathParam("id") String id) {
    return Response.ok(Json.createArrayBuilder(engine.committedEvents(id)).build()).build();
  }
}
