package org.workflowengine.persistence.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.workflowengine.persistence.lang.Causes;

/**
 * What the step listener knows of one step execution while it runs: when it started, its attempt,
 * the items counted, the chunks not yet in a log line, and the failure already recorded. Held by
 * {@link BatchRuns}, not by the listener: a runtime may create one listener object for the step's
 * callbacks and another for its chunks' and items' (JBeret does). Public: it crosses {@link
 * BatchRuns}' CDI proxy.
 */
public final class StepProgress {

  private static final int READ = 0;
  private static final int FILTERED = 1;
  private static final int WRITTEN = 2;

  private final long executionId;
  private final String step;
  private final String run;
  private final Instant started;
  private final Duration logInterval;
  private volatile int attempt = 1;
  private int chunks;
  private int firstPendingChunk = 1;
  private final long[] inChunk = new long[3];
  private final long[] pending = new long[3];
  private final long[] inStep = new long[3];
  private long lastLine = System.nanoTime();
  private Throwable recordedFailure;

  StepProgress(long executionId, String step, String run, Instant started, Duration logInterval) {
    this.executionId = executionId;
    this.step = step;
    this.run = run;
    this.started = started;
    this.logInterval = logInterval;
  }

  /** Whether this is the progress of step {@code name} of job execution {@code id}. */
  boolean isOf(long id, String name) {
    return executionId == id && step.equals(name);
  }

  /** The run the step's job is recorded as. */
  public String run() {
    return run;
  }

  Instant started() {
    return started;
  }

  int attempt() {
    return attempt;
  }

  void attempt(int attempt) {
    this.attempt = attempt;
  }

  synchronized void chunkStarts() {
    Arrays.fill(inChunk, 0);
  }

  synchronized void read() {
    count(READ, 1);
  }

  synchronized void filtered() {
    count(FILTERED, 1);
  }

  synchronized void written(int items) {
    count(WRITTEN, items);
  }

  private void count(int what, long n) {
    inChunk[what] += n;
    inStep[what] += n;
  }

  /** A chunk was written; whether a log line is due ({@code executions.batch.log-interval}). */
  synchronized boolean chunkWritten() {
    chunks++;
    for (int i = 0; i < inChunk.length; i++) {
      pending[i] += inChunk[i];
    }
    Arrays.fill(inChunk, 0);
    return System.nanoTime() - lastLine >= logInterval.toNanos();
  }

  /** The number the chunk being written now has. */
  synchronized int currentChunk() {
    return chunks + 1;
  }

  /**
   * The line of the chunks written since the last line: {@code chunk 3 written: …} for one, {@code
   * chunks 4–420 written: …} for several, with the items read, filtered and written in them and in
   * the step so far; none if no chunk was written since.
   */
  synchronized List<String> takeLines() {
    lastLine = System.nanoTime();
    if (chunks < firstPendingChunk) {
      return List.of();
    }
    String which =
        chunks == firstPendingChunk
            ? "chunk " + chunks
            : "chunks " + firstPendingChunk + "–" + chunks;
    String line = which + " written: " + counts(pending) + "; this step so far: " + counts(inStep);
    firstPendingChunk = chunks + 1;
    Arrays.fill(pending, 0);
    return List.of(line);
  }

  /** "read 10, filtered 2, written 8". */
  private static String counts(long[] items) {
    return "read " + items[READ] + ", filtered " + items[FILTERED] + ", written " + items[WRITTEN];
  }

  /**
   * Takes note that {@code failure} is being recorded; false if it, or an exception it wraps, was
   * recorded already (several of a runtime's callbacks are told of one failure).
   */
  synchronized boolean firstTimeOf(Throwable failure) {
    if (alreadyRecorded(failure)) {
      return false;
    }
    recordedFailure = failure;
    return true;
  }

  /**
   * Whether {@code failure}, or an exception it wraps, was recorded already: the same exception, or
   * one of its class with its message (JBeret hands a step's exception out as a copy).
   */
  synchronized boolean alreadyRecorded(Throwable failure) {
    Throwable recorded = recordedFailure;
    return recorded != null
        && Causes.of(failure)
            .anyMatch(
                t ->
                    t == recorded
                        || (t.getClass() == recorded.getClass()
                            && Objects.equals(t.getMessage(), recorded.getMessage())));
  }

  synchronized Throwable recordedFailure() {
    return recordedFailure;
  }
}
