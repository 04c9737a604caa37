package org.workflowengine.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A client of the API's event streams ({@code text/event-stream}) over real HTTP, parsing events as
 * the HTML standard's {@code EventSource} does: {@code event}, {@code id} and {@code data} fields,
 * comment lines, an empty line ending an event. Lines are read on a thread of their own into a
 * queue the test takes from.
 */
public final class EventStream implements AutoCloseable {

  /** One event; {@code name} is "message" when the stream gave none, {@code id} null if none. */
  public record Event(String name, String id, String data) {
    public JsonObject json() {
      try (var reader = Json.createReader(new StringReader(data))) {
        return reader.readObject();
      }
    }

    public long position() {
      return Long.parseLong(id);
    }
  }

  /** The end of the stream, as an event. */
  public static final Event CLOSED = new Event("(closed)", null, null);

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile int comments;

  /** Told of each event (and the end, {@link #CLOSED}) as it is read, with System.nanoTime(). */
  public interface Listener {
    void read(Event event, long nanoTime);
  }

  private final Listener listener;

  private EventStream(HttpResponse<Stream<String>> response, Listener listener) {
    this.response = response;
    this.listener = listener;
    this.reader = new Thread(this::read, "event-stream-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Opens {@code /api/<path>} as {@code user} (none: no credentials), with {@code Last-Event-ID} if
   * not null; returns once the answer's headers arrived.
   */
  public static EventStream open(URL base, String path, TestUser user, String lastEventId) {
    return open(base, path, user, lastEventId, null);
  }

  /**
   * The same, telling {@code listener} of each event on the reading thread as it is read (the
   * events are queued for {@link #next} all the same).
   */
  public static EventStream open(
      URL base, String path, TestUser user, String lastEventId, Listener listener) {
    EventStream stream =
        new EventStream(
            send(request(base, path, user, lastEventId), HttpResponse.BodyHandlers.ofLines()),
            listener);

    assertThat(stream.status()).as("the stream of %s opened", path).isEqualTo(200);
    assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
    return stream;
  }

  /**
   * A request for a stream the server is to refuse: its answer, read whole and checked against the
   * OpenAPI document (a refusal is an ordinary problem+json answer).
   */
  public static HttpResponse<String> refused(
      URL base, String path, TestUser user, String lastEventId) {
    return refused(base, path, user, lastEventId, null);
  }

  /** The same for a request that breaks the document on purpose, for the reason {@code why}. */
  public static HttpResponse<String> refused(
      URL base, String path, TestUser user, String lastEventId, String why) {
    HttpRequest request = request(base, path, user, lastEventId);
    HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
    (user == null ? OpenApiContract.anonymous(base) : OpenApiContract.of(base))
        .check(request, (byte[]) null, response, why);
    assertThat(response.statusCode()).as(response.body()).isNotEqualTo(200);
    return response;
  }

  private static HttpRequest request(URL base, String path, TestUser user, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base.toExternalForm()).resolve("api/" + path))
            .header("Accept", "text/event-stream")
            .GET();
    if (user != null) {
      request.header("Authorization", user.authorization());
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return request.build();
  }

  private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return HTTP.send(request, body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** As the operator, who holds every role. */
  public static EventStream open(URL base, String path) {
    return open(base, path, TestUser.OPERATOR, null);
  }

  public int status() {
    return response.statusCode();
  }

  public String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /** The comment lines read so far (heartbeats and the opening one). */
  public int comments() {
    return comments;
  }

  /** The next event, or {@link #CLOSED} when the stream ended; fails after {@code timeout}. */
  public Event next(Duration timeout) {
    try {
      Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(event).as("an event within %s", timeout).isNotNull();
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every event until the stream ends (the {@link #CLOSED} marker not included). */
  public List<Event> untilClosed(Duration timeout) {
    List<Event> all = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (event == CLOSED) {
        return all;
      }
      all.add(event);
    }
  }

  /** The next event that is not one of {@code skipped} (by name). */
  public Event nextExcept(Duration timeout, String... skipped) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (!List.of(skipped).contains(event.name())) {
        return event;
      }
    }
  }

  private void read() {
    String name = null;
    String id = null;
    StringBuilder data = null;
    try (Stream<String> lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (data != null) {
            Event event = new Event(name == null ? "message" : name, id, data.toString());
            if (listener != null) {
              listener.read(event, System.nanoTime());
            }
            events.add(event);
          }
          name = null;
          id = null;
          data = null;
        } else if (line.startsWith(":")) {
          comments++;
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "event" -> name = value;
            case "id" -> id = value;
            case "data" ->
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {}
          }
        }
      }
    } catch (RuntimeException e) {
      // closed by the test, or the connection broke: the stream is over either way
    }
    if (listener != null) {
      listener.read(CLOSED, System.nanoTime());
    }
    events.add(CLOSED);
  }

  @Override
  public void close() {
    response.body().close();
    reader.interrupt();
  }
}
