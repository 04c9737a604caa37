/**
 * Workflow definitions stored once per distinct content, addressed by the SHA-256 of their
 * canonical form.
 */
package org.workflowengine.persistence.snapshot;
