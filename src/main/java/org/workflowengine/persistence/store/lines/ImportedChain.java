package org.workflowengine.persistence.store.lines;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.workflowengine.persistence.chain.ChainLink;
import org.workflowengine.persistence.chain.LinkRows;
import org.workflowengine.persistence.chain.StoredLink;
import org.workflowengine.persistence.json.JsonFormats;
import org.workflowengine.persistence.json.Timestamps;
import org.workflowengine.persistence.json.UnicodeText;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.snapshot.SnapshotContent;

/**
 * An execution's chain in an export line: the array {@code "links"}, one object per link in chain
 * order — {@code position}, {@code kind}, {@code recorded_by}, {@code trace_id} (audit, error and
 * log links), {@code hash}, and the values the line's other fields do not hold: for a {@code log}
 * link its {@code task_id} and {@code logged_at}, for a {@code status} link the record it states
 * ({@code status}, {@code success}, {@code completed_at}, {@code snapshot_hash}, {@code
 * workflow_name}, {@code at}). An {@code audit} link's entry is the next entry of the line's {@code
 * audit_trail}, an {@code error} link's the next of its {@code errors}, a {@code log} link's line
 * the next line of its task in {@code per_task_logs}.
 *
 * <p>Import rebuilds every link from the line, checks that each hashes to the hash given and that
 * every entry of the line is a link, and stores the links as they were: same positions, same
 * recorders, same hashes.
 */
public final class ImportedChain {

  /** The longest {@code recorded_by} (and workflow name) a column holds. */
  private static final int MAX_RECORDED_BY = 255;

  /** A W3C trace id: 32 lower-case hex digits, not all zero. */
  private static final Pattern TRACE_ID = Pattern.compile("(?!0{32})[0-9a-f]{32}");

  private ImportedChain() {}

  /** The {@code "links"} of an export line, from the execution's stored links. */
  public static JsonArray toJson(List<LinkRows.Row> rows) {
    JsonArrayBuilder links = JsonFormats.PROVIDER.createArrayBuilder();
    for (LinkRows.Row row : rows) {
      ChainLink link = row.stored().link();
      JsonObjectBuilder json =
          JsonFormats.PROVIDER
              .createObjectBuilder()
              .add("position", link.position())
              .add("kind", link.kind().wireName())
              .add("recorded_by", nullable(link.recordedBy()));
      if (link.kind() != ChainLink.Kind.STATUS) {
        json.add("trace_id", nullable(link.traceId()));
      }
      json.add("hash", nullable(row.stored().storedHash()));
      JsonObject entry = link.entry();
      switch (link.kind()) {
        case LOG ->
            json.add("task_id", entry.get("task_id")).add("logged_at", entry.get("logged_at"));
        case STATUS -> entry.forEach(json::add);
        default -> {}
      }
      links.add(json);
    }
    return links.build();
  }

  /**
   * The links of an export line whose execution is {@code execution}, in chain order; null when the
   * line has none (an export made before executions had chains: the import gives it a new one).
   *
   * @throws IllegalArgumentException saying what is wrong: a link malformed, an entry with no link
   *     or a link with no entry, a hash that does not follow, a record that is not the last status
   *     link's
   */
  public static List<StoredLink> of(JsonObject line, WorkflowExecution execution) {
    JsonValue given = line.get("links");
    if (given == null) {
      return null;
    }
    if (!(given instanceof JsonArray array)) {
      throw new IllegalArgumentException("\"links\" must be an array");
    }
    List<StoredLink> links = new ArrayList<>(array.size());
    int audit = 0;
    int errors = 0;
    Map<String, Integer> lines = new HashMap<>();
    ChainLink lastStatus = null;
    String previous = ChainLink.GENESIS;
    for (int i = 0; i < array.size(); i++) {
      long position = i + 1L;
      if (!(array.get(i) instanceof JsonObject json)) {
        throw new IllegalArgumentException("link " + position + " is not an object");
      }
      ChainLink.Kind kind =
          json.get("kind") instanceof JsonString k ? ChainLink.Kind.of(k.getString()) : null;
      if (kind == null) {
        throw new IllegalArgumentException(
            "link " + position + ": \"kind\" must be status, audit, error or log");
      }
      if (!(json.get("position") instanceof JsonNumber p) || p.longValue() != position) {
        throw new IllegalArgumentException(
            "link " + position + ": \"position\" must be " + position);
      }
      String recordedBy = text(json, "recorded_by", position);
      if (recordedBy != null
          && (recordedBy.length() > MAX_RECORDED_BY || !UnicodeText.isStorable(recordedBy))) {
        throw new IllegalArgumentException(
            "link "
                + position
                + ": \"recorded_by\" must be at most "
                + MAX_RECORDED_BY
                + " characters of valid Unicode text without U+0000");
      }
      String traceId = text(json, "trace_id", position);
      if (traceId != null
          && (kind == ChainLink.Kind.STATUS || !TRACE_ID.matcher(traceId).matches())) {
        throw new IllegalArgumentException(
            "link "
                + position
                + ": \"trace_id\" must be 32 lower-case hex digits, not all zero, on an audit,"
                + " error or log link");
      }
      String hash = text(json, "hash", position);
      JsonObject entry =
          switch (kind) {
            case STATUS -> statusEntry(json, position);
            case AUDIT -> {
              if (audit >= execution.getAuditTrail().size()) {
                throw new IllegalArgumentException(
                    "link "
                        + position
                        + " is audit entry "
                        + (audit + 1)
                        + ", which the line lacks");
              }
              AuditEntry a = execution.getAuditTrail().get(audit++);
              yield ChainLink.audit(a.getTimestamp(), a.getActor(), a.getAction(), a.getDetails());
            }
            case ERROR -> {
              if (errors >= execution.getErrors().size()) {
                throw new IllegalArgumentException(
                    "link " + position + " is error " + (errors + 1) + ", which the line lacks");
              }
              ExecutionError e = execution.getErrors().get(errors++);
              yield ChainLink.error(e.getMessage(), e.getTaskId(), e.getOccurredAt());
            }
            case LOG -> {
              String task = text(json, "task_id", position);
              List<String> taskLines = task == null ? null : execution.getPerTaskLogs().get(task);
              int index = lines.getOrDefault(task, 0);
              if (taskLines == null || index >= taskLines.size()) {
                throw new IllegalArgumentException(
                    "link "
                        + position
                        + " is line "
                        + (index + 1)
                        + " of task "
                        + task
                        + "'s log, which the line lacks");
              }
              lines.put(task, index + 1);
              yield ChainLink.log(
                  task, taskLines.get(index), required(json, "logged_at", position));
            }
          };
      ChainLink link = new ChainLink(kind, position, recordedBy, traceId, entry);
      String computed = link.hash(execution.getId(), previous);
      if (!computed.equals(hash)) {
        throw new IllegalArgumentException(
            "the chain is broken at link "
                + position
                + " ("
                + kind.wireName()
                + "): its values do not hash to the hash given");
      }
      if (kind == ChainLink.Kind.STATUS) {
        lastStatus = link;
      }
      links.add(new StoredLink(link, hash));
      previous = hash;
    }
    if (audit != execution.getAuditTrail().size()) {
      throw new IllegalArgumentException(
          "audit entries from " + (audit + 1) + " on are not links of the chain");
    }
    if (errors != execution.getErrors().size()) {
      throw new IllegalArgumentException(
          "errors from " + (errors + 1) + " on are not links of the chain");
    }
    execution
        .getPerTaskLogs()
        .forEach(
            (task, taskLines) -> {
              int linked = lines.getOrDefault(task, 0);
              if (linked != taskLines.size()) {
                throw new IllegalArgumentException(
                    "lines from "
                        + (linked + 1)
                        + " on of task "
                        + task
                        + "'s log are not links of the chain");
              }
            });
    JsonObject record =
        ChainLink.status(
            execution.getStatus().wireName(),
            execution.getSuccess(),
            execution.getCompletedAt(),
            lineHash(line),
            execution.getWorkflowName(),
            null);
    if (lastStatus == null || !withoutAt(lastStatus.entry()).equals(withoutAt(record))) {
      throw new IllegalArgumentException(
          "the execution's record (status, outcome, completion, snapshot, name) is not what the"
              + " chain's last status link says");
    }
    return links;
  }

