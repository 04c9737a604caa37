package org.workflowengine.persistence.store.insight;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.workflowengine.persistence.json.Timestamps;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.insight.WorkflowStats.Bucket;
import org.workflowengine.persistence.store.insight.WorkflowStats.Durations;
import org.workflowengine.persistence.store.insight.WorkflowStats.ErrorCount;
import org.workflowengine.persistence.store.insight.WorkflowStats.TaskDurations;
import org.workflowengine.persistence.store.query.RunCounts;

/**
 * {@link WorkflowStats} from what PostgreSQL keeps per workflow and hour ({@link RunCounts}, {@link
 * KeptStatistics}) instead of the rows: two reads of a row per hour and item, whatever the runs in
 * the range. Counts, success rates and errors are exact; percentiles come from the hours' {@link
 * DurationSketch}es, within {@value DurationSketch#RELATIVE_ERROR_PERCENT} % of the exact ones. The
 * newest run of an error is the newest the hours recorded, checked against the rows; when that run
 * is gone (purged), it is looked up in the rows.
 */
@Dependent
public class KeptStats {

  @Inject RunCounts counts;

  @Inject KeptStatistics statistics;

  /** Whether this database keeps what these statistics read. */
  public boolean kept() {
    return statistics.kept();
  }

  /** The statistics of {@code workflowName} over the buckets starting at {@code starts}. */
  WorkflowStats of(String workflowName, List<Instant> starts, StatsBucket bucket) {
    Instant start = starts.get(0);
    Instant end = bucket.next(starts.get(starts.size() - 1));
    Instant from = start.isBefore(Timestamps.MIN) ? Timestamps.MIN : start;
    Instant to = end.isAfter(Timestamps.MAX) ? Timestamps.MAX : end;
    List<Figures> buckets = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      buckets.add(new Figures(starts.get(i), bucket.next(starts.get(i))));
    }
    Figures range = new Figures(start, end);

    for (RunCounts.Hour hour : counts.hours(workflowName, from, to)) {
      Figures into = buckets.get(WorkflowStatistics.index(starts, hour.hour()));
      into.runs += hour.runs();
      into.statuses.merge(hour.status().wireName(), hour.runs(), Long::sum);
      if (hour.success() != null) {
        into.finished += hour.runs();
        if (hour.success()) {
          into.succeeded += hour.runs();
        }
      }
    }
    for (KeptStatistics.Hour hour : statistics.read(workflowName, from, to)) {
      Figures into = buckets.get(WorkflowStatistics.index(starts, hour.hour()));
      switch (hour.kind()) {
        case KeptStatistics.RUNS -> into.duration.add(hour.sketch());
        case KeptStatistics.TASKS -> {
          into.task(hour.item()).add(hour.sketch());
          range.task(hour.item()).add(hour.sketch());
        }
        default -> {
          into.error(hour.item()).add(hour);
          range.error(hour.item()).add(hour);
        }
      }
    }

