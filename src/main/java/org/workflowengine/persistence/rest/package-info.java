/**
 * The REST API under /api: thin JAX-RS resources over the store, request bodies, ETags, access
 * control by role, and the mapping of every failure to application/problem+json.
 */
package org.workflowengine.persistence.rest;
