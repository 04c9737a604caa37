package org.workflowengine.persistence.security;

import java.util.Set;

/**
 * The roles of the REST API. They are independent: a caller gets exactly what its roles name, so a
 * writer that also reads needs both.
 *
 * <ul>
 *   <li>{@value #READER}: every {@code GET}, including the export
 *   <li>{@value #WRITER}: create, replace, status transitions, tasks, audit entries, errors, logs
 *   <li>{@value #ADMIN}: delete an execution, purge, import
 *   <li>{@value #METRICS}: the service's metrics ({@code GET /api/metrics}), and nothing else
 * </ul>
 */
public final class Roles {

  public static final String READER = "reader";
  public static final String WRITER = "writer";
  public static final String ADMIN = "admin";
  public static final String METRICS = "metrics";

  /** Every role there is; a users file naming another is refused whole. */
  public static final Set<String> ALL = Set.of(READER, WRITER, ADMIN, METRICS);

  private Roles() {}
}
