package org.workflowengine.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.workflowengine.persistence.database.KeptFiguresBackfill;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.error.InvalidQueryException;
import org.workflowengine.persistence.store.insight.DurationSketch;
import org.workflowengine.persistence.store.insight.KeptStatistics;
import org.workflowengine.persistence.store.insight.KeptStats;
import org.workflowengine.persistence.store.insight.StatsBucket;
import org.workflowengine.persistence.store.insight.WorkflowStatistics;
import org.workflowengine.persistence.store.insight.WorkflowStats;
import org.workflowengine.persistence.store.query.CountGrouping;
import org.workflowengine.persistence.store.query.ExecutionCounts;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.query.LabelSelector;
import org.workflowengine.persistence.store.query.RunCounts;
import org.workflowengine.persistence.store.retention.Retention;
import org.workflowengine.persistence.store.retention.RetentionPolicy;
import org.workflowengine.persistence.store.transfer.ExecutionTransfer;
import org.workflowengine.persistence.testing.Deployments;

/**
 * Counts and trends through the Java API, held to what the test made (runs with known statuses,
 * durations, tasks, labels and errors) and to plain SQL on the same tables: exact at first, after
 * concurrent writes, after a purge and after an import.
 */
@ExtendWith(ArquillianExtension.class)
class WorkflowInsightIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application();
  }

  @Inject ExecutionStore store;

  @Inject WorkflowInsight insight;

  @Inject Retention retention;

  @Inject ExecutionTransfer transfer;

  @Inject RunCounts runCounts;

  @Inject KeptStats keptStats;

  @Inject KeptStatistics keptStatistics;

  @Inject WorkflowStatistics statistics;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  /** Monday 2025-03-03, 00:00 UTC: the runs are made over the five days from it. */
  private static final Instant MONDAY = Instant.parse("2025-03-03T00:00:00Z");

  private static final List<String> TASKS = List.of("extract", "transform", "load");

  /** A run as made: what the figures must come to. */
  private record Made(
      String id,
      WorkflowStatus status,
      Instant createdAt,
      Long durationMs,
      String team,
      Map<String, Long> taskMs,
      List<String> normalisedErrors) {

    Made as(WorkflowStatus now) {
      return new Made(id, now, createdAt, durationMs, team, taskMs, normalisedErrors);
    }
  }

  private List<Made> make(String workflow, String suite, int runs, long seed) {
    Random random = new Random(seed);
    List<Made> made = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      WorkflowStatus status = WorkflowStatus.values()[random.nextInt(6)];
      Instant createdAt =
          MONDAY.plus(random.nextInt(5 * 24 * 3600), ChronoUnit.SECONDS).plusMillis(i);
      WorkflowExecution run =
          new WorkflowExecution(workflow, Json.createObjectBuilder().add("v", 1).build());
      run.setId(unique("insight"));
      run.setCreatedAt(createdAt);
      run.setStatus(status);
      String team = random.nextInt(4) == 0 ? null : "team-" + (char) ('a' + random.nextInt(3));
      Map<String, String> labels = new HashMap<>();
      labels.put("suite", suite);
      if (team != null) {
        labels.put("team", team);
      }
      run.setLabels(labels);
      Long durationMs = null;
      Map<String, Long> taskMs = new HashMap<>();
      List<TaskExecution> tasks = new ArrayList<>();
      if (status.isTerminal()) {
        durationMs = 1_000L + random.nextInt(600_000);
        run.setCompletedAt(createdAt.plusMillis(durationMs));
        run.setSuccess(status == WorkflowStatus.COMPLETE);
        for (String taskId : TASKS) {
          long ms = 10L + random.nextInt(taskId.equals("transform") ? 90_000 : 9_000);
          TaskExecution task = new TaskExecution(taskId, taskId, WorkflowStatus.COMPLETE);
          task.setStartedAt(createdAt.plusSeconds(1));
          task.setCompletedAt(createdAt.plusSeconds(1).plusMillis(ms));
          tasks.add(task);
          taskMs.put(taskId, ms);
        }
      } else if (status == WorkflowStatus.RUNNING) {
        TaskExecution task = new TaskExecution("extract", "extract", WorkflowStatus.RUNNING);
        task.setStartedAt(createdAt.plusSeconds(1));
        tasks.add(task);
      }
      run.setTasks(tasks);
      List<String> normalised = new ArrayList<>();
      List<ExecutionError> errors = new ArrayList<>();
      if (status == WorkflowStatus.FAILED) {
        int seconds = 20 + random.nextInt(20);
        errors.add(new ExecutionError("timeout after " + seconds + " s", "load"));
        normalised.add("timeout after # s");
        if (random.nextBoolean()) {
          String object = Long.toHexString(random.nextLong() | Long.MIN_VALUE);
          errors.add(
              new ExecutionError(
                  "object " + object + " not found (" + random.nextInt(999) + " bytes)", null));
          normalised.add("object # not found (# bytes)");
        }
      }
      run.setErrors(errors);
      store.create(run);
      made.add(new Made(run.getId(), status, createdAt, durationMs, team, taskMs, normalised));
    }
    return made;
  }

  @Test
  void countsAreExactByEveryGroupingAndAgreeWithPlainSql() throws Exception {
    String workflow = unique("counted");
    String other = unique("counted-other");
    String suite = unique("suite");
    List<Made> made = make(workflow, suite, 90, 7);
    List<Made> others = make(other, suite, 25, 8);
    ExecutionQuery ours = ExecutionQuery.all().withWorkflowName(workflow);

    ExecutionCounts byStatus = insight.count(ours, CountGrouping.STATUS);

    assertThat(byStatus.getTotal()).isEqualTo(90);
    assertThat(groups(byStatus)).isEqualTo(expected(made, m -> m.status().wireName()));
    assertThat(groups(byStatus)).isEqualTo(sqlByStatus(workflow));
    assertThat(byStatus.getGroups())
        .extracting(ExecutionCounts.Group::getCount)
        .isSortedAccordingTo(Comparator.reverseOrder());

    ExecutionQuery suiteQuery =
        ExecutionQuery.all().withLabels(List.of(LabelSelector.equal("suite", suite)));
    assertThat(groups(insight.count(suiteQuery, CountGrouping.WORKFLOW_NAME)))
        .isEqualTo(Map.of(workflow, 90L, other, 25L));
    List<Made> both = new ArrayList<>(made);
    both.addAll(others);
    ExecutionCounts byTeam = insight.count(suiteQuery, CountGrouping.label("team"));
    assertThat(byTeam.getTotal()).isEqualTo(115);
    assertThat(groups(byTeam)).isEqualTo(expected(both, Made::team));
    assertThat(byTeam.countOf(null))
        .as("the runs without the label, keyed null")
        .isEqualTo(both.stream().filter(m -> m.team() == null).count())
        .isPositive();
    assertThat(groups(insight.count(ours, CountGrouping.SUCCESS)))
        .isEqualTo(
            expected(
                made,
                m ->
                    m.status().isTerminal()
                        ? String.valueOf(m.status() == WorkflowStatus.COMPLETE)
                        : null));

    ExecutionQuery failedOfTeamA =
        ours.withStatuses(EnumSet.of(WorkflowStatus.FAILED, WorkflowStatus.CANCELLED))
            .withLabels(List.of(LabelSelector.equal("team", "team-a")))
            .withErrorContaining("timeout");
    assertThat(insight.count(failedOfTeamA, CountGrouping.NONE).getTotal())
        .isEqualTo(
            made.stream()
                .filter(m -> m.status() == WorkflowStatus.FAILED && "team-a".equals(m.team()))
                .count());
    assertThat(insight.count(failedOfTeamA, CountGrouping.NONE).getGroups()).isEmpty();
    assertThat(
            insight
                .count(
                    ours.withCreated(MONDAY, MONDAY.plus(1, ChronoUnit.DAYS)), CountGrouping.NONE)
                .getTotal())
        .isEqualTo(
            made.stream()
                .filter(m -> m.createdAt().isBefore(MONDAY.plus(1, ChronoUnit.DAYS)))
                .count());
  }

  @Test
  void countsStayExactAfterConcurrentWritesAPurgeAndAnImport() throws Exception {
    String workflow = unique("busy");
    String suite = unique("suite");
    List<Made> made = new ArrayList<>(make(workflow, suite, 20, 11));
    // While 8 threads record runs, a ninth fails the unfinished ones and a tenth folds the kept
    // counts' deltas (PostgreSQL) over and over.
    List<String> unfinished =
        made.stream().filter(m -> !m.status().isTerminal()).map(Made::id).toList();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    int folds = 0;
    try {
      Future<Integer> folder =
          pool.submit(
              () -> {
                int folded = 0;
                do {
                  runCounts.fold();
                  keptStatistics.fold();
                  folded++;
                } while (writing.get());
                return folded;
              });
      Future<?> failer =
          pool.submit(
              () -> {
                for (String id : unfinished) {
                  store.transition(id, WorkflowStatus.FAILED, false, null);
                }
                return null;
              });
      List<Future<List<Made>>> writers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        long seed = 100 + t;
        writers.add(pool.submit(() -> make(workflow, suite, 10, seed)));
      }
      for (Future<List<Made>> writer : writers) {
        made.addAll(writer.get());
      }
      failer.get();
      writing.set(false);
      folds = folder.get();
    } finally {
      writing.set(false);
      pool.shutdown();
    }
    assertThat(folds).isPositive();
    made.replaceAll(m -> unfinished.contains(m.id()) ? m.as(WorkflowStatus.FAILED) : m);
    ExecutionQuery ours = ExecutionQuery.all().withWorkflowName(workflow);
    assertThat(groups(insight.count(ours, CountGrouping.STATUS)))
        .isEqualTo(expected(made, m -> m.status().wireName()))
        .isEqualTo(sqlByStatus(workflow));
    assertKept(workflow, made);
    assertWindows(ours, made);
    assertStatsAgree(workflow);

    // Archived runs still count; a restored one counts once; a deleted one no more.
    List<Made> failed = made.stream().filter(m -> m.status() == WorkflowStatus.FAILED).toList();
    assertThat(
            retention
                .purge(
                    new RetentionPolicy(
                        null,
                        EnumSet.of(WorkflowStatus.FAILED),
                        workflow,
                        null,
                        null,
                        0,
                        false,
                        RetentionPolicy.DEFAULT_BATCH_SIZE,
                        true))
                .getArchived())
        .isEqualTo(failed.size());
    store.restoreFromArchive(failed.get(0).id());
    Made deleted =
        made.stream().filter(m -> m.status() == WorkflowStatus.COMPLETE).findFirst().get();
    store.delete(deleted.id(), null);
    made.remove(deleted);
    assertThat(groups(insight.count(ours, CountGrouping.STATUS)))
        .isEqualTo(expected(made, m -> m.status().wireName()))
        .isEqualTo(sqlByStatus(workflow));
    assertKept(workflow, made);
    assertStatsAgree(workflow);

    List<JsonObject> exported = new ArrayList<>();
    transfer.export(ours.withStatuses(EnumSet.of(WorkflowStatus.CANCELLED)), exported::add);
    long cancelled = made.stream().filter(m -> m.status() == WorkflowStatus.CANCELLED).count();
    assertThat(
            retention
                .purge(
                    new RetentionPolicy(
                        null,
                        EnumSet.of(WorkflowStatus.CANCELLED),
                        workflow,
                        null,
                        null,
                        0,
                        false,
                        RetentionPolicy.DEFAULT_BATCH_SIZE,
                        false))
                .getDeleted())
        .isEqualTo(cancelled);
    List<Made> kept = made.stream().filter(m -> m.status() != WorkflowStatus.CANCELLED).toList();
    assertThat(groups(insight.count(ours, CountGrouping.STATUS)))
        .isEqualTo(expected(kept, m -> m.status().wireName()))
        .isEqualTo(sqlByStatus(workflow));
    assertThat(
            insight
                .stats(workflow, MONDAY, MONDAY.plus(5, ChronoUnit.DAYS), StatsBucket.DAY)
                .buckets()
                .stream()
                .mapToLong(b -> b.statuses().get("Cancelled"))
                .sum())
        .isZero();

    assertThat(transfer.importBatch(exported)).isEqualTo(cancelled);
    assertThat(groups(insight.count(ours, CountGrouping.STATUS)))
        .isEqualTo(expected(made, m -> m.status().wireName()))
        .isEqualTo(sqlByStatus(workflow));
    assertKept(workflow, made);
    assertWindows(ours, made);
    assertStatsAgree(workflow);
  }

  /**
   * On PostgreSQL, the kept counts themselves, once folded, hold {@code made} by status and
   * outcome: the counts' answers cannot come from the runs alone.
   */
  private void assertKept(String workflow, List<Made> made) throws Exception {
    if (!runCounts.kept()) {
      return;
    }
    runCounts.fold();
    keptStatistics.fold();
    Map<String, Long> kept = new TreeMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT status, success, SUM(runs) FROM run_count WHERE workflow_name = ?"
                    + " GROUP BY status, success HAVING SUM(runs) <> 0")) {
      select.setString(1, workflow);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          kept.put(rows.getString(1) + "/" + rows.getInt(2), rows.getLong(3));
        }
      }
    }
    assertThat(kept)
        .isEqualTo(
            new TreeMap<>(
                expected(
                    made,
                    m ->
                        m.status().wireName()
                            + "/"
                            + (!m.status().isTerminal()
                                ? -1
                                : m.status() == WorkflowStatus.COMPLETE ? 1 : 0))));
  }

  /**
   * {@code actual} is {@code exact}, or on PostgreSQL, where percentiles come from the kept
   * sketches, within their documented relative error.
   */
  private void assertDurations(WorkflowStats.Durations actual, WorkflowStats.Durations exact) {
    if (!keptStats.kept()) {
      assertThat(actual).isEqualTo(exact);
      return;
    }
    assertThat(actual.count()).isEqualTo(exact.count());
    assertWithin(actual.p50Ms(), exact.p50Ms());
    assertWithin(actual.p95Ms(), exact.p95Ms());
  }

  private static void assertWithin(Long actual, Long exact) {
    if (exact == null) {
      assertThat(actual).isNull();
      return;
    }
    assertThat((double) Math.abs(actual - exact))
        .as("%d ms read for %d ms", actual, exact)
        .isLessThanOrEqualTo(exact * DurationSketch.RELATIVE_ERROR_PERCENT / 100.0);
  }

  /**
   * The statistics as answered (kept, on PostgreSQL) agree with the same computed from the rows:
   * every count, rate and error exactly, the percentiles within the sketches' error.
   */
  private void assertStatsAgree(String workflow) {
    for (StatsBucket bucket : List.of(StatsBucket.HOUR, StatsBucket.DAY)) {
      Instant from = MONDAY.minus(Duration.ofHours(2));
      Instant to = MONDAY.plus(Duration.ofDays(5)).plus(Duration.ofHours(3));
      WorkflowStats answered = insight.stats(workflow, from, to, bucket);
      WorkflowStats rows = statistics.fromRows(workflow, from, to, bucket);
      assertThat(answered.buckets()).hasSameSizeAs(rows.buckets());
      for (int i = 0; i < rows.buckets().size(); i++) {
        WorkflowStats.Bucket got = answered.buckets().get(i);
        WorkflowStats.Bucket want = rows.buckets().get(i);
        assertThat(got.start()).isEqualTo(want.start());
        assertThat(got.runs()).as("runs at %s", want.start()).isEqualTo(want.runs());
        assertThat(got.statuses()).isEqualTo(want.statuses());
        assertThat(got.successRate()).isEqualTo(want.successRate());
        assertDurations(got.duration(), want.duration());
        assertThat(got.topErrors()).as("errors at %s", want.start()).isEqualTo(want.topErrors());
        Map<String, WorkflowStats.Durations> tasks = new HashMap<>();
        got.tasks().forEach(task -> tasks.put(task.taskId(), task.duration()));
        for (WorkflowStats.TaskDurations task : want.tasks()) {
          assertDurations(tasks.get(task.taskId()), task.duration());
        }
      }
      assertThat(answered.topErrors()).isEqualTo(rows.topErrors());
      assertThat(answered.tasks())
          .extracting(WorkflowStats.TaskDurations::taskId)
          .containsExactlyInAnyOrderElementsOf(
              rows.tasks().stream().map(WorkflowStats.TaskDurations::taskId).toList());
    }
  }

  /** Counts over ranges that start and end inside an hour, on an hour, and within one hour. */
  private void assertWindows(ExecutionQuery ours, List<Made> made) {
    Instant[][] windows = {
      {MONDAY.plusSeconds(37 * 60 + 11), MONDAY.plus(Duration.ofHours(77)).plusSeconds(13 * 60)},
      {MONDAY.plus(Duration.ofHours(5)), MONDAY.plus(Duration.ofHours(50))},
      {MONDAY.plus(Duration.ofMinutes(90)), MONDAY.plus(Duration.ofHours(4))},
      {
        MONDAY.plus(Duration.ofHours(30)).plusSeconds(1),
        MONDAY.plus(Duration.ofHours(30)).plusSeconds(3599)
      },
      {MONDAY.minus(Duration.ofDays(1)), MONDAY.plus(Duration.ofDays(9))}
    };
    for (Instant[] window : windows) {
      List<Made> inside =
          made.stream()
              .filter(m -> !m.createdAt().isBefore(window[0]) && m.createdAt().isBefore(window[1]))
              .toList();
      assertThat(
              groups(insight.count(ours.withCreated(window[0], window[1]), CountGrouping.STATUS)))
          .as("runs created from %s to %s", window[0], window[1])
          .isEqualTo(expected(inside, m -> m.status().wireName()));
      assertThat(
              groups(
                  insight.count(
                      ours.withCreated(window[0], null).withSuccess(true), CountGrouping.SUCCESS)))
          .isEqualTo(
              expected(
                  made.stream()
                      .filter(
                          m ->
                              !m.createdAt().isBefore(window[0])
                                  && m.status() == WorkflowStatus.COMPLETE)
                      .toList(),
                  m -> "true"));
    }
  }

  @Test
  void theKeptFiguresFilledFromTheRowsAreTheOnesKeptOnWrite() throws Exception {
    if (!keptStats.kept()) {
      // Derby keeps no figures (its counts and statistics read the rows): no table holds them.
      try (Connection connection = dataSource.getConnection();
          ResultSet tables = connection.getMetaData().getTables(null, null, "RUN_COUNT", null)) {
        assertThat(tables.next()).isFalse();
      }
      return;
    }
    String workflow = unique("refilled");
    List<Made> made = make(workflow, unique("suite"), 60, 99);
    runCounts.fold();
    keptStatistics.fold();
    Instant from = MONDAY;
    Instant to = MONDAY.plus(Duration.ofDays(5));
    WorkflowStats kept = insight.stats(workflow, from, to, StatsBucket.HOUR);
    ExecutionQuery ours = ExecutionQuery.all().withWorkflowName(workflow);

    // Every figure of the store emptied and filled again from the rows, as the migration fills
    // them for the rows stored before it.
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (java.sql.Statement statement = connection.createStatement()) {
        statement.execute("TRUNCATE run_count, run_count_delta, stats_hour, stats_delta");
      }
      KeptFiguresBackfill.fill(connection);
      connection.commit();
    }
    assertThat(groups(insight.count(ours, CountGrouping.STATUS)))
        .isEqualTo(expected(made, m -> m.status().wireName()));
    assertThat(insight.stats(workflow, from, to, StatsBucket.HOUR)).isEqualTo(kept);
    runCounts.fold();
    keptStatistics.fold();
    assertThat(insight.stats(workflow, from, to, StatsBucket.HOUR)).isEqualTo(kept);
    assertStatsAgree(workflow);
  }

  @Test
  void dailyStatsHoldEveryFigureOfTheRunsMade() {
    String workflow = unique("trended");
    List<Made> made = make(workflow, unique("suite"), 150, 42);
    // The range starts mid-Monday and ends mid-Saturday: it widens to whole days, and Saturday
    // (no runs) is there, empty.
    WorkflowStats stats =
        insight.stats(
            workflow,
            MONDAY.plus(Duration.ofHours(13)),
            MONDAY.plus(Duration.ofDays(5)).plus(Duration.ofHours(2)),
            StatsBucket.DAY);

    assertThat(stats.from()).isEqualTo(MONDAY);
    assertThat(stats.to()).isEqualTo(MONDAY.plus(Duration.ofDays(6)));
    assertThat(stats.bucket()).isEqualTo("day");
    assertThat(stats.buckets()).hasSize(6);
    for (int day = 0; day < 6; day++) {
      Instant start = MONDAY.plus(Duration.ofDays(day));
      Instant end = start.plus(Duration.ofDays(1));
      List<Made> in =
          made.stream()
              .filter(m -> !m.createdAt().isBefore(start) && m.createdAt().isBefore(end))
              .toList();
      WorkflowStats.Bucket bucket = stats.buckets().get(day);
      assertThat(bucket.start()).isEqualTo(start);
      assertThat(bucket.runs()).isEqualTo(in.size());
      Map<String, Long> statuses = new TreeMap<>();
      for (WorkflowStatus status : WorkflowStatus.values()) {
        statuses.put(status.wireName(), in.stream().filter(m -> m.status() == status).count());
      }
      assertThat(new TreeMap<>(bucket.statuses())).isEqualTo(statuses);
      long finished = in.stream().filter(m -> m.status().isTerminal()).count();
      long complete = in.stream().filter(m -> m.status() == WorkflowStatus.COMPLETE).count();
      if (finished == 0) {
        assertThat(bucket.successRate()).isNull();
      } else {
        assertThat(bucket.successRate()).isEqualTo((double) complete / finished);
      }
      assertDurations(bucket.duration(), percentiles(in.stream().map(Made::durationMs).toList()));
      for (WorkflowStats.TaskDurations task : bucket.tasks()) {
        assertDurations(
            task.duration(),
            percentiles(in.stream().map(m -> m.taskMs().get(task.taskId())).toList()));
      }
      Map<String, Long> errors =
          in.stream()
              .flatMap(m -> m.normalisedErrors().stream())
              .collect(Collectors.groupingBy(e -> e, TreeMap::new, Collectors.counting()));
      assertThat(bucket.topErrors())
          .allSatisfy(e -> assertThat(e.count()).isEqualTo(errors.get(e.message())));
      assertThat(bucket.topErrors()).hasSize(errors.size());
    }
    assertThat(stats.buckets().get(5).runs()).isZero();
    assertThat(stats.buckets().get(5).duration())
        .isEqualTo(new WorkflowStats.Durations(0, null, null));

    assertThat(stats.tasks())
        .extracting(WorkflowStats.TaskDurations::taskId)
        .as("slowest first")
        .first()
        .isEqualTo("transform");
    assertThat(stats.tasks()).hasSize(3);
    for (WorkflowStats.TaskDurations task : stats.tasks()) {
      assertDurations(
          task.duration(),
          percentiles(made.stream().map(m -> m.taskMs().get(task.taskId())).toList()));
    }
    List<Made> failed = made.stream().filter(m -> m.status() == WorkflowStatus.FAILED).toList();
    WorkflowStats.ErrorCount timeout = stats.topErrors().get(0);
    assertThat(timeout.message()).isEqualTo("timeout after # s");
    assertThat(timeout.count()).isEqualTo(failed.size());
    assertThat(timeout.executions()).isEqualTo(failed.size());
    assertThat(timeout.lastExecutionId())
        .isEqualTo(failed.stream().max(Comparator.comparing(Made::createdAt)).orElseThrow().id());
    assertThat(stats.topErrors().get(1).message()).isEqualTo("object # not found (# bytes)");
    assertThat(stats.topErrors().get(1).count())
        .isEqualTo(failed.stream().filter(m -> m.normalisedErrors().size() == 2).count());
  }

  @Test
  void hourAndWeekBucketsAndTheLimitsOfARange() {
    String workflow = unique("bucketed");
    List<Made> made = make(workflow, unique("suite"), 40, 3);
    Instant sunday = MONDAY.minus(Duration.ofDays(1));

    WorkflowStats weeks =
        insight.stats(workflow, sunday, MONDAY.plus(Duration.ofDays(8)), StatsBucket.WEEK);
    assertThat(weeks.buckets())
        .extracting(WorkflowStats.Bucket::start)
        .containsExactly(MONDAY.minus(Duration.ofDays(7)), MONDAY, MONDAY.plus(Duration.ofDays(7)));
    assertThat(weeks.buckets()).extracting(WorkflowStats.Bucket::runs).containsExactly(0L, 40L, 0L);

    WorkflowStats hours =
        insight.stats(workflow, MONDAY, MONDAY.plus(Duration.ofDays(5)), StatsBucket.HOUR);
    assertThat(hours.buckets()).hasSize(120);
    assertThat(hours.buckets().stream().mapToLong(WorkflowStats.Bucket::runs).sum()).isEqualTo(40);
    assertThat(hours.buckets().get(7).runs())
        .isEqualTo(
            made.stream()
                .filter(
                    m ->
                        m.createdAt()
                            .truncatedTo(ChronoUnit.HOURS)
                            .equals(MONDAY.plus(Duration.ofHours(7))))
                .count());

    assertThatThrownBy(() -> insight.stats(workflow, MONDAY, MONDAY, StatsBucket.DAY))
        .isInstanceOf(InvalidQueryException.class)
        .extracting(e -> ((InvalidQueryException) e).getParameter())
        .isEqualTo("from");
    assertThatThrownBy(
            () ->
                insight.stats(workflow, MONDAY, MONDAY.plus(Duration.ofDays(42)), StatsBucket.HOUR))
        .isInstanceOf(InvalidQueryException.class)
        .extracting(e -> ((InvalidQueryException) e).getParameter())
        .isEqualTo("bucket");
    // The first and the last storable instants: the weeks around them reach years 0 and 10000,
    // which neither database stores; the reads keep to what they do.
    assertThat(
            insight
                .stats(
                    workflow,
                    Instant.parse("9999-12-30T00:00:00Z"),
                    Instant.parse("9999-12-31T23:59:59Z"),
                    StatsBucket.WEEK)
                .buckets())
        .singleElement()
        .returns(0L, WorkflowStats.Bucket::runs);
    assertThat(
            insight
                .stats(
                    workflow,
                    Instant.parse("0001-01-01T00:00:00Z"),
                    Instant.parse("0001-01-02T00:00:00Z"),
                    StatsBucket.WEEK)
                .buckets())
        .singleElement()
        .returns(0L, WorkflowStats.Bucket::runs);
    assertThat(insight.ran(workflow)).isTrue();
    assertThat(insight.ran(unique("never"))).isFalse();
  }

  private static Map<String, Long> groups(ExecutionCounts counts) {
    Map<String, Long> groups = new HashMap<>();
    counts.getGroups().forEach(group -> groups.put(group.getKey(), group.getCount()));
    assertThat(groups.values().stream().mapToLong(Long::longValue).sum())
        .as("the groups sum to the total")
        .isEqualTo(counts.getTotal());
    return groups;
  }

  private static Map<String, Long> expected(
      List<Made> made, java.util.function.Function<Made, String> key) {
    Map<String, Long> expected = new HashMap<>();
    made.forEach(m -> expected.merge(key.apply(m), 1L, Long::sum));
    return expected;
  }

  /** Nearest rank: the value at position ceil(q n) of the sorted finished durations. */
  private static WorkflowStats.Durations percentiles(List<Long> maybe) {
    List<Long> sorted = maybe.stream().filter(v -> v != null).sorted().toList();
    if (sorted.isEmpty()) {
      return new WorkflowStats.Durations(0, null, null);
    }
    int n = sorted.size();
    return new WorkflowStats.Durations(
        n, sorted.get((int) Math.ceil(0.5 * n) - 1), sorted.get((int) Math.ceil(0.95 * n) - 1));
  }

  private Map<String, Long> sqlByStatus(String workflow) throws Exception {
    Map<String, Long> counts = new HashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT status, COUNT(*) FROM workflow_execution WHERE workflow_name = ?"
                    + " GROUP BY status")) {
      query.setString(1, workflow);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          counts.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return counts;
  }
}
