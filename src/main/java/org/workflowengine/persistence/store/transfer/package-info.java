/**
 * Export and import: executions and their snapshots as NDJSON lines, read from one consistent view
 * and checked before anything is stored; an imported line's chain rebuilt and verified.
 */
package org.workflowengine.persistence.store.transfer;
