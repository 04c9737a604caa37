package org.workflowengine.persistence.store.query;

import org.workflowengine.persistence.model.Labels;
import org.workflowengine.persistence.store.error.InvalidQueryException;

/**
 * How a count splits its total ({@code group_by}): not at all, by status, by workflow name, by
 * outcome ({@code success}: true, false, or null while a run has none), or by the value of one
 * label key (null for the executions without that label).
 *
 * @param kind what is grouped by
 * @param labelKey the label key when {@code kind} is {@link Kind#LABEL}, otherwise null
 */
public record CountGrouping(Kind kind, String labelKey) {

  /** What a count can be grouped by. */
  public enum Kind {
    NONE,
    STATUS,
    WORKFLOW_NAME,
    SUCCESS,
    LABEL
  }

  public static final CountGrouping NONE = new CountGrouping(Kind.NONE, null);
  public static final CountGrouping STATUS = new CountGrouping(Kind.STATUS, null);
  public static final CountGrouping WORKFLOW_NAME = new CountGrouping(Kind.WORKFLOW_NAME, null);
  public static final CountGrouping SUCCESS = new CountGrouping(Kind.SUCCESS, null);

  private static final String LABEL_PREFIX = "label:";

  public CountGrouping {
    if (kind == null) {
      throw new InvalidQueryException("group_by", "must be given");
    }
    if (kind == Kind.LABEL) {
      String problem = Labels.keyViolation(labelKey);
      if (problem != null) {
        throw new InvalidQueryException("group_by", problem.substring("labels: ".length()));
      }
    } else if (labelKey != null) {
      throw new InvalidQueryException("group_by", "only label: takes a key");
    }
  }

  /** By the value of label {@code key}. */
  public static CountGrouping label(String key) {
    return new CountGrouping(Kind.LABEL, key);
  }

  /**
   * Reads the wire form: {@code status}, {@code workflow_name}, {@code success} or {@code
   * label:<key>}; null or blank is {@link #NONE}.
   *
   * @throws InvalidQueryException naming {@code group_by} for anything else
   */
  public static CountGrouping parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    return switch (text) {
      case "status" -> STATUS;
      case "workflow_name" -> WORKFLOW_NAME;
      case "success" -> SUCCESS;
      default -> {
        if (text.startsWith(LABEL_PREFIX)) {
          yield label(text.substring(LABEL_PREFIX.length()));
        }
        throw new InvalidQueryException(
            "group_by", "must be status, workflow_name, success or label:<key>");
      }
    };
  }

  /** The wire form, as {@link #parse} reads it; empty for {@link #NONE}. */
  @Override
  public String toString() {
    return switch (kind) {
      case NONE -> "";
      case STATUS -> "status";
      case WORKFLOW_NAME -> "workflow_name";
      case SUCCESS -> "success";
      case LABEL -> LABEL_PREFIX + labelKey;
    };
  }
}
