package org.workflowengine.persistence.json;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The store's clock precision: microseconds, the finest both Derby and PostgreSQL keep, so an
 * instant read back equals the one written.
 */
public final class Timestamps {

  /** The earliest instant both databases keep: the start of year 1 (Derby's lower bound). */
  public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest instant both databases keep: the end of year 9999 (Derby's upper bound). */
  public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

  private Timestamps() {}

  /** True when {@code instant} lies within {@link #MIN} and {@link #MAX} (null counts as true). */
  public static boolean isStorable(Instant instant) {
    return instant == null || (!instant.isBefore(MIN) && !instant.isAfter(MAX));
  }

  /** Now, to the microsecond. */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** {@code instant} to the microsecond, or null. */
  public static Instant normalize(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }
}
