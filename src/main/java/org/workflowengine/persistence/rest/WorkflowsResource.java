package org.workflowengine.persistence.rest;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.workflowengine.persistence.security.RoleRequired;
import org.workflowengine.persistence.security.Roles;
import org.workflowengine.persistence.store.WorkflowHistory;
import org.workflowengine.persistence.store.WorkflowInsight;
import org.workflowengine.persistence.store.insight.RunGrid;
import org.workflowengine.persistence.store.insight.StatsBucket;
import org.workflowengine.persistence.store.insight.WorkflowStats;
import org.workflowengine.persistence.store.query.DefinitionVersion;
import org.workflowengine.persistence.store.query.WorkflowSummary;

/** {@code /api/workflows}: which workflows ran, with which definitions, and how they did. */
@Path("workflows")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowsResource {

  /** How many buckets a range ends with when {@code from} is not given. */
  static final int DEFAULT_BUCKETS = 30;

  /** How many runs a grid shows when {@code runs} is not given. */
  static final int DEFAULT_GRID_RUNS = 25;

  @Inject WorkflowHistory history;

  @Inject WorkflowInsight insight;

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

  /**
   * Runs per bucket by status, success rate, run and task durations and the most frequent errors;
   * {@code to} defaults to now, {@code from} to the start of the {@value #DEFAULT_BUCKETS}th bucket
   * back, {@code bucket} to {@code day}.
   */
  @RoleRequired(Roles.READER)
  @GET
  @Path("{name}/stats")
  public JsonObject stats(
      @PathParam("name") String name,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("bucket") String bucket) {
    StatsBucket width = StatsBucket.parse(bucket);
    Instant end = QueryParameters.instant("to", to);
    Instant start = QueryParameters.instant("from", from);
    if (end == null) {
      end = Instant.now();
    }
    if (start == null) {
      start = width.floor(end.minusNanos(1));
      for (int i = 1; i < DEFAULT_BUCKETS; i++) {
        start = width.floor(start.minusNanos(1));
      }
    }
    WorkflowStats stats = insight.stats(name, start, end, width);
    if (!insight.ran(name)) {
      throw new jakarta.ws.rs.NotFoundException("No execution of workflow '" + name + "'");
    }
    return WorkflowStatsJson.of(stats);
  }

  /**
   * The newest {@code runs} (1 to 100, default {@value #DEFAULT_GRID_RUNS}) runs with their task
   * records' status and times, newest first: the console's grid of runs by task.
   */
  @RoleRequired(Roles.READER)
  @GET
  @Path("{name}/grid")
  public JsonObject grid(@PathParam("name") String name, @QueryParam("runs") String runs) {
    RunGrid grid = insight.grid(name, QueryParameters.count("runs", runs, DEFAULT_GRID_RUNS));
    if (grid.runs().isEmpty()) {
      throw new jakarta.ws.rs.NotFoundException("No execution of workflow '" + name + "'");
    }
    return WorkflowStatsJson.of(grid);
  }
}
