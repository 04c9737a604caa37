package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.ApiClient.json;
import static org.workflowengine.persistence.testing.ApiClient.pendingExecution;
import static org.workflowengine.persistence.testing.Executions.unique;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.ApiClient;
import org.workflowengine.persistence.testing.EventStream;
import org.workflowengine.persistence.testing.EventStream.Event;
import org.workflowengine.persistence.testing.OverHttp;
import org.workflowengine.persistence.testing.TestUser;

/**
 * The live streams over real HTTP: a run's changes in chain order with their positions, resumed
 * from every position without gap or repeat, under concurrent writers, ended by the run's
 * completion; a listing's stream; the refusals; and a subscriber too slow to keep up.
 */
class EventStreamIT extends OverHttp {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private String running(String workflow) {
    String id = unique("live");
    assertThat(api.post("executions", pendingExecution(id, workflow)).getStatus()).isEqualTo(201);
    status(id, "Running");
    return id;
  }

  private void status(String id, String status) {
    try (Response moved =
        api.post(
            "executions/" + id + "/status",
            Json.createObjectBuilder().add("status", status).build())) {
      assertThat(moved.getStatus()).as(moved.readEntity(String.class)).isEqualTo(200);
    }
  }

  private void log(ApiClient client, String id, String task, List<String> lines) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    lines.forEach(array::add);
    try (Response appended =
        client.post(
            "executions/" + id + "/logs/" + task,
            Json.createObjectBuilder().add("lines", array).build())) {
      assertThat(appended.getStatus()).as(appended.readEntity(String.class)).isEqualTo(201);
    }
  }

  private void audit(ApiClient client, String id, String actor, String action) {
    try (Response appended =
        client.post(
            "executions/" + id + "/audit",
            Json.createObjectBuilder().add("actor", actor).add("action", action).build())) {
      assertThat(appended.getStatus()).as(appended.readEntity(String.class)).isEqualTo(201);
    }
  }

  private static List<Event> links(List<Event> events) {
    return events.stream().filter(e -> e.id() != null).toList();
  }

  private static void assertPositions(List<Event> links, long from, long to) {
    List<Long> positions = links.stream().map(Event::position).toList();
    List<Long> expected = new ArrayList<>();
    for (long p = from; p <= to; p++) {
      expected.add(p);
    }
    if (!positions.equals(expected)) {
      int first = 0;
      while (first < Math.min(positions.size(), expected.size())
          && positions.get(first).equals(expected.get(first))) {
        first++;
      }
      throw new AssertionError(
          String.format(
              "expected every position %d..%d once, in order; got %d links, first deviation at"
                  + " index %d: %s",
              from,
              to,
              positions.size(),
              first,
              positions.subList(first, Math.min(positions.size(), first + 10))));
    }
  }

  @Test
  void aRunsStreamSendsWhatIsStoredThenEachChangeAsItCommitsAndEndsWhenTheRunDoes() {
    String workflow = unique("stream");
    String id = running(workflow);
    log(api, id, "extract", List.of("one", "two"));
    try (EventStream stream = EventStream.open(base, "executions/" + id + "/events")) {
      assertThat(stream.header("Cache-Control")).isEqualTo("no-cache");
      assertThat(stream.header("X-Accel-Buffering")).isEqualTo("no");
      // stored: creation (1), Running (2), two lines (3, 4); task records and labels first
      Event labels = stream.nextExcept(WAIT, "task");
      assertThat(labels.name()).isEqualTo("labels");
      assertThat(labels.id()).as("state events carry no id").isNull();
      List<Event> stored = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        stored.add(stream.next(WAIT));
      }
      assertPositions(stored, 1, 4);
      assertThat(stored.get(0).name()).isEqualTo("status");
      assertThat(stored.get(0).json().getString("status")).isEqualTo("Pending");
      assertThat(stored.get(1).json().getString("status")).isEqualTo("Running");
      assertThat(stored.get(2).name()).isEqualTo("log");
      assertThat(stored.get(2).json().getString("line")).isEqualTo("one");
      assertThat(stored.get(2).json().getString("task_id")).isEqualTo("extract");
      assertThat(stored.get(2).json().getString("recorded_by")).isEqualTo("operator");

      // then each change as it commits: a line, an audit entry, an error, a task, a label
      log(api, id, "extract", List.of("three"));
      Event line = stream.next(WAIT);
      assertThat(line.name()).isEqualTo("log");
      assertThat(line.id()).isEqualTo("5");
      assertThat(line.json().getString("line")).isEqualTo("three");
      audit(api, id, "scheduler", "retry");
      Event entry = stream.next(WAIT);
      assertThat(entry.name()).isEqualTo("audit");
      assertThat(entry.id()).isEqualTo("6");
      assertThat(entry.json().getString("action")).isEqualTo("retry");
      try (Response recorded =
          api.post(
              "executions/" + id + "/errors",
              Json.createObjectBuilder()
                  .add("message", "disk full")
                  .add("task_id", "extract")
                  .build())) {
        assertThat(recorded.getStatus()).isEqualTo(201);
      }
      Event error = stream.next(WAIT);
      assertThat(error.name()).isEqualTo("error");
      assertThat(error.id()).isEqualTo("7");
      assertThat(error.json().getString("message")).isEqualTo("disk full");
      try (Response task =
          api.put(
              "executions/" + id + "/tasks/extract",
              Json.createObjectBuilder()
                  .add("task_id", "extract")
                  .add("status", "Running")
                  .build())) {
        assertThat(task.getStatus()).isEqualTo(201);
      }
      Event taskEvent = stream.next(WAIT);
      assertThat(taskEvent.name()).isEqualTo("task");
      assertThat(taskEvent.id()).isNull();
      assertThat(taskEvent.json().getString("task_id")).isEqualTo("extract");
      assertThat(taskEvent.json().getString("status")).isEqualTo("Running");
      try (Response label =
          api.put(
              "executions/" + id + "/labels/env",
              Json.createObjectBuilder().add("value", "prod").build())) {
        assertThat(label.getStatus()).isEqualTo(201);
      }
      Event labelEvent = stream.next(WAIT);
      assertThat(labelEvent.name()).isEqualTo("labels");
      assertThat(labelEvent.json().getJsonObject("labels"))
          .isEqualTo(Json.createObjectBuilder().add("env", "prod").build());

      status(id, "Complete");
      Event completed = stream.next(WAIT);
      assertThat(completed.name()).isEqualTo("status");
      assertThat(completed.id()).isEqualTo("8");
      assertThat(completed.json().getString("status")).isEqualTo("Complete");
      assertThat(completed.json().getBoolean("success")).isTrue();
      Event end = stream.next(WAIT);
      assertThat(end.name()).isEqualTo("end");
      assertThat(end.json().getString("status")).isEqualTo("Complete");
      assertThat(end.json().getInt("position")).isEqualTo(8);
      assertThat(stream.next(WAIT))
          .as("the stream ends after its final event")
          .isSameAs(EventStream.CLOSED);
    }
    // The run's whole record agrees with what the stream sent.
    JsonObject run = json(api.get("executions/" + id));
    assertThat(run.getJsonArray("audit_trail")).hasSize(1);
    assertThat(run.getJsonObject("per_task_logs").getJsonArray("extract")).hasSize(3);
  }

  @Test
  void resumingFromEveryPositionOfAThousandLinkRunMissesNothingAndRepeatsNothing()
      throws Exception {
    String id = running(unique("resume"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 997; i++) {
      lines.add("line " + i);
      if (lines.size() == 100) {
        log(api, id, "work", lines);
        lines.clear();
      }
    }
    log(api, id, "work", lines);
    status(id, "Complete");
    long head = 1000;
    List<Event> whole;
    try (EventStream stream = EventStream.open(base, "executions/" + id + "/events")) {
      whole = links(stream.untilClosed(WAIT));
    }
    assertPositions(whole, 1, head);
    ExecutorService readers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> resumed = new ArrayList<>();
      for (long position = 0; position <= head; position++) {
        long after = position;
        resumed.add(
            readers.submit(
                () -> {
                  try (EventStream stream =
                      EventStream.open(
                          base,
                          "executions/" + id + "/events",
                          TestUser.READER,
                          Long.toString(after))) {
                    List<Event> events = stream.untilClosed(WAIT);
                    List<Event> links = links(events);
                    assertPositions(links, after + 1, head);
                    assertThat(links).isEqualTo(whole.subList((int) after, (int) head));
                    assertThat(events.get(events.size() - 1).name()).isEqualTo("end");
                  }
                }));
      }
      for (Future<?> stream : resumed) {
        stream.get(2, TimeUnit.MINUTES);
      }
    } finally {
      readers.shutdownNow();
    }
  }

  @Test
  void eightConcurrentWritersAreStreamedCompleteAndInTheOrderOfTheChain() throws Exception {
    String id = running(unique("writers"));
    try (EventStream stream = EventStream.open(base, "executions/" + id + "/events")) {
      ExecutorService writers = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        String writer = "writer-" + w;
        done.add(
            writers.submit(
                () -> {
                  try (ApiClient client = new ApiClient(base, TestUser.WRITER)) {
                    for (int i = 0; i < 40; i++) {
                      if (i % 2 == 0) {
                        audit(client, id, writer, "step " + i);
                      } else {
                        log(client, id, writer, List.of("step " + i));
                      }
                    }
                  }
                }));
      }
      for (Future<?> writer : done) {
        writer.get(2, TimeUnit.MINUTES);
      }
      writers.shutdown();
      status(id, "Complete");
      List<Event> links = links(stream.untilClosed(WAIT));
      assertPositions(links, 1, 2 + 8 * 40 + 1);
      // each writer's appends arrive in the order it made them
      for (int w = 0; w < 8; w++) {
        String writer = "writer-" + w;
        List<String> steps =
            links.stream()
                .filter(
                    e ->
                        e.name().equals("audit")
                            ? e.json().getString("actor").equals(writer)
                            : e.name().equals("log")
                                && e.json().getString("task_id").equals(writer))
                .map(
                    e ->
                        e.name().equals("audit")
                            ? e.json().getString("action")
                            : e.json().getString("line"))
                .toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          expected.add("step " + i);
        }
        assertThat(steps).as(writer).isEqualTo(expected);
      }
    }
    JsonObject verified = json(api.get("executions/" + id + "/verify"));
    assertThat(verified.getBoolean("valid")).isTrue();
    assertThat(verified.getInt("links")).isEqualTo(2 + 8 * 40 + 1);
  }

  @Test
  void aListsStreamReportsTheRunsItsFilterSelects() {
    String workflow = unique("listed");
    try (EventStream stream = EventStream.open(base, "events?workflow_name=" + workflow)) {
      String other = unique("other");
      assertThat(api.post("executions", pendingExecution(other, unique("elsewhere"))).getStatus())
          .isEqualTo(201);
      String id = unique("listed-run");
      assertThat(api.post("executions", pendingExecution(id, workflow)).getStatus()).isEqualTo(201);
      Event created = stream.next(WAIT);
      assertThat(created.name()).isEqualTo("execution");
      assertThat(created.json().getString("change")).isEqualTo("created");
      assertThat(created.json().getJsonObject("execution").getString("id"))
          .as("not the other run")
          .isEqualTo(id);
      assertThat(created.json().getJsonObject("execution").getString("status"))
          .isEqualTo("Pending");
      status(id, "Running");
      Event running = stream.next(WAIT);
      assertThat(running.json().getString("change")).isEqualTo("status");
      assertThat(running.json().getJsonObject("execution").getString("status"))
          .isEqualTo("Running");
      try (Response label =
          api.put(
              "executions/" + id + "/labels/team",
              Json.createObjectBuilder().add("value", "data").build())) {
        assertThat(label.getStatus()).isEqualTo(201);
      }
      Event labelled = stream.next(WAIT);
      assertThat(labelled.json().getString("change")).isEqualTo("labels");
      assertThat(
              labelled.json().getJsonObject("execution").getJsonObject("labels").getString("team"))
          .isEqualTo("data");
      assertThat(api.api("executions/" + id).request().delete().getStatus()).isEqualTo(204);
      Event removed = stream.next(WAIT);
      assertThat(removed.name()).isEqualTo("removed");
      assertThat(removed.json())
          .isEqualTo(Json.createObjectBuilder().add("id", id).add("change", "deleted").build());
    }
  }

  @Test
  void aListsStreamReportsRunsMovedToTheArchiveAndPurged() {
    String workflow = unique("purged");
    String id = running(workflow);
    status(id, "Complete");
    try (EventStream stream = EventStream.open(base, "events?workflow_name=" + workflow)) {
      try (Response archived =
          api.api("executions")
              .queryParam("workflow_name", workflow)
              .queryParam("keep_last", 0)
              .queryParam("dry_run", false)
              .request()
              .delete()) {
        assertThat(archived.getStatus()).isEqualTo(200);
        assertThat(json(archived).getInt("archived")).isEqualTo(1);
      }
      Event moved = stream.next(WAIT);
      assertThat(moved.name()).isEqualTo("execution");
      assertThat(moved.json().getString("change")).isEqualTo("archived");
      assertThat(moved.json().getJsonObject("execution").getString("archived_at")).isNotBlank();
      // an archived run's stream is its history, read from its archived object, then its end
      try (EventStream archivedRun = EventStream.open(base, "executions/" + id + "/events")) {
        List<Event> events = archivedRun.untilClosed(WAIT);
        assertPositions(links(events), 1, 3);
        assertThat(links(events).get(2).json().getString("status")).isEqualTo("Complete");
        assertThat(events.get(events.size() - 1).json().getString("reason")).isEqualTo("terminal");
      }
      try (Response purged =
          api.api("executions")
              .queryParam("workflow_name", workflow)
              .queryParam("keep_last", 0)
              .queryParam("dry_run", false)
              .queryParam("archive", false)
              .request()
              .delete()) {
        assertThat(purged.getStatus()).isEqualTo(200);
        assertThat(json(purged).getInt("deleted")).isEqualTo(1);
      }
      Event removed = stream.next(WAIT);
      assertThat(removed.name()).isEqualTo("removed");
      assertThat(removed.json())
          .isEqualTo(Json.createObjectBuilder().add("id", id).add("change", "deleted").build());
    }
  }

  @Test
  void aFilterLeftIsReportedAsRemoved() {
    String workflow = unique("leaving");
    String id = running(workflow);
    try (EventStream stream =
        EventStream.open(base, "events?status=Running&workflow_name=" + workflow)) {
      status(id, "Failed");
      Event left = stream.next(WAIT);
      assertThat(left.name()).isEqualTo("removed");
      assertThat(left.json().getString("id")).isEqualTo(id);
      assertThat(left.json().getString("change")).isEqualTo("status");
    }
  }

  @Test
  void whatCannotBeStreamedIsRefusedBeforeTheStreamStarts() {
    String id = running(unique("refused"));
    HttpResponse<String> unknown =
        EventStream.refused(
            base, "executions/" + unique("none") + "/events", TestUser.READER, null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    HttpResponse<String> malformed =
        EventStream.refused(
            base, "executions/" + id + "/events", TestUser.READER, "abc", "a malformed position");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(malformed.body()).contains("Last-Event-ID");
    HttpResponse<String> beyond =
        EventStream.refused(base, "executions/" + id + "/events", TestUser.READER, "3");
    assertThat(beyond.statusCode()).as("the run has two links").isEqualTo(400);
    assertThat(beyond.body()).contains("there is no position 3");
    HttpResponse<String> badFilter =
        EventStream.refused(base, "events?status=Sleeping", TestUser.READER, null);
    assertThat(badFilter.statusCode()).isEqualTo(400);
    HttpResponse<String> anonymous =
        EventStream.refused(base, "executions/" + id + "/events", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(EventStream.refused(base, "events", null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> writerOnly =
        EventStream.refused(base, "executions/" + id + "/events", TestUser.WRITER, null);
    assertThat(writerOnly.statusCode()).as("role reader required").isEqualTo(403);
    try (EventStream atHead =
        EventStream.open(base, "executions/" + id + "/events", TestUser.READER, "2")) {
      assertThat(atHead.nextExcept(WAIT, "task").name()).isEqualTo("labels");
      log(api, id, "after", List.of("the first line after the head"));
      Event next = atHead.next(WAIT);
      assertThat(next.id()).as("nothing before it was sent again").isEqualTo("3");
    }
  }

  @Test
  void aSubscriberThatCannotKeepUpIsToldToResyncAndClosedWithoutHoldingUpTheOthers()
      throws Exception {
    String id = running(unique("slow"));
    String line = "x".repeat(2000);
    try (Socket slow = new Socket();
        EventStream fast = EventStream.open(base, "executions/" + id + "/events")) {
      slow.setReceiveBufferSize(4096);
      slow.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 10_000);
      slow.setSoTimeout(120_000);
      OutputStream request = slow.getOutputStream();
      request.write(
          ("GET "
                  + base.getPath()
                  + "api/executions/"
                  + id
                  + "/events HTTP/1.1\r\n"
                  + "Host: "
                  + base.getHost()
                  + ":"
                  + base.getPort()
                  + "\r\n"
                  + "Accept: text/event-stream\r\n"
                  + "Connection: close\r\n"
                  + "Authorization: "
                  + TestUser.READER.authorization()
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      request.flush();
      // the slow client reads nothing while 6,000 lines of 2,000 characters (12 MB) are written,
      // more than its queue (1 MiB) and the sockets' buffers hold; the fast one reads each batch
      // before the next is written (a burst larger than its own queue would be too much for any
      // client, however fast it reads)
      int batches = 60;
      List<Event> all = new ArrayList<>();
      for (int b = 0; b < batches; b++) {
        log(api, id, "bulk", java.util.Collections.nCopies(100, line));
        long head = 2 + (b + 1) * 100L;
        while (all.isEmpty() || all.get(all.size() - 1).position() < head) {
          Event event = fast.next(WAIT);
          assertThat(event.name()).as("the fast subscriber keeps up").isNotIn("resync", "(closed)");
          if (event.id() != null) {
            all.add(event);
          }
        }
      }
      status(id, "Complete");
      all.addAll(links(fast.untilClosed(Duration.ofMinutes(2))));
      assertPositions(all, 1, 2 + batches * 100 + 1);

      // now the slow client reads what it was sent: some lines, then resync, then the end
      InputStream in = slow.getInputStream();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text).startsWith("HTTP/1.1 200");
      assertThat(text).contains("event: resync");
      assertThat(text.substring(text.indexOf("event: resync"))).doesNotContain("event: log");
      assertThat(text).doesNotContain("event: end");
    }
  }

  @Test
  void anArchivedOrCompletedRunsStreamReplaysItsHistoryAndEnds() {
    String id = running(unique("done"));
    audit(api, id, "a", "b");
    status(id, "Failed");
    try (EventStream stream = EventStream.open(base, "executions/" + id + "/events")) {
      List<Event> events = stream.untilClosed(WAIT);
      assertPositions(links(events), 1, 4);
      Event end = events.get(events.size() - 1);
      assertThat(end.name()).isEqualTo("end");
      assertThat(end.json().getString("status")).isEqualTo("Failed");
    }
    try (EventStream atHead =
        EventStream.open(base, "executions/" + id + "/events", TestUser.READER, "4")) {
      List<Event> events = atHead.untilClosed(WAIT);
      assertThat(links(events)).isEmpty();
      assertThat(events.get(events.size() - 1).name()).isEqualTo("end");
    }
  }
}
