package org.workflowengine.persistence.model;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The label rules and the labels' wire format. */
class LabelsTest {

  @Test
  void keysAreLowerCaseLettersDigitsAndFourMarksUpToSixtyThree() {
    for (String key : new String[] {"env", "a", "0", "k8s.io/app-name_1", "k".repeat(63)}) {
      assertThat(Labels.keyViolation(key)).as(key).isNull();
    }
    for (String key :
        new String[] {"", "Env", "-env", ".env", "_e", "/e", "e nv", "é", "k".repeat(64), "a:b"}) {
      assertThat(Labels.keyViolation(key)).as(key).isNotNull().contains("labels: key");
    }
  }

  @Test
  void valuesAreUpToTwoHundredFiftySixCharactersWithoutControls() {
    assertThat(Labels.valueViolation("k", "")).isNull();
    assertThat(Labels.valueViolation("k", "v".repeat(256))).isNull();
    assertThat(Labels.valueViolation("k", "\uD83D\uDE00".repeat(256)))
        .as("256 code points in 512 UTF-16 units")
        .isNull();
    assertThat(Labels.valueViolation("k", "https://x.example:8443/a?b=c d")).isNull();
    assertThat(Labels.valueViolation("k", "v".repeat(257))).contains("'k'").contains("256");
    assertThat(Labels.valueViolation("k", "a\tb")).contains("control");
    assertThat(Labels.valueViolation("k", "a\u0000b")).contains("control");
    assertThat(Labels.valueViolation("k", "a\u009fb")).as("C1 controls too").contains("control");
    assertThat(Labels.valueViolation("k", "a\uD800b")).contains("unpaired surrogate");
    assertThat(Labels.valueViolation("k", null)).contains("must be a string");
  }

  @Test
  void atMostThirtyTwoLabelsAndEachBrokenOneIsNamed() {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < 32; i++) {
      labels.put("k" + i, "v");
    }
    assertThat(Labels.violationsOf(labels)).isEmpty();
    labels.put("k32", "v");
    labels.put("Bad", "v");
    labels.put("ok", "x\ny");
    assertThat(Labels.violationsOf(labels))
        .hasSize(3)
        .anyMatch(v -> v.contains("at most 32"))
        .anyMatch(v -> v.contains("'Bad'"))
        .anyMatch(v -> v.contains("'ok'"));
  }

  @Test
  void theWireFormIsAnObjectOfStringsSortedByKey() throws Exception {
    try (Jsonb jsonb = JsonbBuilder.create()) {
      WorkflowExecution execution =
          jsonb.fromJson(
              "{\"workflow_name\":\"w\",\"labels\":{\"tenant\":\"acme\",\"env\":\"prod\"}}",
              WorkflowExecution.class);
      assertThat(execution.getLabels().keySet()).containsExactly("env", "tenant");
      assertThat(jsonb.toJson(execution))
          .contains("\"labels\":{\"env\":\"prod\",\"tenant\":\"acme\"}");
      assertThat(
              jsonb
                  .fromJson("{\"workflow_name\":\"w\",\"labels\":null}", WorkflowExecution.class)
                  .getLabels())
          .isEmpty();
      assertThat(jsonb.fromJson("{\"workflow_name\":\"w\"}", WorkflowExecution.class).getLabels())
          .isEmpty();
      for (String labels : new String[] {"{\"k\":1}", "{\"k\":null}", "[\"k\"]", "\"k=v\""}) {
        Assertions.assertThatThrownBy(
                () ->
                    jsonb.fromJson(
                        "{\"workflow_name\":\"w\",\"labels\":" + labels + "}",
                        WorkflowExecution.class))
            .as(labels)
            .isInstanceOf(JsonbException.class);
      }
    }
  }
}
