package org.workflowengine.persistence.store.insight;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.workflowengine.persistence.model.ErrorMessages;

/**
 * How one workflow did between {@code from} (inclusive) and {@code to} (exclusive): a bucket for
 * every hour, day or week of the range (UTC, empty ones included), the slowest tasks and the most
 * frequent errors over the whole range. A run belongs to the bucket of its creation time; its tasks
 * and errors belong to the run's bucket. Durations are in milliseconds; percentiles are nearest
 * rank over every finished run or task, exact on Derby and within {@value
 * DurationSketch#RELATIVE_ERROR_PERCENT} % on PostgreSQL, which keeps them as sketches ({@link
 * KeptStats}).
 *
 * @param workflowName the workflow
 * @param from the start of the first bucket
 * @param to the end of the last bucket
 * @param bucket {@code hour}, {@code day} or {@code week}
 * @param buckets every bucket of the range, oldest first
 * @param tasks the range's slowest tasks (by p95, at most {@value WorkflowStatistics#TASKS})
 * @param topErrors the range's most frequent errors (at most {@value WorkflowStatistics#ERRORS})
 */
public record WorkflowStats(
    String workflowName,
    Instant from,
    Instant to,
    String bucket,
    List<Bucket> buckets,
    List<TaskDurations> tasks,
    List<ErrorCount> topErrors) {

  /**
   * One bucket.
   *
   * @param start when it starts (it ends where the next starts)
   * @param runs the runs created in it
   * @param statuses how many of them are in each status, every status present
   * @param successRate the share of its finished runs that succeeded, null when none finished
   * @param duration run durations, creation to completion, of its finished runs
   * @param tasks the durations of the range's slowest tasks ({@link WorkflowStats#tasks}) in it
   * @param topErrors its most frequent errors (at most {@value WorkflowStatistics#BUCKET_ERRORS})
   */
  public record Bucket(
      Instant start,
      long runs,
      Map<String, Long> statuses,
      Double successRate,
      Durations duration,
      List<TaskDurations> tasks,
      List<ErrorCount> topErrors) {}

  /**
   * Percentiles of a set of durations.
   *
   * @param count how many durations
   * @param p50Ms the median, null when there are none
   * @param p95Ms the 95th percentile, null when there are none
   */
  public record Durations(long count, Long p50Ms, Long p95Ms) {}

  /**
   * The durations, start to completion, of one task id's finished records.
   *
   * @param taskId the task
   * @param duration their percentiles
   */
  public record TaskDurations(String taskId, Durations duration) {}

  /**
   * An error message as normalised ({@link ErrorMessages}), how often it was recorded, in how many
   * runs, and the newest of them.
   *
   * @param message the normalised message
   * @param count how many errors
   * @param executions how many runs recorded it
   * @param lastExecutionId the newest run that recorded it
   */
  public record ErrorCount(String message, long count, long executions, String lastExecutionId) {}
}
