package org.workflowengine.persistence.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The store's clock precision: microseconds, the finest both Derby and PostgreSQL keep, so an
 * instant read back equals the one written.
 */
public final class Timestamps {

  private Timestamps() {}

  /** Now, to the microsecond. */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** {@code instant} to the microsecond, or null. */
  public static Instant normalize(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }
}
