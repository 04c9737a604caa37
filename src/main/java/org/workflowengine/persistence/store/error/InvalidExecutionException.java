package org.workflowengine.persistence.store.error;

import java.util.List;

/** The input breaks the model's rules; every violation is listed. Nothing was stored. */
public class InvalidExecutionException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  private final List<String> violations;

  public InvalidExecutionException(List<String> violations) {
    super("Invalid input: " + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  public InvalidExecutionException(String violation) {
    this(List.of(violation));
  }

  public List<String> getViolations() {
    return violations;
  }
}
