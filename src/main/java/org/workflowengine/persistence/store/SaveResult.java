package org.workflowengine.persistence.store;

import org.workflowengine.persistence.model.WorkflowExecution;

/**
 * The outcome of an upsert.
 *
 * @param execution the execution as stored
 * @param created true when it did not exist before
 */
public record SaveResult(WorkflowExecution execution, boolean created) {}
