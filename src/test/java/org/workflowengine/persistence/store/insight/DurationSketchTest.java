package org.workflowengine.persistence.store.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The sketch's percentiles against exact nearest-rank ones, and what adding and removing does. */
class DurationSketchTest {

  @Property(tries = 300)
  void everyPercentileIsWithinOnePercentOfTheExactOne(
      @ForAll @Size(min = 1, max = 400) List<@LongRange(min = 0, max = 86_400_000L) Long> millis,
      @ForAll @LongRange(min = 1, max = 100) long percent) {
    DurationSketch sketch = new DurationSketch();
    millis.forEach(ms -> sketch.add(DurationSketch.bucket(ms), 1));
    List<Long> sorted = new ArrayList<>(millis);
    sorted.sort(null);
    double quantile = percent / 100.0;
    long exact = sorted.get((int) Math.max(1, Math.ceil(quantile * sorted.size())) - 1);

    long read = sketch.quantile(quantile);

    assertThat((double) Math.abs(read - exact))
        .as("p%d of %s: exact %d, read %d", percent, sorted, exact, read)
        .isLessThanOrEqualTo(exact * DurationSketch.RELATIVE_ERROR_PERCENT / 100.0);
    assertThat(sketch.count()).isEqualTo(millis.size());
  }

  @Property(tries = 200)
  void encodingKeepsEveryCountAndRemovingWhatWasAddedLeavesTheRest(
      @ForAll @Size(max = 300) List<@LongRange(min = 0, max = 864_000_000L) Long> kept,
      @ForAll @Size(max = 300) List<@LongRange(min = 0, max = 864_000_000L) Long> removed) {
    DurationSketch sketch = new DurationSketch();
    kept.forEach(ms -> sketch.add(DurationSketch.bucket(ms), 1));
    removed.forEach(ms -> sketch.add(DurationSketch.bucket(ms), 1));
    removed.forEach(ms -> sketch.add(DurationSketch.bucket(ms), -1));
    DurationSketch only = new DurationSketch();
    kept.forEach(ms -> only.add(DurationSketch.bucket(ms), 1));

    assertThat(sketch.counts()).isEqualTo(only.counts());
    assertThat(DurationSketch.decode(sketch.encode()).counts()).isEqualTo(only.counts());
    assertThat(sketch.count()).isEqualTo(kept.size());
  }

  @Test
  void smallDurationsAreExactAndZeroIsItsOwnBucket() {
    for (long ms = 0; ms < 100; ms++) {
      assertThat(DurationSketch.value(DurationSketch.bucket(ms))).isEqualTo(ms);
    }
    assertThat(DurationSketch.bucket(-5)).isEqualTo(DurationSketch.ZERO);
    assertThat(new DurationSketch().quantile(0.5)).isNull();
  }

  @Test
  void aBucketCannotHoldFewerThanNoDurations() {
    DurationSketch sketch = new DurationSketch();
    sketch.add(DurationSketch.bucket(250), 1);
    assertThatThrownBy(() -> sketch.add(DurationSketch.bucket(250), -2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("would hold -1");
  }
}
