package org.workflowengine.persistence.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The life-cycle state of a workflow execution or of one of its tasks, with the moves allowed
 * between states.
 *
 * <p>On the wire the states are spelt {@code Pending}, {@code Complete}, …; input is matched
 * case-insensitively by {@link #fromWire(String)}.
 */
public enum WorkflowStatus {
  PENDING("Pending"),
  RUNNING("Running"),
  PAUSED("Paused"),
  COMPLETE("Complete"),
  FAILED("Failed"),
  CANCELLED("Cancelled");

  private final String wireName;

  WorkflowStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The wire spelling, used in JSON and in the database. */
  public String wireName() {
    return wireName;
  }

  /** Terminal states end an execution: nothing moves out of them. */
  public boolean isTerminal() {
    return this == COMPLETE || this == FAILED || this == CANCELLED;
  }

  /**
   * Whether an execution in this state may move to {@code target}. A move to the same state is
   * allowed (it is a no-op); nothing leaves a terminal state.
   */
  public boolean canMoveTo(WorkflowStatus target) {
    return this == target || successors().contains(target);
  }

  private Set<WorkflowStatus> successors() {
    return switch (this) {
      case PENDING -> EnumSet.of(RUNNING, FAILED, CANCELLED);
      case RUNNING -> EnumSet.of(PAUSED, COMPLETE, FAILED, CANCELLED);
      case PAUSED -> EnumSet.of(RUNNING, FAILED, CANCELLED);
      case COMPLETE, FAILED, CANCELLED -> EnumSet.noneOf(WorkflowStatus.class);
    };
  }

  /**
   * The statuses of a comma-separated list such as {@code Running,paused} (any case), as query
   * parameters and configuration give them; none for null or blank.
   *
   * @throws IllegalArgumentException naming the entry that is not a status
   */
  public static Set<WorkflowStatus> listFromWire(String commaSeparated) {
    Set<WorkflowStatus> statuses = EnumSet.noneOf(WorkflowStatus.class);
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return statuses;
    }
    for (String name : commaSeparated.split(",")) {
      statuses.add(fromWire(name));
    }
    return statuses;
  }

  /**
   * Parses a status name in any letter case ({@code "complete"}, {@code "Complete"}, {@code
   * "COMPLETE"}).
   *
   * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
   */
  public static WorkflowStatus fromWire(String name) {
    if (name != null) {
      String wanted = name.trim().toLowerCase(Locale.ROOT);
      for (WorkflowStatus status : values()) {
        if (status.wireName.toLowerCase(Locale.ROOT).equals(wanted)) {
          return status;
        }
      }
    }
    throw new IllegalArgumentException(
        "Unknown workflow status '"
            + name
            + "'; expected one of Pending, Running, Paused, Complete, Failed, Cancelled");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
