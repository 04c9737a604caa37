package org.workflowengine.persistence.chain;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.workflowengine.persistence.json.CanonicalJson;
import org.workflowengine.persistence.json.JsonFormats;

/**
 * One link of an execution's hash chain: an audit entry, an error, a log line or a change of the
 * execution's record (its creation, a status change), at a position (1, 2, …) in the order they
 * were recorded, with who recorded it.
 *
 * <p>Its hash is {@code SHA-256(previous ‖ canonical JSON of the link)} in lower-case hex, where
 * {@code previous} is the previous link's hash (64 zeros, {@link #GENESIS}, for the first) as
 * ASCII, and the canonical JSON ({@link CanonicalJson}) is the object {@code {"execution_id",
 * "position", "kind", "recorded_by", "entry"}} with {@code entry} the kind's values ({@link
 * #audit}, {@link #error}, {@link #log}, {@link #status}), and {@code "trace_id"} besides when the
 * link was recorded within a trace (absent, not null, otherwise: a link recorded before trace ids
 * were kept hashes as it did). The execution's id and the position are hashed, so a link cannot be
 * moved to another execution or place without its hash changing. Instants are written as {@link
 * Instant#toString()} of the stored (microsecond) value.
 *
 * @param traceId the W3C trace id (32 lower-case hex digits) of the request or span that recorded
 *     it, or null
 */
public record ChainLink(
    Kind kind, long position, String recordedBy, String traceId, JsonObject entry) {

  /** A link recorded outside any trace. */
  public ChainLink(Kind kind, long position, String recordedBy, JsonObject entry) {
    this(kind, position, recordedBy, null, entry);
  }

  /** The "previous hash" of a chain's first link. */
  public static final String GENESIS = "0".repeat(64);

  /** What a link records; its wire name is {@link #wireName()}. */
  public enum Kind {
    STATUS("status"),
    AUDIT("audit"),
    ERROR("error"),
    LOG("log");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** The kind named {@code wireName}, or null. */
    public static Kind of(String wireName) {
      for (Kind kind : values()) {
        if (kind.wireName.equals(wireName)) {
          return kind;
        }
      }
      return null;
    }
  }

  /** This link's hash, chained to {@code previous}, as a link of execution {@code executionId}. */
  public String hash(String executionId, String previous) {
    JsonObjectBuilder builder =
        JsonFormats.PROVIDER
            .createObjectBuilder()
            .add("execution_id", executionId)
            .add("position", position)
            .add("kind", kind.wireName())
            .add(
                "recorded_by",
                recordedBy == null ? JsonValue.NULL : JsonFormats.PROVIDER.createValue(recordedBy))
            .add("entry", entry);
    if (traceId != null) {
      builder.add("trace_id", traceId);
    }
    JsonObject link = builder.build();
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(CanonicalJson.utf8(previous));
      return HexFormat.of().formatHex(digest.digest(CanonicalJson.utf8(CanonicalJson.of(link))));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform provides SHA-256", e);
    }
  }

  /** This link at another position. */
  public ChainLink at(long newPosition) {
    return new ChainLink(kind, newPosition, recordedBy, traceId, entry);
  }

  /** The values of an audit entry. */
  public static JsonObject audit(
      Instant timestamp, String actor, String action, JsonObject details) {
    return JsonFormats.PROVIDER
        .createObjectBuilder()
        .add("timestamp", instant(timestamp))
        .add("actor", text(actor))
        .add("action", text(action))
        .add("details", details == null ? JsonValue.NULL : details)
        .build();
  }

  /** The values of an error. */
  public static JsonObject error(String message, String taskId, Instant occurredAt) {
    return JsonFormats.PROVIDER
        .createObjectBuilder()
        .add("message", text(message))
        .add("task_id", text(taskId))
        .add("occurred_at", instant(occurredAt))
        .build();
  }

  /** The values of a log line. */
  public static JsonObject log(String taskId, String line, Instant loggedAt) {
    return JsonFormats.PROVIDER
        .createObjectBuilder()
        .add("task_id", text(taskId))
        .add("line", text(line))
        .add("logged_at", instant(loggedAt))
        .build();
  }

  /**
   * The values of a change of the execution's record: the status it has from then on, its outcome
   * and completion, the snapshot it runs and its workflow's name, and when the change was made.
   */
  public static JsonObject status(
      String status,
      Boolean success,
      Instant completedAt,
      String snapshotHash,
      String workflowName,
      Instant at) {
    JsonObjectBuilder entry =
        JsonFormats.PROVIDER
            .createObjectBuilder()
            .add("status", text(status))
            .add(
                "success",
                success == null ? JsonValue.NULL : success ? JsonValue.TRUE : JsonValue.FALSE)
            .add("completed_at", instant(completedAt))
            .add("snapshot_hash", text(snapshotHash))
            .add("workflow_name", text(workflowName))
            .add("at", instant(at));
    return entry.build();
  }

  private static JsonValue text(String value) {
    return value == null ? JsonValue.NULL : JsonFormats.PROVIDER.createValue(value);
  }

  private static JsonValue instant(Instant value) {
    return value == null ? JsonValue.NULL : JsonFormats.PROVIDER.createValue(value.toString());
  }
}
