package org.workflowengine.persistence.store.write;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.workflowengine.persistence.model.Labels;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.store.error.InvalidExecutionException;

/**
 * The model's rules in one place, for every way an execution comes in (a create or replacement
 * through the store, REST or Java, and each execution of an import): the Bean Validation
 * constraints of the model — text, instants, JSON values, sizes, ids — and the rules across fields
 * that no single field can state.
 *
 * <p>Cross-field rule not checked by {@link #violationsOf(Validator, WorkflowExecution)}: {@link
 * #completionOrderViolation}, which depends on whether the execution is new or replaces another.
 */
public final class ExecutionRules {

  private ExecutionRules() {}

  /** Every rule {@code execution} breaks, sorted; empty when it keeps them all. */
  public static List<String> violationsOf(Validator validator, WorkflowExecution execution) {
    List<String> violations = violationsOf(validator, (Object) execution);
    violations.addAll(Labels.violationsOf(execution.getLabels()));
    Set<String> taskIds = new HashSet<>();
    for (TaskExecution task : execution.getTasks()) {
      if (task != null && task.getTaskId() != null && !taskIds.add(task.getTaskId())) {
        violations.add("tasks: task_id '" + task.getTaskId() + "' appears more than once");
      }
    }
    return violations;
  }

  /**
   * The rule on completion time, which needs the creation time the execution will have once stored
   * ({@code createdAt}: its own when created or imported, the stored one when replaced): a given
   * {@code completed_at} of a finished execution must not be before it.
   *
   * @return the violation, or null
   */
  public static String completionOrderViolation(WorkflowExecution execution, Instant createdAt) {
    Instant completedAt = execution.getCompletedAt();
    if (completedAt == null
        || createdAt == null
        || execution.getStatus() == null
        || !execution.getStatus().isTerminal()
        || !completedAt.isBefore(createdAt)) {
      return null;
    }
    return "completed_at (" + completedAt + ") must not be before created_at (" + createdAt + ")";
  }

  /** The Bean Validation constraints {@code value} breaks, each with its path, sorted. */
  public static <T> List<String> violationsOf(Validator validator, T value) {
    Set<String> sorted = new TreeSet<>();
    for (ConstraintViolation<T> violation : validator.validate(value)) {
      String path = Objects.toString(violation.getPropertyPath(), "");
      sorted.add(violation.getMessage() + (path.isEmpty() ? "" : " (at " + path + ")"));
    }
    return new ArrayList<>(sorted);
  }

  /**
   * Refuses an execution that breaks a rule.
   *
   * @throws InvalidExecutionException listing every rule it breaks
   */
  public static void require(Validator validator, WorkflowExecution execution) {
    if (execution == null) {
      throw new InvalidExecutionException("an execution is required");
    }
    refuseAny(violationsOf(validator, execution));
  }

  /**
   * Refuses a value ({@code what}: an audit entry, an error, a task, log lines) that is missing or
   * breaks a constraint.
   *
   * @throws InvalidExecutionException listing every constraint it breaks
   */
  public static void require(Validator validator, Object value, String what) {
    if (value == null) {
      throw new InvalidExecutionException(what + " is required");
    }
    refuseAny(violationsOf(validator, value));
  }

  private static void refuseAny(List<String> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidExecutionException(violations);
    }
  }
}
