/**
 * Which database, and how to reach it: the application's datasource, the Liquibase migration at
 * start-up, and the recognition of database failures by SQLSTATE.
 */
package org.workflowengine.persistence.database;
