package org.workflowengine.persistence.store.lines;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.workflowengine.persistence.chain.ChainLink;
import org.workflowengine.persistence.chain.StoredLink;
import org.workflowengine.persistence.json.JsonFormats;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.ExecutionError;
import org.workflowengine.persistence.model.StatusChange;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;

/**
 * The export's lines: a snapshot line ({@code {"type": "snapshot", "hash": …, "snapshot": {…}}})
 * and an execution line ({@code {"type": "execution", …}}, everything {@code GET} shows of it but
 * the snapshot and the version, with its chain's {@code links}); made, parsed, and turned back into
 * the execution {@code GET} shows.
 */
public final class ExecutionLines {

  private ExecutionLines() {}

  /** The snapshot line of {@code snapshot}, stored under {@code hash}. */
  public static JsonObject snapshotLine(String hash, JsonObject snapshot) {
    return JsonFormats.PROVIDER
        .createObjectBuilder()
        .add("type", "snapshot")
        .add("hash", hash)
        .add("snapshot", snapshot)
        .build();
  }

  /**
   * The line an export writes in place of an execution it cannot read (an archived one whose object
   * is missing or damaged): {@code {"type": "problem", "id": …, "problem": …}}. An import refuses a
   * file that holds one.
   */
  public static JsonObject problemLine(String id, String problem) {
    return JsonFormats.PROVIDER
        .createObjectBuilder()
        .add("type", "problem")
        .add("id", id)
        .add("problem", problem)
        .build();
  }

  /** The execution line of {@code execution} (its snapshot and version left out) and its links. */
  public static JsonObject executionLine(WorkflowExecution execution, JsonArray links) {
    JsonObject full = parse(JsonFormats.JSONB.toJson(execution));
    JsonObjectBuilder line = JsonFormats.PROVIDER.createObjectBuilder().add("type", "execution");
    full.forEach(
        (name, value) -> {
          if (!name.equals("workflow_snapshot")
              && !name.equals("version")
              && !name.equals("archived_at")) {
            line.add(name, value);
          }
        });
    return line.add("links", links).build();
  }

  /** The execution an execution line describes, as JSON-B binds it (its lists as written). */
  public static WorkflowExecution toExecution(JsonObject line) {
    return JsonFormats.JSONB.fromJson(line.toString(), WorkflowExecution.class);
  }

  /** One line's text as a JSON object. */
  public static JsonObject parse(String text) {
    try (JsonReader reader = JsonFormats.READERS.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  /**
   * Sets the execution's audit trail, errors, logs and status history from its chain's links, each
   * entry with who recorded it: what {@code GET} shows of them is what the links hold.
   */
  public static void fill(WorkflowExecution execution, List<StoredLink> links) {
    List<AuditEntry> audit = new ArrayList<>();
    List<ExecutionError> errors = new ArrayList<>();
    Map<String, List<String>> logs = new LinkedHashMap<>();
    List<StatusChange> history = new ArrayList<>();
    for (StoredLink stored : links) {
      ChainLink link = stored.link();
      JsonObject entry = link.entry();
      switch (link.kind()) {
        case AUDIT -> {
          AuditEntry a =
              new AuditEntry(
                  text(entry, "actor"),
                  text(entry, "action"),
                  entry.get("details") instanceof JsonObject details ? details : null);
          a.setTimestamp(instant(entry, "timestamp"));
          audit.add(a.recordedBy(link.recordedBy()).inTrace(link.traceId()));
        }
        case ERROR -> {
          ExecutionError e = new ExecutionError(text(entry, "message"), text(entry, "task_id"));
          e.setOccurredAt(instant(entry, "occurred_at"));
          errors.add(e.recordedBy(link.recordedBy()).inTrace(link.traceId()));
        }
        case LOG ->
            logs.computeIfAbsent(text(entry, "task_id"), k -> new ArrayList<>())
                .add(text(entry, "line"));
        case STATUS ->
            history.add(
                StatusChange.of(
                    WorkflowStatus.fromWire(text(entry, "status")),
                    entry.get("success") == JsonValue.NULL
                        ? null
                        : entry.get("success") == JsonValue.TRUE,
                    instant(entry, "completed_at"),
                    text(entry, "snapshot_hash"),
                    text(entry, "workflow_name"),
                    instant(entry, "at"),
                    link.recordedBy()));
      }
    }
    execution.setAuditTrail(audit);
    execution.setErrors(errors);
    execution.setPerTaskLogs(logs);
    execution.withStatusHistory(history);
  }

  private static String text(JsonObject entry, String name) {
    return entry.get(name) instanceof JsonString text ? text.getString() : null;
  }

  private static Instant instant(JsonObject entry, String name) {
    String text = text(entry, name);
    return text == null ? null : Instant.parse(text);
  }
}
