/**
 * The execution and its parts as stored and sent: JPA entities with their Bean Validation
 * constraints and JSON-B wire names; no behaviour beyond their own rules (statuses and the moves
 * between them).
 */
package org.workflowengine.persistence.model;
