package org.workflowengine.persistence.store.insight;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.workflowengine.persistence.json.Timestamps;
import org.workflowengine.persistence.model.ErrorMessages;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.store.insight.WorkflowStats.Bucket;
import org.workflowengine.persistence.store.insight.WorkflowStats.Durations;
import org.workflowengine.persistence.store.insight.WorkflowStats.ErrorCount;
import org.workflowengine.persistence.store.insight.WorkflowStats.TaskDurations;

/**
 * Computes {@link WorkflowStats} of one workflow's runs in a range: on PostgreSQL from what the
 * database keeps per hour ({@link KeptStats}); on Derby, or when asked ({@link #fromRows}), from
 * the rows in three reads (the runs' indexed columns, their finished task records, their errors),
 * bucketed and counted here. An archived run counts by its status, duration and errors; its task
 * records left the database with it and are not counted.
 */
@Dependent
public class WorkflowStatistics {

  /** The most buckets one answer holds. */
  public static final int MAX_BUCKETS = 1000;

  /** The slowest tasks an answer follows. */
  public static final int TASKS = 10;

  /** The most frequent errors over the range. */
  public static final int ERRORS = 10;

  /** The most runs a grid holds. */
  public static final int MAX_GRID_RUNS = 100;

  /** The most frequent errors of a bucket. */
  public static final int BUCKET_ERRORS = 3;

  private static final String RANGE =
      " e.workflowName = :name AND e.createdAt >= :from AND e.createdAt < :to";

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Inject KeptStats kept;

  /**
   * The statistics of {@code workflowName} from the start of the bucket holding {@code from} to the
   * end of the bucket holding the instant before {@code to}.
   *
   * @throws InvalidQueryException naming {@code from} if it is not before {@code to}, or {@code
   *     bucket} if the range holds more than {@value #MAX_BUCKETS} buckets
   */
  public WorkflowStats of(String workflowName, Instant from, Instant to, StatsBucket bucket) {
    List<Instant> starts = starts(from, to, bucket);
    return kept.kept()
        ? kept.of(workflowName, starts, bucket)
        : fromRows(workflowName, starts, bucket);
  }

  /**
   * The statistics as {@link #of} answers them, computed from the rows whatever the database keeps:
   * exact percentiles, at the cost of reading every run in the range.
   */
  public WorkflowStats fromRows(String workflowName, Instant from, Instant to, StatsBucket bucket) {
    return fromRows(workflowName, starts(from, to, bucket), bucket);
  }

  private WorkflowStats fromRows(String workflowName, List<Instant> starts, StatsBucket bucket) {
    Instant start = starts.get(0);
    Instant end = bucket.next(starts.get(starts.size() - 1));
    List<Builder> builders = new ArrayList<>();
    starts.forEach(at -> builders.add(new Builder(at)));

    for (Object[] run :
        query(
                "SELECT e.createdAt, e.status, e.completedAt, e.success FROM WorkflowExecution e"
                    + " WHERE"
                    + RANGE,
                workflowName,
                start,
                end)
            .getResultList()) {
      Builder into = builders.get(index(starts, (Instant) run[0]));
      into.run((WorkflowStatus) run[1], duration((Instant) run[0], (Instant) run[2]), run[3]);
    }

    Map<String, List<Long>> allTasks = new HashMap<>();
    for (Object[] task :
        query(
                "SELECT e.createdAt, t.taskId, t.startedAt, t.completedAt"
                    + " FROM TaskExecution t, WorkflowExecution e WHERE t.executionId = e.id"
                    + " AND t.startedAt IS NOT NULL AND t.completedAt IS NOT NULL AND"
                    + RANGE,
                workflowName,
                start,
                end)
            .getResultList()) {
      Long millis = duration((Instant) task[2], (Instant) task[3]);
      String taskId = (String) task[1];
      allTasks.computeIfAbsent(taskId, id -> new ArrayList<>()).add(millis);
      builders.get(index(starts, (Instant) task[0])).task(taskId, millis);
    }
    List<TaskDurations> slowest =
        allTasks.entrySet().stream()
            .map(entry -> new TaskDurations(entry.getKey(), durations(entry.getValue())))
            .sorted(
                Comparator.comparing((TaskDurations task) -> task.duration().p95Ms())
                    .reversed()
                    .thenComparing(TaskDurations::taskId))
            .limit(TASKS)
            .toList();

    Errors allErrors = new Errors();
    for (Object[] error :
        query(
                "SELECT e.createdAt, e.id, x.message FROM ExecutionError x, WorkflowExecution e"
                    + " WHERE x.executionId = e.id AND"
                    + RANGE,
                workflowName,
                start,
                end)
            .getResultList()) {
      String message = ErrorMessages.normalise((String) error[2]);
      Instant createdAt = (Instant) error[0];
      allErrors.add(message, (String) error[1], createdAt);
      builders.get(index(starts, createdAt)).errors.add(message, (String) error[1], createdAt);
    }

    List<Bucket> buckets = builders.stream().map(builder -> builder.build(slowest)).toList();
    return new WorkflowStats(
        workflowName, start, end, bucket.toString(), buckets, slowest, allErrors.top(ERRORS));
  }

