package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.WorkflowHistory;
import org.workflowengine.persistence.store.query.DefinitionVersion;
import org.workflowengine.persistence.store.query.WorkflowSummary;

/** {@code /api/workflows}: which workflows ran, and with which definitions. */
@Path("workflows")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowsResource {

  @Inject WorkflowHistory history;

  @RoleRequired(Roles.READER)
  @GET
  public List<WorkflowSummary> workflows() {
    return history.workflows();
  }

  @RoleRequired(Roles.READER)
  @GET
  @Path("{name}/snapshots")
  public List<DefinitionVersion> definitions(@PathParam("name") String name) {
    List<DefinitionVersion> versions = history.definitionsOf(name);
    if (versions.isEmpty()) {
      throw new jakarta.ws.rs.NotFoundException("No execution of workflow '" + name + "'");
    }
    return versions;
  }
}
