/** The events the store fires after each change, for observers in the caller's application. */
package org.workflowengine.persistence.store.event;
