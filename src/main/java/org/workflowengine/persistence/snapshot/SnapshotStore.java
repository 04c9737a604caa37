package org.workflowengine.persistence.snapshot;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.Optional;
import org.workflowengine.persistence.database.SqlStates;

/**
 * Stores each distinct workflow definition once, whoever saves it first.
 *
 * <p>A new snapshot is inserted in a transaction of its own, and the table's primary key (the
 * content hash) decides between concurrent first saves, whether they come from threads of one
 * server or from several servers on one database: the losers see the key violation, know the row is
 * there, and go on. Because that insert commits on its own, a caller whose transaction later rolls
 * back may leave an unreferenced snapshot row behind; it holds no execution data and is identical
 * to what the next save of that definition would write.
 */
@Stateless
public class SnapshotStore {

  @PersistenceContext(unitName = "executions")
  EntityManager em;

  @Resource SessionContext context;

  /** Makes sure {@code snapshot} is stored and returns its hash. */
  public String store(SnapshotContent snapshot) {
    // Existence only: reading the stored content back would cost a CLOB read and a parse.
    if (!exists(snapshot.hash())) {
      insertIfAbsent(snapshot);
    }
    return snapshot.hash();
  }

  /**
   * Stores {@code snapshot} unless it is stored already, committing it on its own (see {@link
   * #insert}); for a writer that found it missing without {@link #exists}.
   */
  public void insertIfAbsent(SnapshotContent snapshot) {
    try {
      context.getBusinessObject(SnapshotStore.class).insert(snapshot);
    } catch (SnapshotAlreadyStoredException e) {
      // Another transaction stored the same content first: exactly what we wanted.
    }
  }

  /** Whether a snapshot with this hash is stored, without reading it. */
  public boolean exists(String hash) {
    return em.createQuery(
                "SELECT COUNT(s) FROM WorkflowSnapshot s WHERE s.hash = :hash", Long.class)
            .setParameter("hash", hash)
            .getSingleResult()
        > 0;
  }

  /** The snapshot with this hash, if stored. */
  public Optional<JsonObject> find(String hash) {
    WorkflowSnapshot snapshot = em.find(WorkflowSnapshot.class, hash);
    return snapshot == null ? Optional.empty() : Optional.of(snapshot.getContent());
  }

  /** Inserts a new snapshot and commits it, independently of the caller's transaction. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void insert(SnapshotContent snapshot) {
    try {
      em.persist(new WorkflowSnapshot(snapshot));
      em.flush();
    } catch (PersistenceException e) {
      if (SqlStates.isUniqueViolation(e)) {
        throw new SnapshotAlreadyStoredException();
      }
      throw e;
    }
  }
}
