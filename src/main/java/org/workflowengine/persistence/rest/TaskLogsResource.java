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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;

/** {@code /api/executions/{id}/logs/{task_id}}: append lines to one task's log. */
@Path("executions/{id}/logs/{task_id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "appends")
public class TaskLogsResource {

  @Inject ExecutionStore store;

  @RoleRequired(Roles.WRITER)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Append lines to a task's log")
  @APIResponse(
      responseCode = "201",
      description = "Appended: {\"task_id\": …, \"appended\": <number of lines>}")
  @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
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
