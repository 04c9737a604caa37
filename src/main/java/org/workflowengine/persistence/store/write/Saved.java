package org.workflowengine.persistence.store.write;

import org.workflowengine.persistence.store.metrics.Creation;

/**
 * The outcome of a create-or-replace.
 *
 * @param value what is now stored
 * @param created true when it did not exist before
 * @param <T> an execution or a task record
 */
public record Saved<T>(T value, boolean created) implements Creation {}
