package org.workflowengine.persistence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.EventStream;
import org.workflowengine.persistence.testing.PayaraMicroProcess;
import org.workflowengine.persistence.testing.TestUser;

/**
 * What the live streams cost, on Payara Micro (PostgreSQL with {@code -Ddatabase=postgresql}, else
 * Derby), the subscribers and writers in this JVM on the same machine:
 *
 * <ul>
 *   <li>latency from a write's answer (its commit) to each subscriber reading the event, with 1,
 *       100 and 1,000 subscribers spread over 10 running runs while 200 appends/s are written to
 *       those runs (20/s each); every subscriber must get every link of its run, in order, and no
 *       {@code resync}, or the phase fails;
 *   <li>the writers' append rate (8 unpaced writers to the same 10 runs) with 1,000 subscribers of
 *       those runs and with none, alternated, in one run;
 *   <li>the server's heap per subscriber: used heap after a full collection with 1,000 idle
 *       subscribers open, less the same without.
 * </ul>
 *
 * {@code mvn verify -Pbench [-Ddatabase=postgresql] -Dit.test=StreamBench}.
 */
class StreamBench {

  private static final int RUNS = 10;
  private static final int RATE = Integer.getInteger("bench.streams.rate", 200);
  private static final int SECONDS = Integer.getInteger("bench.streams.seconds", 15);
  private static final int APPENDS = Integer.getInteger("bench.streams.appends", 4000);
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private PayaraMicroProcess server;

  @Test
  void streams() throws Exception {
    String url = System.getProperty("executions.db.url", "");
    Map<String, String> settings = new HashMap<>();
    if (url.startsWith("jdbc:postgresql:")) {
      settings.put("executions.db.url", url);
      settings.put("executions.db.user", System.getProperty("executions.db.user"));
    } else {
      settings.put("executions.db.url", "");
      settings.put(
          "executions.db.dir",
          Figures.DIRECTORY.resolve("streams-derby").toAbsolutePath().toString());
    }
    Figures figures = new Figures();
    figures.put("streams.postgresql", url.startsWith("jdbc:postgresql:") ? 1 : 0);
    List<String> options = new ArrayList<>(List.of("-Xmx1g"));
    if (Boolean.getBoolean("bench.streams.profile")) {
      options.add(
          "-XX:StartFlightRecording=settings=profile,filename="
              + Figures.DIRECTORY.resolve("streams-server.jfr").toAbsolutePath());
    }
    try (PayaraMicroProcess started =
        PayaraMicroProcess.start("bench-streams", 8289, settings, options)) {
      server = started;
      // memory first, on a server that has done little yet: later, the database's own caches
      // (Derby's are in the server's heap) change size between two readings
      memory(figures);
      for (int subscribers : List.of(1, 100, 1000)) {
        latency(runs(), subscribers, figures);
      }
      appendRate(runs(), figures);
    }
    figures.print("Live streams");
    figures.write("streams");
  }

  // ---------------------------------------------------------------------------------- latency

