package org.workflowengine.persistence.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The status machine of SPEC.md: allowed moves, self no-ops, terminal states. */
class WorkflowStatusTest {

  @Test
  void theAllowedMovesAreExactlyThoseOfTheSpecification() {
    assertThat(successors(WorkflowStatus.PENDING))
        .containsExactlyInAnyOrder(
            WorkflowStatus.RUNNING, WorkflowStatus.FAILED, WorkflowStatus.CANCELLED);
    assertThat(successors(WorkflowStatus.RUNNING))
        .containsExactlyInAnyOrder(
            WorkflowStatus.PAUSED,
            WorkflowStatus.COMPLETE,
            WorkflowStatus.FAILED,
            WorkflowStatus.CANCELLED);
    assertThat(successors(WorkflowStatus.PAUSED))
        .containsExactlyInAnyOrder(
            WorkflowStatus.RUNNING, WorkflowStatus.FAILED, WorkflowStatus.CANCELLED);
  }

  @ParameterizedTest
  @EnumSource(
      value = WorkflowStatus.class,
      names = {"COMPLETE", "FAILED", "CANCELLED"})
  void nothingLeavesATerminalStatus(WorkflowStatus terminal) {
    assertThat(terminal.isTerminal()).isTrue();
    assertThat(successors(terminal)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(WorkflowStatus.class)
  void aMoveToTheSameStatusIsAllowed(WorkflowStatus status) {
    assertThat(status.canMoveTo(status)).isTrue();
  }

  @Test
  void pendingCannotCompleteWithoutRunning() {
    assertThat(WorkflowStatus.PENDING.canMoveTo(WorkflowStatus.COMPLETE)).isFalse();
    assertThat(WorkflowStatus.PENDING.canMoveTo(WorkflowStatus.PAUSED)).isFalse();
  }

  @Test
  void unknownNamesAreRefused() {
    assertThatThrownBy(() -> WorkflowStatus.fromWire("Done"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Done");
    assertThatThrownBy(() -> WorkflowStatus.fromWire(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Set<WorkflowStatus> successors(WorkflowStatus from) {
    Set<WorkflowStatus> moves = EnumSet.noneOf(WorkflowStatus.class);
    for (WorkflowStatus to : WorkflowStatus.values()) {
      if (to != from && from.canMoveTo(to)) {
        moves.add(to);
      }
    }
    return moves;
  }
}
