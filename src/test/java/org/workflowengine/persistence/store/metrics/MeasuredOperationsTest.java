package org.workflowengine.persistence.store.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.error.ArchiveUnavailableException;
import org.workflowengine.persistence.store.error.DatabaseUnavailableException;
import org.workflowengine.persistence.store.error.DuplicateExecutionException;
import org.workflowengine.persistence.store.error.ExecutionNotFoundException;
import org.workflowengine.persistence.store.error.IllegalTransitionException;
import org.workflowengine.persistence.store.error.InvalidExecutionException;
import org.workflowengine.persistence.store.error.StaleExecutionException;

/** Which failure is which outcome: what the caller can do about it, as its HTTP status says. */
class MeasuredOperationsTest {

  @Test
  void eachFailureIsTheOutcomeItsAnswerSays() {
    assertThat(MeasuredOperations.outcome(new InvalidExecutionException("no")))
        .isEqualTo("invalid");
    assertThat(MeasuredOperations.outcome(new DuplicateExecutionException("x")))
        .isEqualTo("conflict");
    assertThat(MeasuredOperations.outcome(new StaleExecutionException("x", 1L)))
        .isEqualTo("conflict");
    assertThat(
            MeasuredOperations.outcome(
                new IllegalTransitionException(
                    "x", WorkflowStatus.COMPLETE, WorkflowStatus.RUNNING)))
        .isEqualTo("conflict");
    assertThat(MeasuredOperations.outcome(new ExecutionNotFoundException("x")))
        .isEqualTo("not_found");
    assertThat(MeasuredOperations.outcome(new DatabaseUnavailableException(new RuntimeException())))
        .isEqualTo("database_unavailable");
    assertThat(MeasuredOperations.outcome(new ArchiveUnavailableException("gone")))
        .isEqualTo("archive_unavailable");
    assertThat(MeasuredOperations.outcome(new IllegalStateException("bug"))).isEqualTo("error");
  }
}
