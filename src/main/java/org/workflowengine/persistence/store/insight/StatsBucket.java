package org.workflowengine.persistence.store.insight;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import org.workflowengine.persistence.store.error.InvalidQueryException;

/** The width of a statistics bucket, in UTC: an hour, a day, or an ISO week (Monday to Sunday). */
public enum StatsBucket {
  HOUR,
  DAY,
  WEEK;

  /**
   * Reads the wire form ({@code hour}, {@code day}, {@code week}, any case); null or blank is
   * {@link #DAY}.
   *
   * @throws InvalidQueryException naming {@code bucket} for anything else
   */
  public static StatsBucket parse(String text) {
    if (text == null || text.isBlank()) {
      return DAY;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "hour" -> HOUR;
      case "day" -> DAY;
      case "week" -> WEEK;
      default -> throw new InvalidQueryException("bucket", "must be hour, day or week");
    };
  }

  /** The start of the bucket that holds {@code instant}. */
  public Instant floor(Instant instant) {
    return switch (this) {
      case HOUR -> instant.truncatedTo(ChronoUnit.HOURS);
      case DAY -> instant.truncatedTo(ChronoUnit.DAYS);
      case WEEK ->
          instant
              .atOffset(ZoneOffset.UTC)
              .truncatedTo(ChronoUnit.DAYS)
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
              .toInstant();
    };
  }

  /** The start of the bucket after the one starting at {@code start}. */
  public Instant next(Instant start) {
    return switch (this) {
      case HOUR -> start.plus(1, ChronoUnit.HOURS);
      case DAY -> start.plus(1, ChronoUnit.DAYS);
      case WEEK -> start.plus(7, ChronoUnit.DAYS);
    };
  }

  /** The wire form. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
