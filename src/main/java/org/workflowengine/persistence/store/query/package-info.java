/**
 * Reading and querying: a whole execution assembled from its rows, the listing's query, criteria,
 * cursor, page and summary, label selectors, and the workflows' definition versions.
 */
package org.workflowengine.persistence.store.query;