  /** The newest {@code runs} runs of {@code workflowName} with their task records (two reads). */
  public RunGrid grid(String workflowName, int runs) {
    if (runs < 1 || runs > MAX_GRID_RUNS) {
      throw new InvalidQueryException("runs", "must be between 1 and " + MAX_GRID_RUNS);
    }
    List<Object[]> rows =
        em.createQuery(
                "SELECT e.id, e.status, e.createdAt, e.completedAt, e.snapshotHash, e.archivedAt"
                    + " FROM WorkflowExecution e WHERE e.workflowName = :name"
                    + " ORDER BY e.createdAt DESC, e.id DESC",
                Object[].class)
            .setParameter("name", workflowName)
            .setMaxResults(runs)
            .getResultList();
    Map<String, List<RunGrid.Task>> tasks = new HashMap<>();
    if (!rows.isEmpty()) {
      List<String> ids = rows.stream().map(row -> (String) row[0]).toList();
      for (Object[] task :
          em.createQuery(
                  "SELECT t.executionId, t.taskId, t.status, t.startedAt, t.completedAt, t.attempt"
                      + " FROM TaskExecution t WHERE t.executionId IN :ids ORDER BY t.seq, t.rowId",
                  Object[].class)
              .setParameter("ids", ids)
              .getResultList()) {
        tasks
            .computeIfAbsent((String) task[0], id -> new ArrayList<>())
            .add(
                new RunGrid.Task(
                    (String) task[1],
                    (WorkflowStatus) task[2],
                    (Instant) task[3],
                    (Instant) task[4],
                    ((Number) task[5]).intValue()));
      }
    }
    List<RunGrid.Run> gridRuns = new ArrayList<>();
    LinkedHashSet<String> taskIds = new LinkedHashSet<>();
    for (Object[] row : rows) {
      List<RunGrid.Task> own = tasks.getOrDefault((String) row[0], List.of());
      own.forEach(task -> taskIds.add(task.taskId()));
      gridRuns.add(
          new RunGrid.Run(
              (String) row[0],
              (WorkflowStatus) row[1],
              (Instant) row[2],
              (Instant) row[3],
              (String) row[4],
              row[5] != null,
              own));
    }
    return new RunGrid(workflowName, List.copyOf(taskIds), gridRuns);
  }

  /** The starts of the buckets covering [from, to). */
  static List<Instant> starts(Instant from, Instant to, StatsBucket bucket) {
    if (!from.isBefore(to)) {
      throw new InvalidQueryException("from", "must be before to");
    }
    List<Instant> starts = new ArrayList<>();
    for (Instant at = bucket.floor(from); at.isBefore(to); at = bucket.next(at)) {
      if (starts.size() == MAX_BUCKETS) {
        throw new InvalidQueryException(
            "bucket",
            "the range from "
                + from
                + " to "
                + to
                + " holds more than "
                + MAX_BUCKETS
                + " "
                + bucket
                + " buckets: choose a shorter range or a wider bucket");
      }
      starts.add(at);
    }
    return starts;
  }

