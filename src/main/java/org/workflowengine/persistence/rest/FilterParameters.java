package org.workflowengine.persistence.rest;

import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.workflowengine.persistence.store.query.ExecutionQuery;

/**
 * The selection listing and export share, as the query parameters of both ({@code @BeanParam}):
 * {@code workflow_name}, {@code status} (comma-separated, any case), {@code success}, the creation
 * and completion time bounds, {@code label} (repeatable: {@code key:value} or {@code key}) and
 * {@code error_contains}, and {@code archived} ({@code include}, the default, {@code exclude} or
 * {@code only}). Each is checked when it becomes a query: a bad one is a 400.
 */
public class FilterParameters {

  @QueryParam("workflow_name")
  String workflowName;

  @QueryParam("status")
  String status;

  @QueryParam("success")
  String success;

  @QueryParam("created_after")
  String createdAfter;

  @QueryParam("created_before")
  String createdBefore;

  @QueryParam("completed_after")
  String completedAfter;

  @QueryParam("completed_before")
  String completedBefore;

  @QueryParam("label")
  List<String> labels;

  @QueryParam("error_contains")
  String errorContains;

  @QueryParam("archived")
  String archived;

  /** The selection (first page, default size). */
  ExecutionQuery toQuery() {
    return ExecutionQuery.all()
        .withWorkflowName(QueryParameters.text(workflowName))
        .withStatuses(QueryParameters.statuses("status", status))
        .withSuccess(QueryParameters.bool("success", success))
        .withCreated(
            QueryParameters.instant("created_after", createdAfter),
            QueryParameters.instant("created_before", createdBefore))
        .withCompleted(
            QueryParameters.instant("completed_after", completedAfter),
            QueryParameters.instant("completed_before", completedBefore))
        .withLabels(QueryParameters.labels(labels))
        .withErrorContaining(QueryParameters.text(errorContains))
        .withArchived(QueryParameters.archived("archived", archived));
  }
}
