package org.workflowengine.persistence.store.transfer;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.workflowengine.persistence.json.BindingErrors;
import org.workflowengine.persistence.json.InvalidJsonException;
import org.workflowengine.persistence.json.JsonInput;
import org.workflowengine.persistence.json.JsonLines;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.snapshot.SnapshotContent;
import org.workflowengine.persistence.snapshot.SnapshotStore;
import org.workflowengine.persistence.store.archive.ArchivedReads;
import org.workflowengine.persistence.store.error.ArchiveDamagedException;
import org.workflowengine.persistence.store.error.ArchiveUnavailableException;
import org.workflowengine.persistence.store.error.InvalidImportException;
import org.workflowengine.persistence.store.error.SnapshotNotFoundException;
import org.workflowengine.persistence.store.error.SnapshotTooLargeException;
import org.workflowengine.persistence.store.lines.ExecutionLines;
import org.workflowengine.persistence.store.lines.ExportView;
import org.workflowengine.persistence.store.lines.ImportedChain;
import org.workflowengine.persistence.store.metrics.MeasuredOperations;
import org.workflowengine.persistence.store.query.ExecutionAssembler;
import org.workflowengine.persistence.store.query.ExecutionCriteria;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.query.ExecutionSummary;
import org.workflowengine.persistence.store.write.ExecutionChanges;
import org.workflowengine.persistence.store.write.ExecutionRules;
import org.workflowengine.persistence.store.write.ModelValidator;
import org.workflowengine.persistence.store.write.SnapshotLimit;

/**
 * Export and import of executions as NDJSON, one JSON object a line: first every distinct snapshot
 * once ({@code {"type": "snapshot", "hash": …, "snapshot": {…}}}), then the executions, oldest
 * first, each referring to its snapshot by hash ({@code {"type": "execution", "id": …,
 * "snapshot_hash": …, …}}, everything but the snapshot and the version).
 *
 * <p>Export reads a page at a time and hands each line on as soon as it is made, so its memory does
 * not grow with the number of executions. Import checks every line before it stores any, then
 * stores in batches; it is idempotent: snapshots are content-addressed and an execution whose id is
 * already stored is left alone.
 */
@Stateless
@Interceptors(MeasuredOperations.class)
public class ExecutionTransfer {

  /** Executions read per query while exporting, and stored per transaction while importing. */
  static final int PAGE = 200;

  private static final int MAX_REPORTED_PROBLEMS = 20;

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Inject ExecutionChanges changes;

  @Inject ArchivedReads archived;

  @Inject SnapshotStore snapshots;

  @Inject ExecutionAssembler assembler;

  @Inject ModelValidator validator;

  @Resource SessionContext context;

