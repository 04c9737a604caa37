/**
 * The hash chain that makes an execution's record tamper-evident: what one link is and hashes
 * ({@link org.workflowengine.persistence.chain.ChainLink}), and how a stored chain is checked
 * ({@link org.workflowengine.persistence.chain.ChainCheck}). Depends on the JSON package alone, so
 * that the store, the schema migration and import compute links the same way.
 */
package org.workflowengine.persistence.chain;
