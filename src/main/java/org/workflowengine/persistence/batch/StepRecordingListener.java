package org.workflowengine.persistence.batch;

import jakarta.batch.api.chunk.listener.ChunkListener;
import jakarta.batch.api.chunk.listener.ItemProcessListener;
import jakarta.batch.api.chunk.listener.ItemReadListener;
import jakarta.batch.api.chunk.listener.ItemWriteListener;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The step listener that records a step as it runs, for a job that also has {@link
 * JobRecordingListener}: one line in a step,
 *
 * <pre>{@code <listeners><listener ref="executionStoreStepListener"/></listeners>}</pre>
 *
 * <p>The step's task record when it starts (with its attempt: how many times the job instance ran
 * it before, plus one) and when it ends; a log line of the step's counts after each chunk is
 * written, with the items read, filtered and written in it and in the step so far, as this listener
 * saw them (the lines of the chunks of one {@code executions.batch.log-interval}, a second by
 * default, written together); and each failed item — read, processed or written — as an error of
 * the step, with its exception. Without it, the job listener records the step when the job ends,
 * from what the batch runtime kept of it.
 */
@Named("executionStoreStepListener")
@Dependent
public class StepRecordingListener
    implements StepListener,
        ChunkListener,
        ItemReadListener,
        ItemProcessListener,
        ItemWriteListener {

  @Inject JobContext job;

  @Inject StepContext step;

  @Inject BatchRecorder recorder;

  @Inject BatchRuns runs;

  private static final int READ = 0;
  private static final int FILTERED = 1;
  private static final int WRITTEN = 2;

  private int chunks;
  private int firstPendingChunk = 1;
  private final long[] inChunk = new long[3];
  private final long[] pending = new long[3];
  private final long[] inStep = new long[3];
  private Throwable recordedFailure;
  private Instant started;
  private int attempt = 1;
  private long lastWrite;
  private Duration logInterval;

  private String run() {
    return runs.runOf(job.getExecutionId());
  }

  @Override
  public void beforeStep() {
    long executionId = job.getExecutionId();
    String name = step.getStepName();
    String run = run();
    if (run == null) {
      return; // the job is not recorded: its job listener is missing or failed
    }
    runs.stepHasListener(executionId, name);
    started = Instant.now();
    lastWrite = System.nanoTime();
    logInterval = runs.logInterval(job.getProperties());
    runs.guarded(
        "the start of step " + name,
        job.getProperties(),
        () -> {
          attempt = BatchFacts.attempt(executionId, name);
          recorder.stepStarted(run, name, started, attempt);
        });
  }

  @Override
  public void afterStep() {
    long executionId = job.getExecutionId();
    String name = step.getStepName();
    String run = run();
    if (run == null) {
      return;
    }
    Throwable failure = step.getException();
    Throwable cause = failure != null ? failure : recordedFailure;
    boolean recorded =
        cause != null && (cause == recordedFailure || isCauseOf(cause, recordedFailure));
    List<String> lines = takePendingLines();
    runs.guarded(
        "the end of step " + name,
        job.getProperties(),
        () ->
            recorder.stepEnded(
                run,
                lines,
                new StepRun(
                    name,
                    failure != null ? BatchStatus.FAILED : step.getBatchStatus(),
                    step.getExitStatus(),
                    started,
                    Instant.now(),
                    attempt,
                    BatchFacts.metrics(step.getMetrics())),
                cause,
                !recorded));
  }

  @Override
  public void beforeChunk() {
    Arrays.fill(inChunk, 0);
  }

  @Override
  public void afterChunk() {
    String run = run();
    if (run == null) {
      return;
    }
    chunks++;
    for (int i = 0; i < inChunk.length; i++) {
      pending[i] += inChunk[i];
    }
    Arrays.fill(inChunk, 0);
    if (System.nanoTime() - lastWrite >= logInterval.toNanos()) {
      writePendingLines(run);
    }
  }

  /**
   * The line of the chunks written since the last line: {@code chunk 3 written: …} for one, {@code
   * chunks 4–420 written: …} for several, with the items read, filtered and written in them and in
   * the step so far; none if no chunk was written since.
   */
  private List<String> takePendingLines() {
    lastWrite = System.nanoTime();
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

  private void writePendingLines(String run) {
    List<String> lines = takePendingLines();
    if (!lines.isEmpty()) {
      runs.guarded(
          "the log of step " + step.getStepName(),
          job.getProperties(),
          () -> recorder.log(run, step.getStepName(), lines));
    }
  }

  @Override
  public void onError(Exception failure) {
    failed(failure, "chunk " + (chunks + 1) + " failed: ");
  }

  @Override
  public void beforeRead() {
    // items are counted once read
  }

  @Override
  public void afterRead(Object item) {
    if (item != null) {
      count(READ, 1);
    }
  }

  @Override
  public void onReadError(Exception failure) {
    failed(failure, "reading an item failed: ");
  }

  @Override
  public void beforeProcess(Object item) {
    // items are counted once processed
  }

  @Override
  public void afterProcess(Object item, Object result) {
    if (result == null) {
      count(FILTERED, 1);
    }
  }

  @Override
  public void onProcessError(Object item, Exception failure) {
    failed(failure, "processing item " + abridged(item) + " failed: ");
  }

  @Override
  public void beforeWrite(List<Object> items) {
    // items are counted once written
  }

  @Override
  public void afterWrite(List<Object> items) {
    count(WRITTEN, items.size());
  }

  private void count(int what, long n) {
    inChunk[what] += n;
    inStep[what] += n;
  }

  /** "read 10, filtered 2, written 8": the items this listener saw. */
  private static String counts(long[] items) {
    return "read " + items[READ] + ", filtered " + items[FILTERED] + ", written " + items[WRITTEN];
  }

  @Override
  public void onWriteError(List<Object> items, Exception failure) {
    failed(failure, "writing " + items.size() + " items failed: ");
  }

  /** Records {@code failure} once, however many of the listener's methods are told of it. */
  private void failed(Exception failure, String what) {
    String run = run();
    if (run == null || failure == recordedFailure || isCauseOf(failure, recordedFailure)) {
      return;
    }
    recordedFailure = failure;
    writePendingLines(run);
    runs.guarded(
        "an error of step " + step.getStepName(),
        job.getProperties(),
        () -> recorder.error(run, step.getStepName(), what + BatchRecorder.describe(failure)));
  }

  private static boolean isCauseOf(Throwable outer, Throwable inner) {
    for (Throwable t = outer; t != null && inner != null; t = t.getCause()) {
      if (t == inner) {
        return true;
      }
      if (t.getCause() == t) {
        return false;
      }
    }
    return false;
  }

  private static String abridged(Object item) {
    String text = String.valueOf(item);
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
