package org.workflowengine.persistence.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.workflowengine.persistence.json.Timestamps;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.query.LabelSelector;

/**
 * Reads query parameters as text and converts them here, so that a malformed value is a 400 that
 * names the parameter (JAX-RS would answer a failed conversion with a bare 404).
 */
final class QueryParameters {

  private QueryParameters() {}

  static Set<WorkflowStatus> statuses(String name, String commaSeparated) {
    try {
      return WorkflowStatus.listFromWire(commaSeparated);
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException(name, e.getMessage());
    }
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

  /** A whole number of 0 or more; {@code whenAbsent} when absent. */
  static int count(String name, String value, int whenAbsent) {
    if (isAbsent(value)) {
      return whenAbsent;
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

  /**
   * Where the selected executions live: {@code include} (both, the default), {@code exclude},
   * {@code only}.
   */
  static ExecutionQuery.Archived archived(String name, String value) {
    if (isAbsent(value)) {
      return ExecutionQuery.Archived.INCLUDE;
    }
    ExecutionQuery.Archived archived = ExecutionQuery.Archived.fromWire(value.trim());
    if (archived == null) {
      throw new InvalidQueryException(name, "must be include, exclude or only, was " + value);
    }
    return archived;
  }

  /** An RFC 3339 timestamp such as {@code 2025-01-15T10:30:00Z} or {@code …+02:00}. */
  static Instant instant(String name, String value) {
    if (isAbsent(value)) {
      return null;
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidQueryException(
          name, "must be an RFC 3339 timestamp such as 2025-01-15T10:30:00Z, was " + value);
    }
    if (!Timestamps.isStorable(instant)) {
      throw new InvalidQueryException(
          name, "must lie between " + Timestamps.MIN + " and " + Timestamps.MAX + ", was " + value);
    }
    return instant;
  }

  /** {@code label} parameters: {@code key:value} or {@code key} each; none when null. */
  static List<LabelSelector> labels(List<String> values) {
    return values == null ? List.of() : values.stream().map(LabelSelector::parse).toList();
  }

  static String text(String value) {
    return isAbsent(value) ? null : value;
  }

  private static boolean isAbsent(String value) {
    return value == null || value.isBlank();
  }
}