  private static JsonObject withoutAt(JsonObject entry) {
    return JsonFormats.PROVIDER.createObjectBuilder(entry).remove("at").build();
  }

  private static String lineHash(JsonObject line) {
    return line.get("snapshot_hash") instanceof JsonString hash ? hash.getString() : null;
  }

  private static JsonValue nullable(String text) {
    return text == null ? JsonValue.NULL : JsonFormats.PROVIDER.createValue(text);
  }

  private static String text(JsonObject json, String name, long position) {
    JsonValue value = json.get(name);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonString string)) {
      throw new IllegalArgumentException(
          "link " + position + ": \"" + name + "\" must be a string or null");
    }
    return string.getString();
  }

  /** A status link's values, each as the store would have written it. */
  private static JsonObject statusEntry(JsonObject json, long position) {
    String status = text(json, "status", position);
    boolean known;
    try {
      known = WorkflowStatus.fromWire(status).wireName().equals(status);
    } catch (IllegalArgumentException e) {
      known = false;
    }
    if (!known) {
      throw new IllegalArgumentException(
          "link "
              + position
              + ": \"status\" must be one of Pending, Running, Paused, Complete, Failed,"
              + " Cancelled");
    }
    String snapshotHash = text(json, "snapshot_hash", position);
    if (!SnapshotContent.isHash(snapshotHash)) {
      throw new IllegalArgumentException(
          "link " + position + ": \"snapshot_hash\" must be 64 lower-case hex digits");
    }
    String workflowName = text(json, "workflow_name", position);
    if (workflowName == null
        || workflowName.length() > MAX_RECORDED_BY
        || !UnicodeText.isStorable(workflowName)) {
      throw new IllegalArgumentException(
          "link "
              + position
              + ": \"workflow_name\" must be at most 255 characters of valid Unicode text"
              + " without U+0000");
    }
    return ChainLink.status(
        status,
        success(json, position),
        instant(json, "completed_at", position),
        snapshotHash,
        workflowName,
        required(json, "at", position));
  }

  private static Instant required(JsonObject json, String name, long position) {
    Instant instant = instant(json, name, position);
    if (instant == null) {
      throw new IllegalArgumentException("link " + position + ": \"" + name + "\" is required");
    }
    return instant;
  }

  private static Boolean success(JsonObject json, long position) {
    JsonValue value = json.get("success");
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
      throw new IllegalArgumentException(
          "link " + position + ": \"success\" must be true, false or null");
    }
    return value == JsonValue.TRUE;
  }

  private static Instant instant(JsonObject json, String name, long position) {
    String text = text(json, name, position);
    try {
      Instant instant = text == null ? null : Timestamps.normalize(Instant.parse(text));
      if (!Timestamps.isStorable(instant)) {
        throw new IllegalArgumentException(
            "link "
                + position
                + ": \""
                + name
                + "\" must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z");
      }
      return instant;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "link " + position + ": \"" + name + "\" must be an instant like 2026-01-01T00:00:00Z");
    }
  }

  private static Instant instantOf(JsonValue value) {
    return value == null || value == JsonValue.NULL
        ? null
        : Instant.parse(((JsonString) value).getString());
  }
}
