/**
 * The store's application exceptions: what callers catch, each mapped to one HTTP status by the
 * REST layer.
 */
package org.workflowengine.persistence.store.error;
