/**
 * JSON plumbing shared by every other package: the one JSON-B configuration and JSON-P factories,
 * the canonical form and hash of a definition, the converter of JSON columns, UTC timestamps, and
 * the gate every JSON input passes (size, depth, valid Unicode).
 */
package org.workflowengine.persistence.json;
