/**
 * How the store's operations are measured: which method is which operation, and which failure is
 * which outcome. Beside the errors and events every floor of the store may use.
 */
package org.workflowengine.persistence.store.metrics;