  /** {@code subscribers} spread over the runs, RATE appends/s to the runs for SECONDS seconds. */
  private void latency(List<String> runs, int subscribers, Figures figures) throws Exception {
    Map<String, Long> answered = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger resyncs = new AtomicInteger();
    List<Subscriber> open = subscribe(runs, subscribers, answered, latencies, resyncs);
    int total = RATE * SECONDS;
    double serverCpuBefore = serverCpuSeconds();
    double clientCpuBefore = clientCpuSeconds();
    long started = System.nanoTime();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService writers = Executors.newFixedThreadPool(8);
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      int n = i;
      long due = started + (long) (i * (1e9 / RATE));
      sent.add(
          writers.submit(
              () -> {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                  TimeUnit.NANOSECONDS.sleep(wait);
                }
                String line = "n" + n;
                if (append(runs.get(n % RUNS), line) != 201) {
                  failed.incrementAndGet();
                }
                answered.put(line, System.nanoTime());
                return null;
              }));
    }
    for (Future<?> write : sent) {
      write.get(2, TimeUnit.MINUTES);
    }
    writers.shutdown();
    // every subscriber has every line written to its run, in order
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (Subscriber subscriber : open) {
      int expected = total / RUNS;
      while (subscriber.lines.size() < expected && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double serverCpu = serverCpuSeconds() - serverCpuBefore;
    double clientCpu = clientCpuSeconds() - clientCpuBefore;
    for (Subscriber subscriber : open) {
      subscriber.stream.close();
    }
    assertThat(failed).as("writes refused during the phase").hasValue(0);
    assertThat(resyncs).as("subscribers told to resync").hasValue(0);
    for (Subscriber subscriber : open) {
      // in chain order, which is the order the writes committed in (not always the order they
      // were sent in: two writes to one run may be in flight at once)
      List<Integer> lines = new ArrayList<>(subscriber.lines);
      lines.sort(null);
      List<Integer> expected = new ArrayList<>();
      for (int n = subscriber.runIndex; n < total; n += RUNS) {
        expected.add(n);
      }
      assertThat(lines).as("the lines one subscriber got").isEqualTo(expected);
      assertThat(subscriber.gaps).as("positions not contiguous").hasValue(0);
    }
    List<Double> millis = new ArrayList<>();
    synchronized (latencies) {
      latencies.forEach(nanos -> millis.add(nanos / 1e6));
    }
    String key = "streams.latency." + subscribers;
    figures
        .put(key + ".events", millis.size())
        .put(key + ".appends_per_s", total / seconds)
        .put(key + ".p50_ms", Figures.median(millis))
        .put(key + ".p95_ms", Figures.percentile(millis, 95))
        .put(key + ".max_ms", Figures.percentile(millis, 100))
        .put(key + ".server_cpu_cores", serverCpu / seconds)
        .put(key + ".client_cpu_cores", clientCpu / seconds);
    System.out.printf(
        "streams: %d subscribers, %.0f appends/s: %d events, latency p50 %.1f ms, p95 %.1f ms;"
            + " CPU: server %.2f cores, subscribers and writers %.2f cores (of 2)%n",
        subscribers,
        total / seconds,
        millis.size(),
        Figures.median(millis),
        Figures.percentile(millis, 95),
        serverCpu / seconds,
        clientCpu / seconds);
  }

  private static final class Subscriber {
    final int runIndex;
    final List<Integer> lines = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong lastPosition = new AtomicLong(-1);
    final AtomicInteger gaps = new AtomicInteger();
    EventStream stream;

    Subscriber(int runIndex) {
      this.runIndex = runIndex;
    }
  }

  private List<Subscriber> subscribe(
      List<String> runs,
      int count,
      Map<String, Long> answered,
      List<Long> latencies,
      AtomicInteger resyncs)
      throws Exception {
    List<Subscriber> open = new ArrayList<>();
    CountDownLatch ready = new CountDownLatch(count);
    URL base = server.base().toURL();
    for (int s = 0; s < count; s++) {
      int runIndex = s % RUNS;
      Subscriber subscriber = new Subscriber(runIndex);
      subscriber.stream =
          EventStream.open(
              base,
              "executions/" + runs.get(runIndex) + "/events",
              TestUser.READER,
              null,
              (event, now) -> {
                if (event.name().equals("labels")) {
                  ready.countDown();
                } else if (event.name().equals("resync")) {
                  resyncs.incrementAndGet();
                } else if (event.id() != null) {
                  long position = event.position();
                  long last = subscriber.lastPosition.getAndSet(position);
                  if (last >= 0 && position != last + 1) {
                    subscriber.gaps.incrementAndGet();
                  }
                  if (event.name().equals("log")) {
                    String line = event.json().getString("line");
                    subscriber.lines.add(Integer.parseInt(line.substring(1)));
                    Long at = answered.get(line);
                    while (at == null) {
                      Thread.onSpinWait(); // read before its write was answered: counts 0
                      at = answered.get(line);
                    }
                    latencies.add(Math.max(0, now - at));
                  }
                }
              });
      open.add(subscriber);
    }
    assertThat(ready.await(2, TimeUnit.MINUTES)).as("every subscriber started").isTrue();
    return open;
  }

  // ------------------------------------------------------------------------------ append rate

  private void appendRate(List<String> runs, Figures figures) throws Exception {
    List<Double> none = new ArrayList<>();
    List<Double> with = new ArrayList<>();
    List<Double> idle = new ArrayList<>();
    List<String> others = runs();
    for (int warmUp = 0; warmUp < 3; warmUp++) {
      rate(runs); // not counted: the rates still climb over the first rounds (JIT, caches)
    }
    // Three rounds, the sides in a rotating order; each side measured on a settled server: its
    // streams open and started, then a pause and a full collection, then the writers.
    for (int round = 0; round < 3; round++) {
      for (int side = 0; side < 3; side++) {
        switch ((round + side) % 3) {
          case 0 -> {
            settle();
            none.add(rate(runs));
          }
          case 1 -> {
            List<EventStream> open = quiet(runs, 1000);
            settle();
            with.add(rate(runs));
            open.forEach(EventStream::close);
          }
          default -> {
            List<EventStream> elsewhere = quiet(others, 1000);
            settle();
            idle.add(rate(runs));
            elsewhere.forEach(EventStream::close);
          }
        }
      }
    }
    System.out.println(
        "streams: appends/s by round: none " + none + ", with " + with + ", idle " + idle);
    double n = Figures.median(none);
    double w = Figures.median(with);
    double i = Figures.median(idle);
    figures
        .put("streams.append.none_per_s", n)
        .put("streams.append.1000_subscribers_per_s", w)
        .put("streams.append.ratio", w / n)
        .put("streams.append.1000_idle_subscribers_per_s", i)
        .put("streams.append.idle_ratio", i / n);
    System.out.printf(
        "streams: appends/s with none %.0f, with 1,000 subscribers of the written runs %.0f"
            + " (%.2f), with 1,000 of other runs %.0f (%.2f)%n",
        n, w, w / n, i, i / n);
  }

  /** CPU time the server's process has used (user and system, from /proc), in seconds. */
  private double serverCpuSeconds() throws IOException {
    String[] stat =
        java.nio.file.Files.readString(Path.of("/proc", Long.toString(server.pid()), "stat"))
            .replaceFirst("^.*\\) ", "")
            .split(" ");
    // after the command's closing parenthesis: field 3 is the state, 14 and 15 utime and stime
    return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
  }

  /** CPU time this JVM (the subscribers and the writers) has used, in seconds. */
  private static double clientCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  private void settle() throws Exception {
    Thread.sleep(3000);
    usedHeapAfterGc();
  }

  /** APPENDS appends to the runs by 8 unpaced writers; appends per second. */
  private double rate(List<String> runs) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService writers = Executors.newFixedThreadPool(8);
    long started = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      done.add(
          writers.submit(
              () -> {
                for (int n = next.getAndIncrement(); n < APPENDS; n = next.getAndIncrement()) {
                  if (append(runs.get(n % RUNS), "r" + n) != 201) {
                    failed.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> writer : done) {
      writer.get(5, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    writers.shutdown();
    assertThat(failed).as("writes refused during the phase").hasValue(0);
    return APPENDS / seconds;
  }

  /** {@code count} subscribers over {@code runs}, each started, their events left unread. */
  private List<EventStream> quiet(List<String> runs, int count) throws Exception {
    CountDownLatch ready = new CountDownLatch(count);
    URL base = server.base().toURL();
    List<EventStream> open = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      open.add(
          EventStream.open(
              base,
              "executions/" + runs.get(s % runs.size()) + "/events",
              TestUser.READER,
              null,
              (event, now) -> {
                if (event.name().equals("labels")) {
                  ready.countDown();
                }
              }));
    }
    assertThat(ready.await(2, TimeUnit.MINUTES)).as("every subscriber started").isTrue();
    return open;
  }

  // ----------------------------------------------------------------------------------- memory

  private void memory(Figures figures) throws Exception {
    List<String> runs = runs();
    long before = usedHeapAfterGc();
    Map<String, long[]> classesBefore = histogram();
    List<EventStream> open = quiet(runs, 1000);
    long with = usedHeapAfterGc();
    Map<String, long[]> classesWith = histogram();
    open.forEach(EventStream::close);
    // what the 1,000 subscribers hold, by class: the ten largest differences
    List<Map.Entry<String, long[]>> grown = new ArrayList<>();
    classesWith.forEach(
        (name, counts) -> {
          long[] earlier = classesBefore.getOrDefault(name, new long[2]);
          grown.add(Map.entry(name, new long[] {counts[0] - earlier[0], counts[1] - earlier[1]}));
        });
    grown.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
    System.out.println("streams: heap grown with 1,000 subscribers, by class (instances, bytes):");
    for (Map.Entry<String, long[]> entry : grown.subList(0, Math.min(12, grown.size()))) {
      System.out.printf(
          "  %,10d %,12d  %s%n", entry.getValue()[0], entry.getValue()[1], entry.getKey());
    }
    double perSubscriber = (with - before) / 1000.0;
    figures
        .put("streams.memory.heap_before_mib", before / 1048576.0)
        .put("streams.memory.heap_with_1000_mib", with / 1048576.0)
        .put("streams.memory.bytes_per_subscriber", perSubscriber);
    System.out.printf(
        "streams: server heap after a full GC %.1f MiB, with 1,000 subscribers %.1f MiB: %.0f bytes"
            + " a subscriber%n",
        before / 1048576.0, with / 1048576.0, perSubscriber);
  }

  /** The server's used heap after two full collections ({@code jcmd GC.run}, GC.heap_info). */
  private long usedHeapAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    Thread.sleep(500);
    jcmd("GC.run");
    Thread.sleep(500);
    Matcher used = USED.matcher(jcmd("GC.heap_info"));
    assertThat(used.find()).as("GC.heap_info names the used heap").isTrue();
    return Long.parseLong(used.group(1)) * 1024;
  }

  /** The server's live objects by class: instances and bytes (GC.class_histogram). */
  private Map<String, long[]> histogram() throws IOException, InterruptedException {
    Map<String, long[]> classes = new HashMap<>();
    Matcher row =
        Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)")
            .matcher(jcmd("GC.class_histogram"));
    while (row.find()) {
      classes.merge(
          row.group(3),
          new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
          (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    }
    return classes;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(server.pid()), command)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
    return output;
  }

  // ---------------------------------------------------------------------------------- writing

  /** RUNS new running runs, each with one link (its creation). */
  private List<String> runs() throws Exception {
    List<String> runs = new ArrayList<>();
    for (int r = 0; r < RUNS; r++) {
      runs.add(running());
    }
    return runs;
  }

  private String running() throws Exception {
    String id = "streams-" + UUID.randomUUID();
    HttpResponse<String> created =
        send(
            "PUT",
            "api/executions/" + id,
            "{\"workflow_name\": \"streams\", \"status\": \"Running\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return id;
  }

  private int append(String id, String line) throws Exception {
    return send("POST", "api/executions/" + id + "/logs/work", "{\"lines\": [\"" + line + "\"]}")
        .statusCode();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    URI uri = server.base().resolve(path);
    return HTTP.send(
        HttpRequest.newBuilder(uri)
            .header("Authorization", TestUser.WRITER.authorization())
            .header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(1))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
