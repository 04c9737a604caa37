package org.workflowengine.persistence.store.error;

import org.workflowengine.persistence.model.WorkflowStatus;

/** The requested status change is not an allowed move (see {@link WorkflowStatus#canMoveTo}). */
public class IllegalTransitionException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  private final WorkflowStatus from;
  private final WorkflowStatus to;

  public IllegalTransitionException(String executionId, WorkflowStatus from, WorkflowStatus to) {
    super(
        "Execution '"
            + executionId
            + "' cannot move from "
            + from
            + " to "
            + to
            + (from.isTerminal() ? ": " + from + " is terminal" : ""));
    this.from = from;
    this.to = to;
  }

  public WorkflowStatus getFrom() {
    return from;
  }

  public WorkflowStatus getTo() {
    return to;
  }
}
