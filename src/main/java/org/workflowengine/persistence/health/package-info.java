/** MicroProfile Health: liveness, and readiness that checks the database. */
package org.workflowengine.persistence.health;
