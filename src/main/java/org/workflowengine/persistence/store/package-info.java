/**
 * The store's public face: the stateless ExecutionStore other modules inject, with history,
 * retention and export/import beside it; its queries, its application exceptions and the events it
 * fires after commit.
 */
package org.workflowengine.persistence.store;
