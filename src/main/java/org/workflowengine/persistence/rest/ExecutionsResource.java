package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionPage;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.PurgeResult;
import org.workflowengine.persistence.store.Retention;
import org.workflowengine.persistence.store.RetentionPolicy;
import org.workflowengine.persistence.store.Saved;

/** {@code /api/executions}: create, read, replace, delete and list executions. */
@Path("executions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "executions", description = "Workflow executions with their definition snapshots")
public class ExecutionsResource {

  @Inject ExecutionStore store;

  @Inject Retention retention;

  @Context UriInfo uriInfo;

  @RoleRequired(Roles.WRITER)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Record a new execution")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = WorkflowExecution.class),
              examples = @ExampleObject(name = "seed", ref = ApiDocs.SEED_EXAMPLE)))
  @APIResponse(
      responseCode = "201",
      description = "Stored; Location names it, ETag is its version",
      content = @Content(schema = @Schema(implementation = WorkflowExecution.class)))
  @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @APIResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @APIResponse(responseCode = "413", ref = ApiDocs.TOO_LARGE)
  @APIResponse(responseCode = "415", ref = ApiDocs.UNSUPPORTED_MEDIA_TYPE)
  public Response create(WorkflowExecution execution) {
    WorkflowExecution created = store.create(Bodies.require(execution));
    return Response.created(uriInfo.getAbsolutePathBuilder().path(created.getId()).build())
        .tag(ETags.of(created.getVersion()))
        .entity(created)
        .build();
  }

  @RoleRequired(Roles.READER)
  @GET
  @Path("{id}")
  @Operation(summary = "Read a whole execution")
  @APIResponse(
      responseCode = "200",
      description = "The execution; ETag is its version",
      content = @Content(schema = @Schema(implementation = WorkflowExecution.class)))
  @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  public Response get(@PathParam("id") @Parameter(description = "Execution id") String id) {
    WorkflowExecution execution = store.get(id);
    return Response.ok(execution).tag(ETags.of(execution.getVersion())).build();
  }

  @RoleRequired(Roles.WRITER)
  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create or replace an execution",
      description =
          "The path's id wins over the body's. A replacement keeps created_at and every stored"
              + " audit entry, log line and error, appending those of the body beyond them.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = WorkflowExecution.class)))
  @APIResponse(
      responseCode = "200",
      description = "Replaced",
      content = @Content(schema = @Schema(implementation = WorkflowExecution.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = WorkflowExecution.class)))
  @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @APIResponse(responseCode = "412", ref = ApiDocs.PRECONDITION_FAILED)
  @APIResponse(responseCode = "413", ref = ApiDocs.TOO_LARGE)
  public Response put(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(ref = ApiDocs.IF_MATCH) String ifMatch,
      WorkflowExecution execution) {
    Bodies.require(execution).setId(id);
    Saved<WorkflowExecution> saved = store.save(execution, ETags.expectedVersion(ifMatch));
    Response.ResponseBuilder response =
        saved.created() ? Response.created(uriInfo.getAbsolutePath()) : Response.ok();
    return response.tag(ETags.of(saved.value().getVersion())).entity(saved.value()).build();
  }

  @RoleRequired(Roles.ADMIN)
  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete an execution with everything recorded for it")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @APIResponse(responseCode = "412", ref = ApiDocs.PRECONDITION_FAILED)
  public Response delete(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(ref = ApiDocs.IF_MATCH) String ifMatch) {
    store.delete(id, ETags.expectedVersion(ifMatch));
    return Response.noContent().build();
  }

  @RoleRequired(Roles.ADMIN)
  @DELETE
  @Operation(
      summary = "Purge old executions",
      description =
          "Only executions in a terminal status are deleted, never the newest keep_last of each"
              + " workflow. dry_run (true unless false is given) only counts what would go. A real"
              + " run deletes in batches, each its own transaction, then removes the snapshots no"
              + " execution references any more.")
  @APIResponse(
      responseCode = "200",
      description = "What was (or would be) deleted",
      content = @Content(schema = @Schema(implementation = PurgeResult.class)))
  @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  public PurgeResult purge(
      @QueryParam("completed_before") @Parameter(description = "RFC 3339, exclusive")
          String completedBefore,
      @QueryParam("status")
          @Parameter(description = "Comma-separated terminal statuses; default all three")
          String status,
      @QueryParam("workflow_name") @Parameter(description = "Only this workflow")
          String workflowName,
      @QueryParam("keep_last")
          @Parameter(description = "Newest executions kept per workflow; default 0")
          String keepLast,
      @QueryParam("dry_run") @Parameter(description = "true (default) or false") String dryRun) {
    Boolean dry = QueryParameters.bool("dry_run", dryRun);
    return retention.purge(
        new RetentionPolicy(
            QueryParameters.instant("completed_before", completedBefore),
            QueryParameters.statuses("status", status),
            QueryParameters.text(workflowName),
            QueryParameters.count("keep_last", keepLast),
            dry == null || dry,
            RetentionPolicy.DEFAULT_BATCH_SIZE));
  }

  @RoleRequired(Roles.READER)
  @GET
  @Operation(
      summary = "List executions, newest first",
      description =
          "Summaries (no snapshot, tasks or logs), newest first by created_at then id. Follow"
              + " next_cursor, or the Link header with rel=\"next\", for the next page.")
  @APIResponse(
      responseCode = "200",
      description = "One page",
      content = @Content(schema = @Schema(implementation = ExecutionPage.class)))
  @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  public Response list(
      @QueryParam("workflow_name") @Parameter(description = "Only this workflow")
          String workflowName,
      @QueryParam("status")
          @Parameter(description = "Comma-separated statuses, any case: Running,Paused")
          String status,
      @QueryParam("success") @Parameter(description = "true or false") String success,
      @QueryParam("created_after") @Parameter(description = "RFC 3339, inclusive")
          String createdAfter,
      @QueryParam("created_before") @Parameter(description = "RFC 3339, exclusive")
          String createdBefore,
      @QueryParam("completed_after") @Parameter(description = "RFC 3339, inclusive")
          String completedAfter,
      @QueryParam("completed_before") @Parameter(description = "RFC 3339, exclusive")
          String completedBefore,
      @QueryParam("limit") @Parameter(description = "Page size, 1 to 500; default 50") String limit,
      @QueryParam("cursor") @Parameter(description = "next_cursor of the previous page")
          String cursor) {
    ExecutionPage page =
        store.list(
            QueryParameters.filter(
                    workflowName,
                    status,
                    success,
                    createdAfter,
                    createdBefore,
                    completedAfter,
                    completedBefore)
                .withLimit(QueryParameters.limit("limit", limit))
                .withCursor(QueryParameters.text(cursor)));
    Response.ResponseBuilder response = Response.ok(page);
    if (page.getNextCursor() != null) {
      response.link(
          uriInfo.getRequestUriBuilder().replaceQueryParam("cursor", page.getNextCursor()).build(),
          "next");
    }
    return response.build();
  }
}
