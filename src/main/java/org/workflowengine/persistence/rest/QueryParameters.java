package org.workflowengine.persistence.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.ExecutionQuery;
import org.workflowengine.persistence.store.InvalidQueryException;

/**
 * Reads query parameters as text and converts them here, so that a malformed value is a 400 that
 * names the parameter (JAX-RS would answer a failed conversion with a bare 404).
 */
final class QueryParameters {

  private QueryParameters() {}

  /**
   * The selection listing and export share (first page, default size). A {@code @BeanParam} would
   * say it once, but Payara's OpenAPI generator fails on bean parameters.
   */
  static ExecutionQuery filter(
      String workflowName,
      String status,
      String success,
      String createdAfter,
      String createdBefore,
      String completedAfter,
      String completedBefore) {
    return ExecutionQuery.all()
        .withWorkflowName(text(workflowName))
        .withStatuses(statuses("status", status))
        .withSuccess(bool("success", success))
        .withCreated(
            instant("created_after", createdAfter), instant("created_before", createdBefore))
        .withCompleted(
            instant("completed_after", completedAfter),
            instant("completed_before", completedBefore));
  }

  static Set<WorkflowStatus> statuses(String name, String commaSeparated) {
    Set<WorkflowStatus> statuses = EnumSet.noneOf(WorkflowStatus.class);
    if (isAbsent(commaSeparated)) {
      return statuses;
    }
    for (String status : commaSeparated.split(",")) {
      try {
        statuses.add(WorkflowStatus.fromWire(status));
      } catch (IllegalArgumentException e) {
        throw new InvalidQueryException(name, e.getMessage());
      }
    }
    return statuses;
  }

  static int limit(String name, String value) {
    if (isAbsent(value)) {
      return ExecutionQuery.DEFAULT_LIMIT;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidQueryException(
          name, "must be a whole number from 1 to " + ExecutionQuery.MAX_LIMIT + ", was " + value);
    }
  }

  /** A whole number of 0 or more; 0 when absent. */
  static int count(String name, String value) {
    if (isAbsent(value)) {
      return 0;
    }
    try {
      int count = Integer.parseInt(value.trim());
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidQueryException(name, "must be a whole number of 0 or more, was " + value);
  }

  static Boolean bool(String name, String value) {
    if (isAbsent(value)) {
      return null;
    }
    return switch (value.trim()) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new InvalidQueryException(name, "must be true or false, was " + value);
    };
  }

  /** An RFC 3339 timestamp such as {@code 2025-01-15T10:30:00Z} or {@code …+02:00}. */
  static Instant instant(String name, String value) {
    if (isAbsent(value)) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidQueryException(
          name, "must be an RFC 3339 timestamp such as 2025-01-15T10:30:00Z, was " + value);
    }
  }

  static String text(String value) {
    return isAbsent(value) ? null : value;
  }

  private static boolean isAbsent(String value) {
    return value == null || value.isBlank();
  }
}