  /**
   * A read of the range's rows. The bounds are held to what the databases store (years 1 to 9999):
   * a week's bucket may start before the first instant or end after the last, and no row lies
   * there.
   */
  private TypedQuery<Object[]> query(String jpql, String name, Instant from, Instant to) {
    return em.createQuery(jpql, Object[].class)
        .setParameter("name", name)
        .setParameter("from", from.isBefore(Timestamps.MIN) ? Timestamps.MIN : from)
        .setParameter("to", to.isAfter(Timestamps.MAX) ? Timestamps.MAX : to);
  }

  /** The index of the bucket holding {@code at}: the last start not after it. */
  static int index(List<Instant> starts, Instant at) {
    int low = 0;
    int high = starts.size() - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (starts.get(middle).isAfter(at)) {
        high = middle - 1;
      } else {
        low = middle;
      }
    }
    return low;
  }

  private static Long duration(Instant start, Instant end) {
    return end == null ? null : Math.max(0, Duration.between(start, end).toMillis());
  }

  /** Nearest-rank percentiles of {@code millis} (which it sorts). */
  static Durations durations(List<Long> millis) {
    if (millis.isEmpty()) {
      return new Durations(0, null, null);
    }
    millis.sort(null);
    return new Durations(millis.size(), rank(millis, 0.50), rank(millis, 0.95));
  }

  private static long rank(List<Long> sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  /** One bucket being counted. */
  private static final class Builder {
    final Instant start;
    final Map<String, Long> statuses = new LinkedHashMap<>();
    final List<Long> runDurations = new ArrayList<>();
    final Map<String, List<Long>> tasks = new HashMap<>();
    final Errors errors = new Errors();
    long runs;
    long finished;
    long succeeded;

    Builder(Instant start) {
      this.start = start;
      for (WorkflowStatus status : WorkflowStatus.values()) {
        statuses.put(status.wireName(), 0L);
      }
    }

    void run(WorkflowStatus status, Long millis, Object success) {
      runs++;
      statuses.merge(status.wireName(), 1L, Long::sum);
      if (millis != null) {
        runDurations.add(millis);
      }
      if (success != null) {
        finished++;
        if (Boolean.TRUE.equals(success)) {
          succeeded++;
        }
      }
    }

    void task(String taskId, Long millis) {
      tasks.computeIfAbsent(taskId, id -> new ArrayList<>()).add(millis);
    }

    Bucket build(List<TaskDurations> followed) {
      List<TaskDurations> taskFigures =
          followed.stream()
              .map(
                  task ->
                      new TaskDurations(
                          task.taskId(),
                          durations(tasks.getOrDefault(task.taskId(), new ArrayList<>()))))
              .toList();
      return new Bucket(
          start,
          runs,
          statuses,
          finished == 0 ? null : (double) succeeded / finished,
          durations(runDurations),
          taskFigures,
          errors.top(BUCKET_ERRORS));
    }
  }

  /** Errors counted by normalised message. */
  private static final class Errors {
    private final Map<String, long[]> counts = new HashMap<>();
    private final Map<String, Set<String>> runs = new HashMap<>();
    private final Map<String, Object[]> newest = new HashMap<>();

    void add(String message, String executionId, Instant createdAt) {
      counts.computeIfAbsent(message, m -> new long[1])[0]++;
      runs.computeIfAbsent(message, m -> new HashSet<>()).add(executionId);
      newest.merge(
          message,
          new Object[] {createdAt, executionId},
          (old, candidate) -> newer(candidate, old) ? candidate : old);
    }

    private static boolean newer(Object[] candidate, Object[] old) {
      int byTime = ((Instant) candidate[0]).compareTo((Instant) old[0]);
      return byTime > 0 || byTime == 0 && ((String) candidate[1]).compareTo((String) old[1]) > 0;
    }

    List<ErrorCount> top(int limit) {
      return counts.entrySet().stream()
          .map(
              entry ->
                  new ErrorCount(
                      entry.getKey(),
                      entry.getValue()[0],
                      runs.get(entry.getKey()).size(),
                      (String) newest.get(entry.getKey())[1]))
          .sorted(
              Comparator.comparingLong(ErrorCount::count)
                  .reversed()
                  .thenComparing(ErrorCount::message))
          .limit(limit)
          .toList();
    }
  }
}