    List<TaskDurations> slowest =
        range.tasks.entrySet().stream()
            .map(entry -> new TaskDurations(entry.getKey(), durations(entry.getValue())))
            .sorted(
                Comparator.comparing((TaskDurations task) -> task.duration().p95Ms())
                    .reversed()
                    .thenComparing(TaskDurations::taskId))
            .limit(WorkflowStatistics.TASKS)
            .toList();
    // The most frequent errors of the range and of every bucket; their newest runs checked against
    // the rows in one read.
    Map<Figures, List<Map.Entry<String, Tally>>> tops = new HashMap<>();
    tops.put(range, mostFrequent(range, WorkflowStatistics.ERRORS));
    buckets.forEach(
        figures -> tops.put(figures, mostFrequent(figures, WorkflowStatistics.BUCKET_ERRORS)));
    Set<String> ids = new HashSet<>();
    tops.values().forEach(top -> top.forEach(entry -> ids.add(entry.getValue().lastId)));
    ids.remove(null);
    Map<String, Map.Entry<Instant, Set<String>>> runs = statistics.errorsOf(workflowName, ids);
    List<ErrorCount> topErrors = top(workflowName, range, tops.get(range), runs);
    List<Bucket> answers = new ArrayList<>();
    for (Figures figures : buckets) {
      answers.add(
          new Bucket(
              figures.start,
              figures.runs,
              figures.statuses,
              figures.finished == 0 ? null : (double) figures.succeeded / figures.finished,
              durations(figures.duration),
              slowest.stream()
                  .map(
                      task ->
                          new TaskDurations(
                              task.taskId(),
                              durations(
                                  figures.tasks.getOrDefault(task.taskId(), new DurationSketch()))))
                  .toList(),
              top(workflowName, figures, tops.get(figures), runs)));
    }
    return new WorkflowStats(
        workflowName, start, end, bucket.toString(), answers, slowest, topErrors);
  }

  /** The {@code limit} most frequent errors of {@code figures}, most frequent first. */
  private static List<Map.Entry<String, Tally>> mostFrequent(Figures figures, int limit) {
    return figures.errors.entrySet().stream()
        .filter(entry -> entry.getValue().count > 0)
        .sorted(
            Comparator.comparingLong((Map.Entry<String, Tally> entry) -> entry.getValue().count)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(limit)
        .toList();
  }

  /**
   * The errors {@code top} of {@code figures}, each with its newest run: the newest the hours
   * recorded when the rows ({@code runs}: a run's creation time and error keys) still hold it
   * there, otherwise read from the rows.
   */
  private List<ErrorCount> top(
      String workflowName,
      Figures figures,
      List<Map.Entry<String, Tally>> top,
      Map<String, Map.Entry<Instant, Set<String>>> runs) {
    List<ErrorCount> errors = new ArrayList<>();
    for (Map.Entry<String, Tally> entry : top) {
      Tally tally = entry.getValue();
      Map.Entry<Instant, Set<String>> run = runs.get(tally.lastId);
      String newest =
          run != null
                  && run.getValue().contains(entry.getKey())
                  && run.getKey().equals(tally.lastAt)
                  && !run.getKey().isBefore(figures.start)
                  && run.getKey().isBefore(figures.end)
              ? tally.lastId
              : statistics.newest(
                  workflowName,
                  entry.getKey(),
                  figures.start.isBefore(Timestamps.MIN) ? Timestamps.MIN : figures.start,
                  figures.end.isAfter(Timestamps.MAX) ? Timestamps.MAX : figures.end);
      errors.add(new ErrorCount(entry.getKey(), tally.count, tally.runs, newest));
    }
    return errors;
  }

  private static Durations durations(DurationSketch sketch) {
    return sketch.count() == 0
        ? new Durations(0, null, null)
        : new Durations(sketch.count(), sketch.quantile(0.50), sketch.quantile(0.95));
  }

  /** One bucket's, or the range's, figures being added up. */
  private static final class Figures {
    final Instant start;
    final Instant end;
    final Map<String, Long> statuses = new LinkedHashMap<>();
    final DurationSketch duration = new DurationSketch();
    final Map<String, DurationSketch> tasks = new HashMap<>();
    final Map<String, Tally> errors = new HashMap<>();
    long runs;
    long finished;
    long succeeded;

    Figures(Instant start, Instant end) {
      this.start = start;
      this.end = end;
      for (WorkflowStatus status : WorkflowStatus.values()) {
        statuses.put(status.wireName(), 0L);
      }
    }

    DurationSketch task(String taskId) {
      return tasks.computeIfAbsent(taskId, id -> new DurationSketch());
    }

    Tally error(String key) {
      return errors.computeIfAbsent(key, k -> new Tally());
    }
  }

  /** An error message's errors, runs and newest run. */
  private static final class Tally {
    long count;
    long runs;
    Instant lastAt;
    String lastId;

    void add(KeptStatistics.Hour hour) {
      count += hour.n();
      runs += hour.runs();
      if (hour.lastAt() != null
          && (lastAt == null
              || hour.lastAt().isAfter(lastAt)
              || hour.lastAt().equals(lastAt) && hour.lastId().compareTo(lastId) > 0)) {
        lastAt = hour.lastAt();
        lastId = hour.lastId();
      }
    }
  }
}
