package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.Saved;

/** {@code /api/executions/{id}/tasks/{task_id}}: create or replace one task record. */
@Path("executions/{id}/tasks/{task_id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "executions")
public class TasksResource {

  @Inject ExecutionStore store;

  @Context UriInfo uriInfo;

  @RoleRequired(Roles.WRITER)
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create or replace a task record", description = "The path's task_id wins.")
  @APIResponse(
      responseCode = "200",
      description = "Replaced",
      content = @Content(schema = @Schema(implementation = TaskExecution.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = TaskExecution.class)))
  @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  public Response upsert(
      @PathParam("id") String id, @PathParam("task_id") String taskId, TaskExecution task) {
    Bodies.require(task).setTaskId(taskId);
    Saved<TaskExecution> saved = store.upsertTask(id, task);
    Response.ResponseBuilder response =
        saved.created() ? Response.created(uriInfo.getAbsolutePath()) : Response.ok();
    return response.entity(saved.value()).build();
  }
}
