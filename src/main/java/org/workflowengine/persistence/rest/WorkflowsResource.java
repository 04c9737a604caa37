package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.DefinitionVersion;
import org.workflowengine.persistence.store.WorkflowHistory;
import org.workflowengine.persistence.store.WorkflowSummary;

/** {@code /api/workflows}: which workflows ran, and with which definitions. */
@Path("workflows")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "history", description = "Workflow definitions over time")
public class WorkflowsResource {

  @Inject WorkflowHistory history;

  @RoleRequired(Roles.READER)
  @GET
  @Operation(
      summary = "Every workflow that ran",
      description = "By name, with its run count, last run and number of distinct definitions")
  @APIResponse(responseCode = "200", description = "The workflows")
  public List<WorkflowSummary> workflows() {
    return history.workflows();
  }

  @RoleRequired(Roles.READER)
  @GET
  @Path("{name}/snapshots")
  @Operation(
      summary = "The definitions a workflow ran with",
      description = "Distinct snapshots in the order first used, numbered from 1")
  @APIResponse(responseCode = "200", description = "The definitions")
  @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  public List<DefinitionVersion> definitions(@PathParam("name") String name) {
    List<DefinitionVersion> versions = history.definitionsOf(name);
    if (versions.isEmpty()) {
      throw new jakarta.ws.rs.NotFoundException("No execution of workflow '" + name + "'");
    }
    return versions;
  }
}