  @Inject SnapshotLimit snapshotLimit;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  /**
   * Writes the executions matching {@code filter} (its limit and cursor aside), with their
   * snapshots, to {@code lines}; outside any transaction, each page read on its own.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void export(ExecutionQuery filter, Consumer<JsonObject> lines) {
    try (ExportView view = ExportView.open(dataSource)) {
      // The view's instant comes first: every execution it holds ran a snapshot stored before,
      // which the listing below (made after) therefore names.
      view.start();
      String afterHash = "";
      List<String> hashes;
      do {
        hashes = snapshotHashes(filter, afterHash);
        for (String hash : hashes) {
          view.snapshot(hash)
              .ifPresent(snapshot -> lines.accept(ExecutionLines.snapshotLine(hash, snapshot)));
        }
        afterHash = hashes.isEmpty() ? afterHash : hashes.get(hashes.size() - 1);
      } while (hashes.size() == PAGE);

      ExecutionSummary last = null;
      List<ExecutionSummary> page;
      do {
        page = executionPage(filter, last);
        for (ExecutionSummary summary : page) {
          if (summary.getArchivedAt() != null) {
            // Its rows are in its object, whose execution line is the one it had when archived;
            // an object that cannot be read is named, never left out or served changed.
            JsonObject line;
            try {
              line = archived.executionLine(summary.getId());
            } catch (ArchiveDamagedException | ArchiveUnavailableException e) {
              line = ExecutionLines.problemLine(summary.getId(), e.getMessage());
            }
            lines.accept(line);
            continue;
          }
          // Without its snapshot: the snapshot lines above carry it, once per hash.
          view.execution(summary.getId())
              .ifPresent(
                  exported ->
                      lines.accept(
                          ExecutionLines.executionLine(
                              exported.execution(), ImportedChain.toJson(exported.links()))));
        }
        last = page.isEmpty() ? last : page.get(page.size() - 1);
      } while (page.size() == PAGE);
    }
  }

  /**
   * Imports an NDJSON file in the export's format. Every line is checked first; if any is
   * malformed, nothing is imported and the problems are reported with their line numbers.
   *
   * @throws InvalidImportException naming the malformed lines
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public ImportResult importFrom(Path ndjson) {
    List<String> problems = new ArrayList<>();
    long lineCount = check(ndjson, problems);
    if (!problems.isEmpty()) {
      throw new InvalidImportException(problems);
    }
    ExecutionTransfer self = context.getBusinessObject(ExecutionTransfer.class);
    long snapshotLines = 0;
    long imported = 0;
    long skipped = 0;
    List<JsonObject> batch = new ArrayList<>();
    try (JsonLines lines = new JsonLines(Files.newInputStream(ndjson))) {
      JsonLines.Line line;
      while ((line = lines.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonObject object = ExecutionLines.parse(line.text());
        if ("snapshot".equals(object.getString("type"))) {
          snapshotLines++;
        }
        batch.add(object);
        if (batch.size() == PAGE) {
          long stored = self.importBatch(batch);
          imported += stored;
          skipped += countExecutions(batch) - stored;
          batch.clear();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!batch.isEmpty()) {
      long stored = self.importBatch(batch);
      imported += stored;
      skipped += countExecutions(batch) - stored;
    }
    return new ImportResult(lineCount, snapshotLines, imported, skipped);
  }

  /** Stores one batch of checked lines in one transaction; returns the executions stored. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public long importBatch(List<JsonObject> batch) {
    long stored = 0;
    for (JsonObject line : batch) {
      if ("snapshot".equals(line.getString("type"))) {
        snapshots.store(SnapshotContent.of(line.getJsonObject("snapshot")));
      } else {
        WorkflowExecution execution = ExecutionLines.toExecution(line);
        String hash = line.getString("snapshot_hash");
        execution.setWorkflowSnapshot(
            snapshots.find(hash).orElseThrow(() -> new SnapshotNotFoundException(hash)));
        if (changes.restore(execution, ImportedChain.of(line, execution))) {
          stored++;
        }
      }
    }
    return stored;
  }

  // ---------------------------------------------------------------- checking an import

  /**
   * Checks every line, by the same rules as a REST request body ({@link JsonInput}) and then as an
   * export line; returns how many non-empty lines there are.
   */
  private long check(Path ndjson, List<String> problems) {
    Set<String> knownHashes = new HashSet<>();
    long count = 0;
    try (JsonLines lines = new JsonLines(Files.newInputStream(ndjson))) {
      JsonLines.Line line;
      while ((line = lines.next()) != null && problems.size() < MAX_REPORTED_PROBLEMS) {
        if (line.isBlank()) {
          continue;
        }
        count++;
        String problem =
            line.problem() != null ? line.problem() : problemOf(line.text(), knownHashes);
        if (problem != null) {
          problems.add("line " + line.number() + ": " + problem);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count;
  }

  /** What is wrong with one line, or null. Records the snapshot hashes it introduces. */
  private String problemOf(String line, Set<String> knownHashes) {
    JsonObject object;
    try {
      JsonInput.checkObject(line);
      object = ExecutionLines.parse(line);
    } catch (InvalidJsonException e) {
      return "the line " + e.getMessage();
    } catch (JsonException | IllegalStateException e) {
      return "not a JSON object: " + e.getMessage();
    }
    JsonValue type = object.get("type");
    if (!(type instanceof JsonString)) {
      return "\"type\" must be \"snapshot\" or \"execution\"";
    }
    switch (((JsonString) type).getString()) {
      case "problem" -> {
        return "the export could not read execution "
            + object.getString("id", "?")
            + " ("
            + object.getString("problem", "no reason given")
            + "): this file does not hold it";
      }
      case "snapshot" -> {
        if (!(object.get("hash") instanceof JsonString hash)
            || !(object.get("snapshot") instanceof JsonObject snapshot)) {
          return "a snapshot line needs \"hash\" (a string) and \"snapshot\" (an object)";
        }
        SnapshotContent content = SnapshotContent.of(snapshot);
        if (!content.hash().equals(hash.getString())) {
          return "the snapshot's content does not match its hash " + hash.getString();
        }
        try {
          snapshotLimit.check(content);
        } catch (SnapshotTooLargeException e) {
          return e.getMessage();
        }
        knownHashes.add(content.hash());
        return null;
      }
      case "execution" -> {
        if (!(object.get("snapshot_hash") instanceof JsonString hash)) {
          return "an execution line needs \"snapshot_hash\"";
        }
        if (!SnapshotContent.isHash(hash.getString())) {
          return "snapshot_hash must be 64 lower-case hex digits";
        }
        if (!knownHashes.contains(hash.getString()) && !snapshots.exists(hash.getString())) {
          return "snapshot " + hash.getString() + " is neither in an earlier line nor stored";
        }
        WorkflowExecution execution;
        try {
          execution = ExecutionLines.toExecution(object);
        } catch (JsonbException e) {
          return "not an execution: " + BindingErrors.describe(e);
        }
        List<String> violations = ExecutionRules.violationsOf(validator.get(), execution);
        String order = ExecutionRules.completionOrderViolation(execution, execution.getCreatedAt());
        if (order != null) {
          violations.add(order);
        }
        if (violations.isEmpty()) {
          try {
            ImportedChain.of(object, execution);
          } catch (IllegalArgumentException e) {
            violations.add("execution " + execution.getId() + ": " + e.getMessage());
          }
        }
        return violations.isEmpty() ? null : String.join("; ", violations);
      }
      default -> {
        return "\"type\" must be \"snapshot\" or \"execution\"";
      }
    }
  }

  // ---------------------------------------------------------------- lines

  private static long countExecutions(List<JsonObject> batch) {
    return batch.stream().filter(line -> "execution".equals(line.getString("type"))).count();
  }

  // ---------------------------------------------------------------- export queries

  private List<String> snapshotHashes(ExecutionQuery filter, String afterHash) {
    return ExecutionCriteria.of(filter)
        .with("e.snapshotHash > :afterHash", "afterHash", afterHash)
        .query(em, "SELECT DISTINCT e.snapshotHash", " ORDER BY e.snapshotHash", String.class)
        .setMaxResults(PAGE)
        .getResultList();
  }

  /** The next page of executions, oldest first, after {@code last}. */
  private List<ExecutionSummary> executionPage(ExecutionQuery filter, ExecutionSummary last) {
    ExecutionCriteria criteria = ExecutionCriteria.of(filter);
    if (last != null) {
      criteria.newerThan(last.getCreatedAt(), last.getId());
    }
    return criteria
        .query(em, ExecutionCriteria.SUMMARIES, criteria.oldestFirst(), ExecutionSummary.class)
        .setMaxResults(PAGE)
        .getResultList();
  }
}
