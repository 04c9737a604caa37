package org.workflowengine.persistence.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

/** The one rule for task ids, and that every place a task id comes in is checked by it. */
class TaskIdsTest {

  @Test
  void anyTextUpToOneHundredTwentyEightUnitsIsATaskId() {
    for (String id :
        new String[] {
          "t",
          "extract",
          "load:step-2.retry_1",
          "étape 1",
          "日本語のタスク",
          "a;b,c=d?e#f%g\"h'i",
          " leading and trailing ",
          "...",
          ".hidden",
          "x".repeat(128),
          "é".repeat(128),
          "\uD83D\uDE00".repeat(64)
        }) {
      assertThat(TaskIds.isValid(id)).as(id).isTrue();
    }
  }

  @Test
  void whatNoUrlSegmentOrColumnCanCarryIsRefused() {
    for (String id :
        new String[] {
          "",
          " ",
          "\t",
          "x".repeat(129),
          "\uD83D\uDE00".repeat(64) + "x",
          "a\tb",
          "a\nb",
          "a\u0000b",
          "a\u009fb",
          "a\uD800b",
          "a/b",
          "/",
          "a\\b",
          ".",
          ".."
        }) {
      assertThat(TaskIds.isValid(id)).as(id.replace("\u0000", "\\u0000")).isFalse();
    }
    assertThat(TaskIds.isValid(null)).isFalse();
  }

  @Test
  void theConstraintAsksTheRuleAndLeavesNullToNotNull() {
    TaskId.Check check = new TaskId.Check();

    assertThat(check.isValid(null, null)).isTrue();
    assertThat(check.isValid("étape 1", null)).isTrue();
    assertThat(check.isValid("a/b", null)).isFalse();
  }

  @Test
  void perTaskLogKeysTaskRecordsAndLogAppendsAllCarryTheConstraint() throws Exception {
    AnnotatedParameterizedType perTaskLogs =
        (AnnotatedParameterizedType)
            WorkflowExecution.class.getDeclaredField("perTaskLogs").getAnnotatedType();
    RecordComponent appendedTo = LogAppend.class.getRecordComponents()[0];

    assertThat(perTaskLogs.getAnnotatedActualTypeArguments()[0].getAnnotation(TaskId.class))
        .as("per_task_logs keys")
        .isNotNull();
    assertThat(TaskExecution.class.getDeclaredField("taskId").getAnnotation(TaskId.class))
        .as("a task record's task_id")
        .isNotNull();
    assertThat(appendedTo.getName()).isEqualTo("taskId");
    assertThat(appendedTo.getAnnotation(TaskId.class)).as("a log append's task_id").isNotNull();
  }
}
