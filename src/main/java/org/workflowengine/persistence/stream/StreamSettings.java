package org.workflowengine.persistence.stream;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * How the streams behave, from MicroProfile Config ({@code executions.events.*}, any config source
 * of the server: system properties, environment variables as {@code EXECUTIONS_EVENTS_…}).
 *
 * @param heartbeat how often every stream gets a comment line, so that proxies keep it open; also
 *     how often the hub re-reads where each watched run stands, in case a notification was lost
 * @param queueEvents how many events may wait for one subscriber before it is told to resync
 * @param queueBytes how many bytes (about) may wait for one subscriber before it is told to resync
 * @param writeTimeout how long writing one event to a client may take before the stream is ended
 * @param senders threads that write to clients, shared by all subscribers
 * @param catchUp links read at once when a subscriber replays a run's history
 */
public record StreamSettings(
    Duration heartbeat,
    int queueEvents,
    long queueBytes,
    Duration writeTimeout,
    int senders,
    int catchUp) {

  /** The settings {@code config} gives, each with its default. */
  public static StreamSettings of(Config config) {
    return new StreamSettings(
        config
            .getOptionalValue("executions.events.heartbeat", Duration.class)
            .orElse(Duration.ofSeconds(15)),
        config.getOptionalValue("executions.events.queue-events", Integer.class).orElse(1000),
        config.getOptionalValue("executions.events.queue-bytes", Long.class).orElse(1024L * 1024),
        config
            .getOptionalValue("executions.events.write-timeout", Duration.class)
            .orElse(Duration.ofSeconds(30)),
        config.getOptionalValue("executions.events.senders", Integer.class).orElse(8),
        500);
  }
}
