package org.workflowengine.persistence.store.query;

import org.workflowengine.persistence.model.Labels;
import org.workflowengine.persistence.store.error.InvalidQueryException;

/**
 * One label condition of a listing, export or purge: executions carrying label {@code key} with
 * exactly {@code value}, or with any value when {@code value} is null.
 *
 * @param key a label key (see {@link Labels})
 * @param value the value it must have, or null for "has the key"
 */
public record LabelSelector(String key, String value) {

  public LabelSelector {
    String problem = Labels.keyViolation(key);
    if (problem == null && value != null) {
      problem = Labels.valueViolation(key, value);
    }
    if (problem != null) {
      throw new InvalidQueryException("label", problem.substring("labels: ".length()));
    }
  }

  /** Executions that carry label {@code key}, whatever its value. */
  public static LabelSelector has(String key) {
    return new LabelSelector(key, null);
  }

  /** Executions whose label {@code key} is {@code value}. */
  public static LabelSelector equal(String key, String value) {
    return new LabelSelector(key, value);
  }

  /**
   * Reads the wire form: {@code key:value} (only the first {@code :} splits, so the value may
   * contain more) or {@code key} alone.
   *
   * @throws InvalidQueryException if the key or value breaks the label rules
   */
  public static LabelSelector parse(String text) {
    int colon = text.indexOf(':');
    return colon < 0
        ? has(text)
        : new LabelSelector(text.substring(0, colon), text.substring(colon + 1));
  }

  /** The wire form, as {@link #parse} reads it. */
  @Override
  public String toString() {
    return value == null ? key : key + ":" + value;
  }
}
