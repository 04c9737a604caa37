package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;

/** {@code /api/executions/{id}/logs/{task_id}}: append lines to one task's log. */
@Path("executions/{id}/logs/{task_id}")
@Produces(MediaType.APPLICATION_JSON)
public class TaskLogsResource {

  @Inject ExecutionStore store;

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
