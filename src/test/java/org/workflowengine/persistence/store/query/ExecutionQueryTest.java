package org.workflowengine.persistence.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.store.error.InvalidQueryException;

/** Label conditions, the error search and the cursor's fingerprint of them. */
class ExecutionQueryTest {

  @Test
  void onlyTheFirstColonSplitsALabelCondition() {
    assertThat(LabelSelector.parse("env:prod")).isEqualTo(LabelSelector.equal("env", "prod"));
    assertThat(LabelSelector.parse("env")).isEqualTo(LabelSelector.has("env"));
    assertThat(LabelSelector.parse("env:")).isEqualTo(LabelSelector.equal("env", ""));
    assertThat(LabelSelector.parse("url:https://x:8443/a"))
        .isEqualTo(LabelSelector.equal("url", "https://x:8443/a"));
    assertThat(LabelSelector.parse("url:https://x:8443/a").toString())
        .isEqualTo("url:https://x:8443/a");
  }

  @Test
  void aBrokenLabelConditionIsAnInvalidQueryNamingTheLabelParameter() {
    for (String text : new String[] {"", ":prod", "Env:prod", "env:a\u0007b", "k".repeat(64)}) {
      assertThatThrownBy(() -> LabelSelector.parse(text))
          .as(text)
          .isInstanceOf(InvalidQueryException.class)
          .extracting(e -> ((InvalidQueryException) e).getParameter())
          .isEqualTo("label");
    }
  }

  @Test
  void errorSearchTakesThreeToTwoHundredCharacters() {
    assertThat(ExecutionQuery.all().withErrorContaining("abc").errorContains()).isEqualTo("abc");
    assertThat(ExecutionQuery.all().withErrorContaining("x".repeat(200))).isNotNull();
    assertThat(ExecutionQuery.all().withErrorContaining("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00"))
        .as("three characters in six UTF-16 units")
        .isNotNull();
    for (String text : new String[] {"ab", "x".repeat(201), "ab\u0000", "a\uD800b"}) {
      assertThatThrownBy(() -> ExecutionQuery.all().withErrorContaining(text))
          .as(text)
          .isInstanceOf(InvalidQueryException.class)
          .hasMessageContaining("error_contains");
    }
  }

  @Test
  void atMostThirtyTwoLabelConditions() {
    List<LabelSelector> many =
        java.util.stream.IntStream.range(0, 33).mapToObj(i -> LabelSelector.has("k" + i)).toList();
    assertThat(ExecutionQuery.all().withLabels(many.subList(0, 32)).labels()).hasSize(32);
    assertThatThrownBy(() -> ExecutionQuery.all().withLabels(many))
        .isInstanceOf(InvalidQueryException.class);
  }

  @Test
  void theCursorBelongsToItsLabelsAndSearchInAnyOrderButNotToOthers() {
    ExecutionQuery plain = ExecutionQuery.all().withWorkflowName("w");
    ExecutionQuery labelled =
        plain.withLabels(LabelSelector.equal("env", "prod"), LabelSelector.has("tenant"));
    ExecutionQuery reordered =
        plain.withLabels(LabelSelector.has("tenant"), LabelSelector.equal("env", "prod"));
    assertThat(ExecutionCursor.fingerprint(labelled))
        .isEqualTo(ExecutionCursor.fingerprint(reordered))
        .isNotEqualTo(ExecutionCursor.fingerprint(plain))
        .isNotEqualTo(ExecutionCursor.fingerprint(plain.withLabels(LabelSelector.has("env"))))
        .isNotEqualTo(ExecutionCursor.fingerprint(labelled.withErrorContaining("timeout")));
    assertThat(ExecutionCursor.fingerprint(plain.withLabels(List.of())))
        .as("no labels: the fingerprint of earlier releases")
        .isEqualTo(ExecutionCursor.fingerprint(plain));
  }
}
