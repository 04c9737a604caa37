package org.workflowengine.persistence.stream;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.workflowengine.persistence.chain.LinkRows;
import org.workflowengine.persistence.chain.StoredLink;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;
import org.workflowengine.persistence.store.DatabaseFailures;
import org.workflowengine.persistence.store.archive.ArchivedReads;
import org.workflowengine.persistence.store.query.ExecutionAssembler;
import org.workflowengine.persistence.store.query.ExecutionCriteria;
import org.workflowengine.persistence.store.query.ExecutionQuery;
import org.workflowengine.persistence.store.query.ExecutionSummary;

/**
 * What the streams read from the store: where a run's chain stands, a range of its links, its task
 * records and labels, and whether it matches a listing's filter. Each is one short read, made once
 * for all the subscribers of a run (or of a filter) by the {@link EventHub}'s dispatcher.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
@Interceptors(DatabaseFailures.class)
public class StreamReads {

  /**
   * Where a run stands: the number of links of its chain (its head's position), its status, and
   * whether it is archived.
   */
  public record Head(long links, WorkflowStatus status, boolean archived) {}

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Resource(lookup = "java:app/jdbc/executions")
  DataSource dataSource;

  @Inject ArchivedReads archived;

  @Inject ExecutionAssembler assembler;

  /** Where run {@code id} stands, or empty if it is not stored. */
  public Optional<Head> head(String id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT chain_links, status, archived_at FROM workflow_execution WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Head(
                row.getLong(1),
                WorkflowStatus.fromWire(row.getString(2)),
                row.getTimestamp(3) != null));
      }
    } catch (SQLException e) {
      throw new PersistenceException("Could not read where run " + id + " stands", e);
    }
  }

  /** Run {@code id}'s links after position {@code after} up to {@code upTo}, in order. */
  public List<StoredLink> links(String id, long after, long upTo) {
    try (Connection connection = dataSource.getConnection()) {
      return LinkRows.links(LinkRows.readRange(connection, id, after, upTo));
    } catch (SQLException e) {
      throw new PersistenceException("Could not read the links of run " + id, e);
    }
  }

  /** Run {@code id}'s task records in the order they were first recorded. */
  public List<TaskExecution> tasks(String id) {
    return assembler.tasks(id);
  }

  /** Run {@code id}'s labels, by key. */
  public Map<String, String> labels(String id) {
    return assembler.labels(id);
  }

  /**
   * Archived run {@code id}'s task records, labels and links, from one read of its object (empty if
   * the run is not stored).
   */
  public Optional<ArchivedReads.Contents> archived(String id) {
    WorkflowExecution row = em.find(WorkflowExecution.class, id);
    return row == null ? Optional.empty() : Optional.of(archived.contents(row));
  }

  /** Run {@code id}'s summary, as a listing shows it, if it matches {@code query}'s filters. */
  public Optional<ExecutionSummary> summaryIfMatching(ExecutionQuery query, String id) {
    ExecutionCriteria criteria = ExecutionCriteria.of(query).with("e.id = :runId", "runId", id);
    List<ExecutionSummary> rows =
        criteria
            .query(em, ExecutionCriteria.SUMMARIES, "", ExecutionSummary.class)
            .setMaxResults(1)
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    assembler.attachLabels(rows);
    return Optional.of(rows.get(0));
  }
}
