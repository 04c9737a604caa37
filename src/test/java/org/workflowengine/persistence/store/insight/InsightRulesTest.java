package org.workflowengine.persistence.store.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.model.ErrorMessages;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.store.query.CountGrouping;

/** The rules of counts and statistics that need no database: groupings, buckets, messages. */
class InsightRulesTest {

  @Test
  void errorMessagesCountTogetherWhenOnlyNumbersAndIdsDiffer() {
    assertThat(ErrorMessages.normalise("timeout after 31 s"))
        .isEqualTo(ErrorMessages.normalise("timeout after 29 s"))
        .isEqualTo("timeout after # s");
    assertThat(ErrorMessages.normalise("run 3f2b9c1e-07aa-4bde-9e0f-1234567890ab failed"))
        .isEqualTo("run # failed");
    assertThat(ErrorMessages.normalise("object 9f86d081884c7d65 missing, 1,024.5 KB read"))
        .isEqualTo("object # missing, # KB read");
    assertThat(ErrorMessages.normalise("  HTTP 503\n\tfrom   upstream "))
        .isEqualTo("HTTP # from upstream");
    assertThat(ErrorMessages.normalise("decade is a word, deadbeef too"))
        .isEqualTo("decade is a word, deadbeef too");
    assertThat(ErrorMessages.normalise(null)).isEmpty();
    String longMessage = "\uD83D\uDE00".repeat(ErrorMessages.MAX_LENGTH + 5);
    assertThat(ErrorMessages.normalise(longMessage))
        .hasSize(2 * ErrorMessages.MAX_LENGTH)
        .isEqualTo("\uD83D\uDE00".repeat(ErrorMessages.MAX_LENGTH));
  }

  @Test
  void groupingsReadTheirWireFormAndRefuseTheRest() {
    assertThat(CountGrouping.parse(null)).isEqualTo(CountGrouping.NONE);
    assertThat(CountGrouping.parse("status")).isEqualTo(CountGrouping.STATUS);
    assertThat(CountGrouping.parse("workflow_name")).isEqualTo(CountGrouping.WORKFLOW_NAME);
    assertThat(CountGrouping.parse("success")).isEqualTo(CountGrouping.SUCCESS);
    assertThat(CountGrouping.parse("label:team.owner"))
        .isEqualTo(CountGrouping.label("team.owner"));
    assertThat(CountGrouping.parse("label:team.owner").toString()).isEqualTo("label:team.owner");
    for (String bad : List.of("Status", "label:", "label:Upper", "colour")) {
      assertThatThrownBy(() -> CountGrouping.parse(bad))
          .as(bad)
          .isInstanceOf(InvalidQueryException.class)
          .hasMessageStartingWith("Invalid group_by: ");
    }
  }

  @Test
  void bucketsAreUtcHoursDaysAndWeeksStartingOnMonday() {
    Instant wednesday = Instant.parse("2025-03-05T17:45:12.345Z");
    assertThat(StatsBucket.HOUR.floor(wednesday)).isEqualTo(Instant.parse("2025-03-05T17:00:00Z"));
    assertThat(StatsBucket.DAY.floor(wednesday)).isEqualTo(Instant.parse("2025-03-05T00:00:00Z"));
    assertThat(StatsBucket.WEEK.floor(wednesday)).isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
    assertThat(StatsBucket.WEEK.floor(Instant.parse("2025-03-03T00:00:00Z")))
        .isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
    assertThat(StatsBucket.parse("WEEK")).isEqualTo(StatsBucket.WEEK);
    assertThat(StatsBucket.parse("")).isEqualTo(StatsBucket.DAY);
    assertThatThrownBy(() -> StatsBucket.parse("month"))
        .hasMessage("Invalid bucket: must be hour, day or week");
  }

  @Test
  void aRangeIsWholeBucketsAndAtMostTheMaximum() {
    Instant from = Instant.parse("2025-03-05T17:45:00Z");
    assertThat(WorkflowStatistics.starts(from, from.plusSeconds(1), StatsBucket.DAY))
        .containsExactly(Instant.parse("2025-03-05T00:00:00Z"));
    assertThat(
            WorkflowStatistics.starts(
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:00:00Z").plusSeconds(3600L * 1000),
                StatsBucket.HOUR))
        .hasSize(WorkflowStatistics.MAX_BUCKETS);
    assertThatThrownBy(
            () ->
                WorkflowStatistics.starts(
                    Instant.parse("2025-01-01T00:00:00Z"),
                    Instant.parse("2025-01-01T00:00:00Z").plusSeconds(3600L * 1000 + 1),
                    StatsBucket.HOUR))
        .hasMessageStartingWith("Invalid bucket: ");
    assertThatThrownBy(() -> WorkflowStatistics.starts(from, from, StatsBucket.DAY))
        .hasMessage("Invalid from: must be before to");
  }

  @Test
  void percentilesAreNearestRank() {
    List<Long> values = new ArrayList<>();
    for (long i = 1; i <= 20; i++) {
      values.add(21 - i);
    }
    WorkflowStats.Durations durations = WorkflowStatistics.durations(values);
    assertThat(durations).isEqualTo(new WorkflowStats.Durations(20, 10L, 19L));
    assertThat(WorkflowStatistics.durations(new ArrayList<>(List.of(7L))))
        .isEqualTo(new WorkflowStats.Durations(1, 7L, 7L));
  }
}
