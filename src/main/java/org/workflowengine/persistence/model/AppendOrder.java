package org.workflowengine.persistence.model;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keys for child rows (tasks, audit entries, log lines, errors): a random id, and an ordering
 * number that grows with every row this JVM writes.
 *
 * <p>Why not an identity column: Derby hands out identity values from a preallocated range and,
 * when concurrent inserts exhaust it together, fails some of them with "too much contention"
 * (40XL1), which would lose appends. A random primary key never collides, and the ordering number
 * (microseconds since the epoch, bumped past the last one issued) keeps one writer's rows in the
 * order written. Rows written at the same moment by different servers are ordered by their clocks,
 * then by id.
 */
public final class AppendOrder {

  private static final AtomicLong LAST = new AtomicLong();

  private AppendOrder() {}

  /** A new row id. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** The next ordering number: strictly greater than every earlier one in this JVM. */
  public static long next() {
    Instant now = Instant.now();
    long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    return LAST.accumulateAndGet(nowMicros, (last, candidate) -> Math.max(last + 1, candidate));
  }
}
