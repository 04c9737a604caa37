package org.workflowengine.persistence.store.error;

/** No snapshot is stored under the requested hash. */
public class SnapshotNotFoundException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  public SnapshotNotFoundException(String hash) {
    super("No snapshot with hash '" + hash + "'");
  }
}
