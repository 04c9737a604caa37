/**
 * Retention: purges of finished executions by a policy, on demand or on the configured schedule.
 */
package org.workflowengine.persistence.store.retention;
