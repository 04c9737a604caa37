/**
 * How a workflow is doing: its runs per time bucket by status, success rate, run and task
 * durations, and its most frequent errors: on PostgreSQL from what the database keeps per workflow
 * and hour, on Derby from the stored rows.
 */
package org.workflowengine.persistence.store.insight;
