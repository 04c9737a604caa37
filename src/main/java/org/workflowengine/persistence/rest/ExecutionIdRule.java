package org.workflowengine.persistence.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.util.regex.Pattern;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.store.error.InvalidQueryException;

/**
 * An execution id in a URL keeps the rule of an execution's id in a body — 1 to 128 letters, digits
 * and {@code . _ : -}, not {@code .} or {@code ..} alone ({@link WorkflowExecution}) — on every
 * operation that takes one: the {@code {id}} of every {@code /api/executions/{id}…} path and the
 * {@code against} of a snapshot diff. An id that breaks it is a 400 naming the parameter, for a
 * read or a removal as for a create, as the OpenAPI document's {@code id} parameter says: no
 * execution can be stored under it, so a 404 would answer a question the client cannot have meant
 * to ask. Runs after authentication and the role check, so that a caller without them learns
 * nothing of the rule.
 */
@Provider
@Priority(Priorities.USER)
public class ExecutionIdRule implements ContainerRequestFilter {

  private static final Pattern ID = Pattern.compile(WorkflowExecution.ID_PATTERN);

  private static final String RULE = "must be 1 to 128 " + WorkflowExecution.ID_RULE;

  @Override
  public void filter(ContainerRequestContext request) {
    UriInfo uri = request.getUriInfo();
    if (!ServiceScope.isOurs(uri) || uri.getMatchedResources().isEmpty()) {
      return;
    }
    String id = uri.getPathParameters().getFirst("id");
    if (id != null && !isValid(id)) {
      throw new InvalidQueryException("id", RULE);
    }
    if (uri.getPathParameters().containsKey("id")) {
      for (String against : uri.getQueryParameters().getOrDefault("against", java.util.List.of())) {
        if (!against.isBlank() && !isValid(against)) {
          throw new InvalidQueryException("against", RULE);
        }
      }
    }
  }

  static boolean isValid(String id) {
    return id.length() <= 128 && ID.matcher(id).matches();
  }
}
