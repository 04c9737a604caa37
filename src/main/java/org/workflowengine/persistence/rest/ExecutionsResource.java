package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.ExecutionStore;
import org.workflowengine.persistence.store.WorkflowInsight;
import org.workflowengine.persistence.store.error.DuplicateExecutionException;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.store.query.CountGrouping;
import org.workflowengine.persistence.store.query.ExecutionCounts;
import org.workflowengine.persistence.store.query.ExecutionPage;
import org.workflowengine.persistence.store.retention.PurgeResult;
import org.workflowengine.persistence.store.retention.Retention;
import org.workflowengine.persistence.store.retention.RetentionPolicy;
import org.workflowengine.persistence.store.retention.RetentionSchedule;
import org.workflowengine.persistence.store.write.Saved;

/** {@code /api/executions}: create, read, replace, delete and list executions. */
@Path("executions")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionsResource {

  @Inject ExecutionStore store;

  @Inject Retention retention;

  @Inject WorkflowInsight insight;

  /** {@code keep_last} of a purge that does not give it: what the scheduled policy keeps. */
  @Inject
  @ConfigProperty(
      name = RetentionSchedule.KEEP_LAST,
      defaultValue = RetentionSchedule.DEFAULT_KEEP_LAST)
  int defaultKeepLast;

  @Context UriInfo uriInfo;

  @RoleRequired(Roles.WRITER)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
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
  public Response get(@PathParam("id") String id) {
    WorkflowExecution execution = store.get(id);
    return Response.ok(execution).tag(ETags.of(execution.getVersion())).build();
  }

  @RoleRequired(Roles.WRITER)
  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
      WorkflowExecution execution) {
    Bodies.require(execution).setId(id);
    ETags.IfMatch match = ETags.ifMatch(ifMatch);
    if (ETags.ifNoneMatchAny(ifNoneMatch)) {
      if (match != null) {
        // If-Match holds only for a stored execution, If-None-Match: * only for a missing one.
        throw ETags.preconditionFailed(
            "If-Match and If-None-Match: * cannot both hold for execution '" + id + "'", uriInfo);
      }
      return created(createOnlyIfAbsent(execution));
    }
    Saved<WorkflowExecution> saved;
    try {
      if (match == null) {
        saved = store.save(execution, null);
      } else if (match.any()) {
        saved = new Saved<>(store.update(execution, null), false);
      } else {
        saved = store.save(execution, match.version());
      }
    } catch (ExecutionNotFoundException e) {
      if (match == null) {
        throw e;
      }
      throw ETags.notStored(id, uriInfo);
    }
    if (saved.created()) {
      return created(saved.value());
    }
    return Response.ok().tag(ETags.of(saved.value().getVersion())).entity(saved.value()).build();
  }

  private WorkflowExecution createOnlyIfAbsent(WorkflowExecution execution) {
    try {
      return store.create(execution);
    } catch (DuplicateExecutionException e) {
      throw ETags.preconditionFailed(
          "If-None-Match: * creates execution '"
              + execution.getId()
              + "' only if it is not stored, and it is",
          uriInfo);
    }
  }

  private Response created(WorkflowExecution created) {
    return Response.created(uriInfo.getAbsolutePath())
        .tag(ETags.of(created.getVersion()))
        .entity(created)
        .build();
  }

  @RoleRequired(Roles.ADMIN)
  @DELETE
  @Path("{id}")
  public Response delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    ETags.IfMatch match = ETags.ifMatch(ifMatch);
    try {
      store.delete(id, match == null ? null : match.version());
    } catch (ExecutionNotFoundException e) {
      if (match == null) {
        throw e;
      }
      throw ETags.notStored(id, uriInfo);
    }
    return Response.noContent().build();
  }

  /** Brings an archived execution back into the database, exactly as it was. */
  @RoleRequired(Roles.ADMIN)
  @POST
  @Path("{id}/restore")
  public Response restore(@PathParam("id") String id) {
    WorkflowExecution restored = store.restoreFromArchive(id);
    return Response.ok(restored).tag(ETags.of(restored.getVersion())).build();
  }

  @RoleRequired(Roles.ADMIN)
  @DELETE
  public PurgeResult purge(
      @QueryParam("completed_before") String completedBefore,
      @QueryParam("status") String status,
      @QueryParam("workflow_name") String workflowName,
      @QueryParam("label") List<String> labels,
      @QueryParam("error_contains") String errorContains,
      @QueryParam("keep_last") String keepLast,
      @QueryParam("dry_run") String dryRun,
      @QueryParam("archive") String archive) {
    Boolean dry = QueryParameters.bool("dry_run", dryRun);
    Boolean toArchive = QueryParameters.bool("archive", archive);
    if (Stream.of(completedBefore, status, workflowName, errorContains, keepLast)
            .allMatch(value -> QueryParameters.text(value) == null)
        && (labels == null || labels.isEmpty())) {
      // A bare DELETE (a stray call, a script's empty variable) must not select every finished run.
      throw new InvalidQueryException(
          "selection",
          "a purge needs at least one of completed_before, status, workflow_name, label,"
              + " error_contains or keep_last"
              + " (keep_last=0 alone selects every finished run)");
    }
    return retention.purge(
        new RetentionPolicy(
            QueryParameters.instant("completed_before", completedBefore),
            QueryParameters.statuses("status", status),
            QueryParameters.text(workflowName),
            QueryParameters.labels(labels),
            QueryParameters.text(errorContains),
            QueryParameters.count("keep_last", keepLast, defaultKeepLast),
            dry == null || dry,
            RetentionPolicy.DEFAULT_BATCH_SIZE,
            toArchive == null || toArchive));
  }

  @RoleRequired(Roles.READER)
  @GET
  public Response list(
      @BeanParam FilterParameters filter,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    ExecutionPage page =
        store.list(
            filter
                .toQuery()
                .withLimit(QueryParameters.limit("limit", limit))
                .withCursor(QueryParameters.text(cursor)));
    Response.ResponseBuilder response = Response.ok(page);
    if (page.getNextCursor() != null) {
      response.link(nextPage(uriInfo, page.getNextCursor()), "next");
    }
    return response.build();
  }

  /**
   * How many executions match the listing's filters, grouped by {@code group_by}. A literal path
   * segment, so it takes {@code GET} of an execution whose id is {@code count}: that one is read
   * through the listing's filters or its sub-resources.
   */
  @RoleRequired(Roles.READER)
  @GET
  @Path("count")
  public ExecutionCounts count(
      @BeanParam FilterParameters filter, @QueryParam("group_by") String groupBy) {
    return insight.count(filter.toQuery(), CountGrouping.parse(groupBy));
  }

  /**
   * The request's own URI with its query parameters as sent, in the order sent, and {@code cursor}
   * last: the same on every server, whatever order its URI builder would put them in.
   */
  static URI nextPage(UriInfo uriInfo, String cursor) {
    String query = uriInfo.getRequestUri().getRawQuery();
    StringBuilder next = new StringBuilder();
    if (query != null) {
      for (String parameter : query.split("&")) {
        if (!parameter.isEmpty()
            && !parameter.equals("cursor")
            && !parameter.startsWith("cursor=")) {
          next.append(parameter).append('&');
        }
      }
    }
    next.append("cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    return URI.create(uriInfo.getAbsolutePath().toASCIIString() + '?' + next);
  }
}
