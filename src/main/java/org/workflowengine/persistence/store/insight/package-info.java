/**
 * How a workflow is doing: its runs per time bucket by status, success rate, run and task
 * durations, and its most frequent errors, computed from the stored rows.
 */
package org.workflowengine.persistence.store.insight;
