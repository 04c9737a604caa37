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
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.write.Saved;

/** {@code /api/executions/{id}/tasks/{task_id}}: create or replace one task record. */
@Path("executions/{id}/tasks/{task_id}")
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {

  @Inject ExecutionStore store;

  @Context UriInfo uriInfo;

  @RoleRequired(Roles.WRITER)
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response upsert(
      @PathParam("id") String id, @PathParam("task_id") String taskId, TaskExecution task) {
    Bodies.require(task).setTaskId(taskId);
    Saved<TaskExecution> saved = store.upsertTask(id, task);
    Response.ResponseBuilder response =
        saved.created() ? Response.created(uriInfo.getAbsolutePath()) : Response.ok();
    return response.entity(saved.value()).build();
  }
}
