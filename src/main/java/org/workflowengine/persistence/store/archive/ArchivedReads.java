package org.workflowengine.persistence.store.archive;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.workflowengine.persistence.chain.ChainCheck;
import org.workflowengine.persistence.chain.ChainLink;
import org.workflowengine.persistence.chain.ChainVerification;
import org.workflowengine.persistence.chain.StoredLink;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.TaskLogLine;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.store.error.ArchiveDamagedException;

/**
 * Reads of an archived execution: what the store answered for it while it was live, from its
 * object, checked against the SHA-256 and the chain's head its row keeps.
 */
@Dependent
public class ArchivedReads {

  /** The kind a broken "link" is reported with when the object itself is at fault. */
  public static final String ARCHIVE_KIND = "archive";

  @Inject Archive archive;

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  /**
   * The archived execution {@code row} (its row as stored), whole: the body it had while it was
   * live, with its archival time.
   */
  public WorkflowExecution whole(WorkflowExecution row) {
    WorkflowExecution stored = restored(row).execution();
    WorkflowExecution whole = row.copyRecord();
    whole.attachSnapshot(stored.getWorkflowSnapshot(), stored.getSnapshotHash());
    whole.setLabels(stored.getLabels());
    whole.setTasks(stored.getTasks());
    whole.setAuditTrail(stored.getAuditTrail());
    whole.setErrors(stored.getErrors());
    whole.setPerTaskLogs(stored.getPerTaskLogs());
    whole.withStatusHistory(stored.getStatusHistory());
    return whole;
  }

  /** Task {@code taskId}'s log lines, each with when it was appended and by whom. */
  public List<TaskLogLine> logLines(WorkflowExecution row, String taskId) {
    List<TaskLogLine> lines = new ArrayList<>();
    for (StoredLink stored : restored(row).links()) {
      ChainLink link = stored.link();
      JsonObject entry = link.entry();
      if (link.kind() == ChainLink.Kind.LOG && taskId.equals(entry.getString("task_id", null))) {
        lines.add(
            new TaskLogLine(
                    row.getId(),
                    taskId,
                    entry.getString("line"),
                    Instant.parse(entry.getString("logged_at")))
                .recordedBy(link.recordedBy())
                .inTrace(link.traceId()));
      }
    }
    return lines;
  }

  /**
   * The archived execution's chain recomputed from its object, against the head and length its row
   * keeps and its record; an object that is missing, does not parse, or whose bytes are not those
   * archived makes the chain not valid.
   */
  public ChainVerification verify(WorkflowExecution row) {
    String id = row.getId();
    String head;
    long count;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT chain_head, chain_links FROM workflow_execution WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet result = select.executeQuery()) {
        result.next();
        head = result.getString(1);
        count = result.getLong(2);
      }
    } catch (SQLException e) {
      throw new PersistenceException(
          "Could not read the chain of " + id + ": " + e.getMessage(), e);
    }
    ArchivedObject.Restored restored;
    byte[] bytes;
    try {
      bytes = archive.readAsStored(id);
      restored = ArchivedObject.decode(id, bytes).restore();
    } catch (ArchiveDamagedException e) {
      return broken(count, head, e.getMessage());
    }
    JsonObject record =
        ChainLink.status(
            row.getStatus().wireName(),
            row.getSuccess(),
            row.getCompletedAt(),
            row.getSnapshotHash(),
            row.getWorkflowName(),
            null);
    ChainVerification verification = ChainCheck.verify(id, restored.links(), head, count, record);
    if (verification.valid() && !ArchivedObject.sha256(bytes).equals(row.archiveSha256())) {
      return broken(
          verification.links(),
          head,
          "the archived object's bytes are not those archived (its SHA-256 differs from the one"
              + " the database kept), though its chain holds");
    }
    return verification;
  }

  /**
   * Archived execution {@code id}'s execution line, as its object holds it (an export writes it);
   * the line has no {@code archived_at}: imported, it is a live execution.
   *
   * @throws ArchiveDamagedException if the object is missing or not the one archived
   */
  public JsonObject executionLine(String id) {
    WorkflowExecution row = em.find(WorkflowExecution.class, id);
    return ArchivedObject.decode(id, archive.read(id, row.archiveSha256())).executionLine();
  }

  /** What a live stream reads of an archived execution, all from one read of its object. */
  public record Contents(
      List<TaskExecution> tasks, Map<String, String> labels, List<StoredLink> links) {}

  /**
   * The archived execution {@code row}'s task records, labels and links (in chain order), from one
   * read of its object.
   *
   * @throws ArchiveDamagedException if the object is missing or not the one archived
   */
  public Contents contents(WorkflowExecution row) {
    ArchivedObject.Restored restored = restored(row);
    return new Contents(
        restored.execution().getTasks(), restored.execution().getLabels(), restored.links());
  }

  private ArchivedObject.Restored restored(WorkflowExecution row) {
    return ArchivedObject.decode(row.getId(), archive.read(row.getId(), row.archiveSha256()))
        .restore();
  }

  private static ChainVerification broken(long links, String head, String problem) {
    return new ChainVerification(
        false, links, head, new ChainVerification.Broken(ARCHIVE_KIND, 0, problem));
  }
}
