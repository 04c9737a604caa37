package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.workflowengine.persistence.model.TaskLogLine;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;

/**
 * {@code /api/executions/{id}/logs/{task_id}}: append lines to one task's log, or read them with
 * when each was appended and by whom.
 */
@Path("executions/{id}/logs/{task_id}")
@Produces(MediaType.APPLICATION_JSON)
public class TaskLogsResource {

  @Inject ExecutionStore store;

  @RoleRequired(Roles.READER)
  @GET
  public JsonObject read(@PathParam("id") String id, @PathParam("task_id") String taskId) {
    JsonArrayBuilder lines = Json.createArrayBuilder();
    for (TaskLogLine line : store.getLogLines(id, taskId)) {
      JsonObjectBuilder entry =
          Json.createObjectBuilder()
              .add("line", line.getLine())
              .add("logged_at", line.getLoggedAt().toString());
      if (line.getRecordedBy() == null) {
        entry.addNull("recorded_by");
      } else {
        entry.add("recorded_by", line.getRecordedBy());
      }
      if (line.getTraceId() == null) {
        entry.addNull("trace_id");
      } else {
        entry.add("trace_id", line.getTraceId());
      }
      lines.add(entry);
    }
    return Json.createObjectBuilder().add("task_id", taskId).add("lines", lines).build();
  }

  @RoleRequired(Roles.WRITER)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response append(
      @PathParam("id") String id, @PathParam("task_id") String taskId, LogLines body) {
    LogLines lines = Bodies.require(body);
    store.appendLogs(id, taskId, lines.getLines());
    return Response.status(Response.Status.CREATED)
        .entity(
            Json.createObjectBuilder()
                .add("task_id", taskId)
                .add("appended", lines.getLines().size())
                .build())
        .build();
  }
}
