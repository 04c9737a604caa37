/**
 * What the service measures of itself, in one Micrometer registry scraped as Prometheus text or
 * OpenMetrics: the store's operations, runs and appends, the database, HTTP, streams, the archive
 * and the JVM. It stands on nothing of the application: the floors above report into it.
 */
package org.workflowengine.persistence.metrics;
