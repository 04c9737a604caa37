package org.workflowengine.persistence.snapshot;

import jakarta.ejb.ApplicationException;

/**
 * Internal signal of {@link SnapshotStore#insert}: a concurrent transaction stored the same
 * snapshot first. An application exception so that the container rolls the insert back quietly
 * instead of logging a system failure.
 */
@ApplicationException(rollback = true)
public class SnapshotAlreadyStoredException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SnapshotAlreadyStoredException() {
    super("The snapshot was stored by a concurrent transaction", null, false, false);
  }
}
