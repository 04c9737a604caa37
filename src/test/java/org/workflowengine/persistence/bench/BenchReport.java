package org.workflowengine.persistence.bench;

import jakarta.json.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Turns the figures under {@code target/bench/} into the printed table, {@code results.csv} and
 * {@code chart.png} (each measured ratio against its goal).
 */
final class BenchReport {

  private BenchReport() {}

  /** One goal: a measured ratio, the goal's bound, and whether lower is better. */
  record Goal(String name, double measured, double bound, boolean atMost) {
    boolean met() {
      return atMost ? measured <= bound : measured >= bound;
    }
  }

  static String write() throws IOException {
    JsonObject record = Figures.read("record");
    JsonObject append = Figures.read("append");
    JsonObject concurrentOne = Figures.read("concurrent-one");
    JsonObject concurrentOwn = Figures.read("concurrent-own");
    JsonObject small = Figures.read("list-small");
    JsonObject large = Figures.read("list-large");
    JsonObject http = Figures.read("http");
    JsonObject memory = Figures.read("memory");
    String database = get(record, "database.postgresql") == 1 ? "PostgreSQL" : "Derby";

    List<String[]> rows = new ArrayList<>();
    List<Goal> goals = new ArrayList<>();
    rows.add(
        row(
            "record",
            "store executions/s (median of rounds)",
            get(record, "record.store_per_s_median")));
    rows.add(
        row(
            "record",
            "raw JDBC executions/s (median of rounds)",
            get(record, "record.raw_per_s_median")));
    rows.add(
        row(
            "record",
            "throughput store/raw (goal >= 0.7)",
            get(record, "record.throughput_ratio")));
    rows.add(
        row(
            "record",
            "JDBC into the store's tables executions/s (median)",
            get(record, "record.store_schema_jdbc_per_s_median")));
    rows.add(
        row(
            "record",
            "throughput store / JDBC into the store's tables",
            get(record, "record.store_to_store_schema_jdbc_ratio")));
    JsonObject springBatch = Figures.read("springbatch");
    if (springBatch.containsKey("springbatch.per_s_median")) {
      double peerRate = get(springBatch, "springbatch.per_s_median");
      rows.add(row("peer", "Spring Batch JobRepository runs/s (median of rounds)", peerRate));
      rows.add(
          row(
              "peer",
              "store / Spring Batch runs/s (goal > 1)",
              get(record, "record.store_per_s_median") / peerRate));
      rows.add(
          row(
              "peer",
              "statements per run: store / raw JDBC / Spring Batch",
              get(record, "record.store_statements_per_run"),
              get(record, "record.raw_statements_per_run"),
              get(springBatch, "springbatch.statements_per_run")));
      rows.add(
          row(
              "peer",
              "round trips per run: store / raw JDBC / Spring Batch",
              get(record, "record.store_round_trips_per_run"),
              get(record, "record.raw_round_trips_per_run"),
              get(springBatch, "springbatch.round_trips_per_run")));
      goals.add(
          new Goal(
              "store / Spring Batch runs/s",
              get(record, "record.store_per_s_median") / peerRate,
              1,
              false));
    }
    rows.add(row("record", "snapshot bytes, store", get(record, "record.store_snapshot_bytes")));
    rows.add(row("record", "snapshot bytes, raw JDBC", get(record, "record.raw_snapshot_bytes")));
    rows.add(
        row(
            "record",
            "snapshot bytes raw/store (goal >= 10)",
            get(record, "record.snapshot_bytes_ratio")));
    rows.add(row("append", "p50 ms, 10 stored", get(append, "append.small_p50_ms")));
    rows.add(row("append", "p50 ms, 10,000 stored", get(append, "append.large_p50_ms")));
    rows.add(row("append", "p50 ratio (goal <= 1.5)", get(append, "append.p50_ratio")));
    rows.add(
        row(
            "append",
            "16 writers on one execution, appends/s",
            get(concurrentOne, "concurrent.one.appends_per_s")));
    rows.add(
        row(
            "append",
            "16 writers each on its own execution, appends/s",
            get(concurrentOwn, "concurrent.own.appends_per_s")));
    goals.add(
        new Goal(
            "record throughput store/raw", get(record, "record.throughput_ratio"), 0.7, false));
    goals.add(
        new Goal(
            "snapshot bytes raw/store", get(record, "record.snapshot_bytes_ratio"), 10, false));
    goals.add(new Goal("append p50 10k/10", get(append, "append.p50_ratio"), 1.5, true));
    for (String query : List.of("by_name", "by_status", "by_label")) {
      for (String page : List.of("first", "page100")) {
        String key = "." + query + "." + page + "_p50_ms";
        double smallMs = get(small, "list.small" + key);
        double largeMs = get(large, "list.large" + key);
        rows.add(
            row(
                "list",
                query
                    + " "
                    + pageName(small, "list.small." + query, page)
                    + " p50 ms, "
                    + (long) get(small, "list.small.rows")
                    + " rows",
                smallMs));
        rows.add(
            row(
                "list",
                query
                    + " "
                    + pageName(large, "list.large." + query, page)
                    + " p50 ms, "
                    + (long) get(large, "list.large.rows")
                    + " rows",
                largeMs));
        rows.add(row("list", query + " " + page + " p50 ratio (goal <= 2)", largeMs / smallMs));
        goals.add(
            new Goal("list " + query + " " + page + " large/small", largeMs / smallMs, 2, true));
      }
    }
    double searchSmall = get(small, "list.small.error_contains.first_p50_ms");
    double searchLarge = get(large, "list.large.error_contains.first_p50_ms");
    rows.add(
        row(
            "list",
            "error_contains first p50 ms, pages of 50, "
                + (long) get(small, "list.small.rows")
                + " rows",
            searchSmall));
    rows.add(
        row(
            "list",
            "error_contains first p50 ms, pages of 50, "
                + (long) get(large, "list.large.rows")
                + " rows (goal < 50)",
            searchLarge));
    rows.add(
        row(
            "list",
            "error_contains first p50 ms, pages of 20, "
                + (long) get(large, "list.large.rows")
                + " rows",
            get(large, "list.large.error_contains.page20.first_p50_ms")));
    goals.add(new Goal("list error_contains p50 ms, large", searchLarge, 50, true));
    JsonObject purge = Figures.read("purge");
    rows.add(
        row(
            "purge",
            "executions removed / s, oldest "
                + (long) get(purge, "purge.large.executions")
                + " of "
                + (long) get(purge, "purge.large.rows_before"),
            get(purge, "purge.large.per_s")));
    double storeRate = get(record, "record.store_per_s_median");
    for (int clients : new int[] {1, 8, 32}) {
      for (String method : List.of("post", "get")) {
        String prefix = "http." + method + ".c" + clients;
        String phase = method.toUpperCase(Locale.ROOT) + " " + clients + " clients";
        double failed = get(http, prefix + ".failed");
        if (!Double.isNaN(failed) && failed != 0) {
          // A phase with any failed request is not a measurement: its rate is not shown.
          rows.add(
              new String[] {
                "http", phase + ": FAILED, requests not answered as expected", format(failed)
              });
          continue;
        }
        rows.add(row("http", phase + ": requests/s", get(http, prefix + ".per_s")));
        rows.add(
            row(
                "http",
                phase + ": p50 / p99 ms",
                get(http, prefix + ".p50_ms"),
                get(http, prefix + ".p99_ms")));
      }
    }
    rows.add(
        row(
            "http",
            "GET /api/me p50 ms: with a credential / refused without one",
            get(http, "http.auth.me_with_credential_p50_ms"),
            get(http, "http.auth.me_without_p50_ms")));
    double httpRatio = get(http, "http.post.c1.per_s") / storeRate;
    rows.add(row("http", "POST 1 client / in-container store throughput", httpRatio));
    goals.add(new Goal("HTTP POST 1 client / in-container", httpRatio, 0.8, false));
    rows.add(
        row(
            "memory",
            "1 MiB snapshots, 8 clients, -Xmx256m: succeeded of 80",
            get(memory, "memory.succeeded")));
    rows.add(
        row("memory", "server alive afterwards (1 = yes)", get(memory, "memory.server_alive")));
    rows.add(row("memory", "peak used heap MiB", get(memory, "memory.peak_heap_mib")));

    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            "Benchmark on %s, %s, %d cores%n",
            database, LocalDate.now(), Runtime.getRuntime().availableProcessors()));
    StringBuilder csv = new StringBuilder("database,part,figure,value\n");
    for (String[] r : rows) {
      table.append(String.format("%-7s %-62s %s%n", r[0], r[1], r[2]));
      csv.append(database)
          .append(',')
          .append(r[0])
          .append(",\"")
          .append(r[1])
          .append("\",")
          .append(r[2].replace(" / ", ";"))
          .append('\n');
    }
    table.append(String.format("%nGoals:%n"));
    for (Goal goal : goals) {
      table.append(
          String.format(
              "  %-40s %8.2f  %s %-5s %s%n",
              goal.name(),
              goal.measured(),
              goal.atMost() ? "<=" : ">=",
              format(goal.bound()),
              goal.met() ? "met" : "MISSED"));
    }
    String suffix = database.toLowerCase(Locale.ROOT);
    Files.writeString(
        Figures.DIRECTORY.resolve("results-" + suffix + ".csv"),
        csv.toString(),
        StandardCharsets.UTF_8);
    Files.writeString(
        Figures.DIRECTORY.resolve("table-" + suffix + ".txt"),
        table.toString(),
        StandardCharsets.UTF_8);
    chart(goals, database, Figures.DIRECTORY.resolve("chart-" + suffix + ".png").toFile());
    return table.toString();
  }

  /** "first", or the deep page's number ("page100" unless fewer pages matched). */
  private static String pageName(JsonObject figures, String prefix, String page) {
    if (page.equals("first") || !figures.containsKey(prefix + ".deep_page")) {
      return page;
    }
    return "page" + (long) get(figures, prefix + ".deep_page");
  }

  private static double get(JsonObject figures, String name) {
    return figures.containsKey(name) ? figures.getJsonNumber(name).doubleValue() : Double.NaN;
  }

  private static String[] row(String part, String figure, double... values) {
    List<String> formatted = new ArrayList<>();
    for (double value : values) {
      formatted.add(format(value));
    }
    return new String[] {part, figure, String.join(" / ", formatted)};
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return Math.abs(value) >= 1000 || value == Math.rint(value)
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  /** One bar per goal: the measured ratio divided by its bound (1 = exactly at the goal). */
  private static void chart(List<Goal> goals, String database, java.io.File file)
      throws IOException {
    int width = 900;
    int rowHeight = 34;
    int height = 80 + goals.size() * rowHeight + 40;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(
        "Execution store benchmark on " + database + " (" + LocalDate.now() + "): measured vs goal",
        20,
        30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString("bar = how far inside the goal (right of the line = goal met)", 20, 52);
    int left = 300;
    int plot = width - left - 40;
    double max = 4;
    int goalX = left + (int) (plot / max);
    for (int i = 0; i < goals.size(); i++) {
      Goal goal = goals.get(i);
      double headroom =
          goal.atMost() ? goal.bound() / goal.measured() : goal.measured() / goal.bound();
      if (Double.isNaN(headroom) || Double.isInfinite(headroom)) {
        headroom = 0;
      }
      int y = 80 + i * rowHeight;
      g.setColor(Color.BLACK);
      g.drawString(goal.name(), 20, y + 17);
      g.setColor(goal.met() ? new Color(60, 150, 80) : new Color(200, 60, 50));
      g.fillRect(left, y + 4, (int) (plot * Math.min(headroom, max) / max), rowHeight - 12);
      g.setColor(Color.DARK_GRAY);
      g.drawString(
          String.format(
              Locale.ROOT,
              "%.2f (goal %s %s)",
              goal.measured(),
              goal.atMost() ? "<=" : ">=",
              format(goal.bound())),
          left + 6,
          y + 18);
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(2));
    g.drawLine(goalX, 70, goalX, height - 30);
    g.drawString("goal", goalX - 12, height - 12);
    g.dispose();
    ImageIO.write(image, "png", file);
  }
}
