/**
 * The archive tier: where a purge moves finished executions instead of deleting them (a directory
 * or an S3 bucket), the object each becomes, and how an archived execution is still read, verified,
 * restored and deleted through the same store.
 */
package org.workflowengine.persistence.store.archive;
