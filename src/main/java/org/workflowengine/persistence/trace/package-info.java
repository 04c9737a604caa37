/**
 * The trace a write is made in: the W3C trace id of the current OpenTelemetry span context, which
 * the store records with the audit entries, errors and log lines it appends.
 */
package org.workflowengine.persistence.trace;
