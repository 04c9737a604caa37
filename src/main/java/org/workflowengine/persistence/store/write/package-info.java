/**
 * Writing a run: the checks every change passes (model rules, versions, status moves), the
 * execution row and its children as JDBC batches with their chain links, labels, and the chain's
 * verification under the lock appends take. Its public classes serve the facade and the rooms above
 * it; callers meet only {@code Saved}.
 */
package org.workflowengine.persistence.store.write;
