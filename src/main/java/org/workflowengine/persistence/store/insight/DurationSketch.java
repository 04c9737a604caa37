package org.workflowengine.persistence.store.insight;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Durations in milliseconds counted by logarithmic bucket, so that counts can be added and
 * subtracted (a run recorded, a run purged) and merged (hours into a day), and a percentile read
 * back within {@value #RELATIVE_ERROR_PERCENT} % of the exact one: the buckets of DDSketch (Masson,
 * Rim and Lee, VLDB 2019). A duration {@code ms ≥ 1} falls in bucket {@code ceil(ln(ms) / ln(γ))},
 * γ = (1 + α) / (1 − α) with α = 0.5 %; a bucket's value is {@code 2γ^i / (γ + 1)}, within α of
 * every duration in it, rounded to a millisecond: within 1 % of the exact percentile (below 100 ms
 * a bucket holds at most one whole millisecond, so the value is exact there). Zero is a bucket of
 * its own, {@value #ZERO}.
 *
 * <p>PostgreSQL computes the same bucket when it keeps the statistics (schema change set {@code
 * 008-kept-statistics}); this class reads them.
 */
public final class DurationSketch {

  /** The documented bound of a percentile's relative error, in percent. */
  public static final int RELATIVE_ERROR_PERCENT = 1;

  /** α: the buckets' relative accuracy. */
  static final double ALPHA = 0.005;

  /** γ: the ratio of a bucket's upper bound to its lower one. */
  static final double GAMMA = (1 + ALPHA) / (1 - ALPHA);

  /** The bucket of a zero duration. */
  public static final int ZERO = Integer.MIN_VALUE;

  /** The counts of buckets {@code offset}, {@code offset + 1}, …; zero durations apart. */
  private long[] counts = new long[0];

  private int offset;
  private long zeros;
  private final boolean signed;
  private long count;

  /** An empty sketch. */
  public DurationSketch() {
    this(false);
  }

  private DurationSketch(boolean signed) {
    this.signed = signed;
  }

  /**
   * An empty sketch of changes, whose buckets may go below zero: the deltas of a fold, of which a
   * removal may come without the addition it undoes.
   */
  public static DurationSketch changes() {
    return new DurationSketch(true);
  }

  /**
   * The same counts in a sketch of durations.
   *
   * @throws IllegalStateException if a bucket holds fewer than none
   */
  public DurationSketch durations() {
    DurationSketch sketch = new DurationSketch();
    sketch.add(this);
    return sketch;
  }

  /** The bucket of {@code ms} (negative durations count as zero). */
  public static int bucket(long ms) {
    return ms <= 0 ? ZERO : (int) Math.ceil(Math.log(ms) / Math.log(GAMMA));
  }

  /** The value read back for bucket {@code index}. */
  public static long value(int index) {
    return index == ZERO ? 0 : Math.round(2 * Math.pow(GAMMA, index) / (GAMMA + 1));
  }

  /** Adds {@code n} (which may be negative) durations in bucket {@code index}. */
  public void add(int index, long n) {
    if (n == 0) {
      return;
    }
    long now;
    if (index == ZERO) {
      now = zeros + n;
      check(index, now);
      zeros = now;
    } else {
      cover(index, index);
      now = counts[index - offset] + n;
      check(index, now);
      counts[index - offset] = now;
    }
    count += n;
  }

  /** Adds every count of {@code other}. */
  public void add(DurationSketch other) {
    if (other.zeros != 0) {
      add(ZERO, other.zeros);
    }
    if (other.counts.length == 0) {
      return;
    }
    cover(other.offset, other.offset + other.counts.length - 1);
    for (int i = 0; i < other.counts.length; i++) {
      long n = other.counts[i];
      if (n != 0) {
        int at = other.offset + i - offset;
        long now = counts[at] + n;
        check(other.offset + i, now);
        counts[at] = now;
        count += n;
      }
    }
  }

  private void check(int index, long now) {
    if (now < 0 && !signed) {
      throw new IllegalStateException("bucket " + index + " would hold " + now + " durations");
    }
  }

  /** Makes room for buckets {@code low} to {@code high}. */
  private void cover(int low, int high) {
    if (counts.length == 0) {
      offset = low;
      counts = new long[high - low + 1];
      return;
    }
    int from = Math.min(low, offset);
    int to = Math.max(high, offset + counts.length - 1);
    if (from == offset && to == offset + counts.length - 1) {
      return;
    }
    long[] wider = new long[to - from + 1];
    System.arraycopy(counts, 0, wider, offset - from, counts.length);
    counts = wider;
    offset = from;
  }

  /** How many durations it holds. */
  public long count() {
    return count;
  }

  /** Its buckets that hold durations (or changes) and their counts, smallest first. */
  public Map<Integer, Long> counts() {
    TreeMap<Integer, Long> held = new TreeMap<>();
    if (zeros != 0) {
      held.put(ZERO, zeros);
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        held.put(offset + i, counts[i]);
      }
    }
    return java.util.Collections.unmodifiableMap(held);
  }

  /**
   * The nearest-rank percentile {@code quantile}: the value of the bucket holding the duration at
   * position {@code ceil(quantile · count)}; null when empty.
   */
  public Long quantile(double quantile) {
    if (count <= 0) {
      return null;
    }
    long rank = Math.max(1, (long) Math.ceil(quantile * count));
    long seen = zeros;
    if (seen >= rank) {
      return 0L;
    }
    int last = ZERO;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        seen += counts[i];
        last = offset + i;
        if (seen >= rank) {
          return value(last);
        }
      }
    }
    return value(last);
  }

  /** The sketch as bytes: each bucket's distance from the previous and its count, as varints. */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(counts.length * 3 + 16);
    long previous = 0;
    if (zeros != 0) {
      writeVarint(out, zigzag((long) ZERO));
      writeVarint(out, zeros);
      previous = ZERO;
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        long index = offset + i;
        writeVarint(out, zigzag(index - previous));
        writeVarint(out, counts[i]);
        previous = index;
      }
    }
    return out.toByteArray();
  }

  /** The sketch {@link #encode} wrote; empty for null. */
  public static DurationSketch decode(byte[] bytes) {
    DurationSketch sketch = new DurationSketch();
    if (bytes == null || bytes.length == 0) {
      return sketch;
    }
    int[] indexes = new int[bytes.length / 2 + 1];
    long[] values = new long[indexes.length];
    int entries = 0;
    int[] at = {0};
    long previous = 0;
    while (at[0] < bytes.length) {
      long delta = readVarint(bytes, at);
      long index = previous + ((delta >>> 1) ^ -(delta & 1));
      indexes[entries] = (int) index;
      values[entries++] = readVarint(bytes, at);
      previous = index;
    }
    int first = indexes[0] == ZERO ? 1 : 0;
    if (entries > first) {
      sketch.cover(indexes[first], indexes[entries - 1]);
    }
    for (int i = 0; i < entries; i++) {
      sketch.add(indexes[i], values[i]);
    }
    return sketch;
  }

  private static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  private static long readVarint(byte[] bytes, int[] at) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = bytes[at[0]++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
  }
}
