/**
 * The store's public face: the stateless {@code ExecutionStore} other modules inject and {@code
 * WorkflowHistory} beside it, each method documented where callers read it and delegating to the
 * rooms below ({@code write}, {@code query}); the interceptor that bounds their database calls.
 */
package org.workflowengine.persistence.store;
