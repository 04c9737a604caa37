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
import java.time.Instant;
import java.util.List;

/**
 * The step listener that records a step as it runs, for a job that also has {@link
 * JobRecordingListener}: one line in a step,
 *
 * <pre>{@code <listeners><listener ref="executionStoreStepListener"/></listeners>}</pre>
 *
 * <p>The step's task record when it starts (with its attempt: how many times the job instance ran
 * it before, plus one) and when it ends; log lines of the chunks written, with the items read,
 * filtered and written in them and in the step so far, as this listener saw them (the chunks of one
 * {@code executions.batch.log-interval}, a second by default, share one line: a step of many quick
 * chunks does not write a line, and a link of its chain, per chunk); and each failed item — read,
 * processed or written — as an error of the step, with its exception. Without it, the job listener
 * records the step when the job ends, from what the batch runtime kept of it.
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

  /** The step's progress, once looked up: the item callbacks ask for it for every item. */
  private StepProgress progress;

  /** The step's progress; null when its job is not recorded (no job listener, or it failed). */
  private StepProgress progress() {
    StepProgress known = progress;
    long executionId = job.getExecutionId();
    String name = step.getStepName();
    if (known == null || !known.isOf(executionId, name)) {
      known = runs.progressOf(executionId, name);
      progress = known;
    }
    return known;
  }

  @Override
  public void beforeStep() {
    long executionId = job.getExecutionId();
    String name = step.getStepName();
    StepProgress progress = runs.stepStarts(executionId, name, job.getProperties());
    if (progress == null) {
      return;
    }
    runs.guarded(
        "the start of step " + name,
        job.getProperties(),
        () -> {
          progress.attempt(BatchFacts.attempt(executionId, name));
          recorder.stepStarted(progress.run(), name, progress.started(), progress.attempt());
        });
  }

  @Override
  public void afterStep() {
    String name = step.getStepName();
    StepProgress progress = progress();
    if (progress == null) {
      return;
    }
    Throwable failure = step.getException();
    Throwable cause = failure != null ? failure : progress.recordedFailure();
    boolean recorded = cause != null && progress.alreadyRecorded(cause);
    List<String> lines = progress.takeLines();
    runs.guarded(
        "the end of step " + name,
        job.getProperties(),
        () ->
            recorder.stepEnded(
                progress.run(),
                lines,
                new StepRun(
                    name,
                    failure != null ? BatchStatus.FAILED : step.getBatchStatus(),
                    step.getExitStatus(),
                    progress.started(),
                    Instant.now(),
                    progress.attempt(),
                    BatchFacts.metrics(step.getMetrics())),
                cause,
                !recorded));
  }

  @Override
  public void beforeChunk() {
    StepProgress progress = progress();
    if (progress != null) {
      progress.chunkStarts();
    }
  }

  @Override
  public void afterChunk() {
    StepProgress progress = progress();
    if (progress != null && progress.chunkWritten()) {
      writeLines(progress);
    }
  }

  private void writeLines(StepProgress progress) {
    List<String> lines = progress.takeLines();
    if (!lines.isEmpty()) {
      runs.guarded(
          "the log of step " + step.getStepName(),
          job.getProperties(),
          () -> recorder.log(progress.run(), step.getStepName(), lines));
    }
  }

  @Override
  public void onError(Exception failure) {
    StepProgress progress = progress();
    if (progress != null) {
      failed(progress, failure, "chunk " + progress.currentChunk() + " failed: ");
    }
  }

  @Override
  public void beforeRead() {
    // items are counted once read
  }

  @Override
  public void afterRead(Object item) {
    StepProgress progress = progress();
    if (progress != null && item != null) {
      progress.read();
    }
  }

  @Override
  public void onReadError(Exception failure) {
    StepProgress progress = progress();
    if (progress != null) {
      failed(progress, failure, "reading an item failed: ");
    }
  }

  @Override
  public void beforeProcess(Object item) {
    // items are counted once processed
  }

  @Override
  public void afterProcess(Object item, Object result) {
    StepProgress progress = progress();
    if (progress != null && result == null) {
      progress.filtered();
    }
  }

  @Override
  public void onProcessError(Object item, Exception failure) {
    StepProgress progress = progress();
    if (progress != null) {
      failed(progress, failure, "processing item " + abridged(item) + " failed: ");
    }
  }

  @Override
  public void beforeWrite(List<Object> items) {
    // items are counted once written
  }

  @Override
  public void afterWrite(List<Object> items) {
    StepProgress progress = progress();
    if (progress != null) {
      progress.written(items.size());
    }
  }

  @Override
  public void onWriteError(List<Object> items, Exception failure) {
    StepProgress progress = progress();
    if (progress != null) {
      failed(progress, failure, "writing " + items.size() + " items failed: ");
    }
  }

  /** Records {@code failure} once, however many of the runtime's callbacks are told of it. */
  private void failed(StepProgress progress, Exception failure, String what) {
    if (!progress.firstTimeOf(failure)) {
      return;
    }
    writeLines(progress);
    runs.guarded(
        "an error of step " + step.getStepName(),
        job.getProperties(),
        () ->
            recorder.error(
                progress.run(), step.getStepName(), what + BatchRecorder.describe(failure)));
  }

  private static String abridged(Object item) {
    String text = String.valueOf(item);
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
