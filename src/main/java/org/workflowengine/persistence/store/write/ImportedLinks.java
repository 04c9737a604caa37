package org.workflowengine.persistence.store.write;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.workflowengine.persistence.chain.ChainLink;
import org.workflowengine.persistence.chain.StoredLink;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.store.error.InvalidImportException;

/**
 * Writes an imported execution's links in their exported order, each entry taken in turn from the
 * execution's lists, and checks that they are stored as their hashes say (the import's reading of a
 * line into links is {@code store.transfer.ImportedChain}).
 */
final class ImportedLinks {

  private ImportedLinks() {}

  /** Adds the links to {@code batch} in their order, each entry taken from the execution. */
  static void add(ExecutionRows.Batch batch, WorkflowExecution execution, List<StoredLink> links) {
    int audit = 0;
    int errors = 0;
    Map<String, Integer> lines = new HashMap<>();
    for (StoredLink stored : links) {
      ChainLink link = stored.link();
      JsonObject entry = link.entry();
      batch.as(link.recordedBy()).inTrace(link.traceId());
      switch (link.kind()) {
        case STATUS ->
            batch.status(
                entry.getString("status"),
                entry.get("success") == JsonValue.NULL ? null : entry.getBoolean("success"),
                instantOf(entry.get("completed_at")),
                entry.getString("snapshot_hash"),
                entry.getString("workflow_name"),
                instantOf(entry.get("at")));
        case AUDIT -> batch.audit(List.of(execution.getAuditTrail().get(audit++)), 0);
        case ERROR -> batch.errors(List.of(execution.getErrors().get(errors++)), 0);
        case LOG -> {
          String task = entry.getString("task_id");
          int index = lines.merge(task, 1, Integer::sum) - 1;
          batch.logs(
              task,
              List.of(execution.getPerTaskLogs().get(task).get(index)),
              0,
              instantOf(entry.get("logged_at")));
        }
      }
    }
  }

  /**
   * Checks that the links as stored hash as imported.
   *
   * @throws InvalidImportException naming the execution and the first link that differs
   */
  static void requireSame(String executionId, List<StoredLink> imported, List<String> stored) {
    for (int i = 0; i < imported.size(); i++) {
      if (i >= stored.size() || !imported.get(i).storedHash().equals(stored.get(i))) {
        throw new InvalidImportException(
            List.of(
                "execution "
                    + executionId
                    + ": link "
                    + (i + 1)
                    + " would not be stored as its hash says"));
      }
    }
  }

  private static Instant instantOf(JsonValue value) {
    return value == null || value == JsonValue.NULL
        ? null
        : Instant.parse(((JsonString) value).getString());
  }
}
