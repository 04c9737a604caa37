/** Start-up: the warm-up that runs every write and read once before requests arrive. */
package org.workflowengine.persistence.store.startup;
