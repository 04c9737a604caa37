package org.workflowengine.persistence.store.error;

/**
 * An archived execution's object is missing, or is not what was archived (its SHA-256 differs from
 * the one the database kept, or it does not parse): it is not served. {@code verify} still answers,
 * reporting the execution's chain as not valid.
 */
public class ArchiveDamagedException extends ExecutionStoreException {

  private static final long serialVersionUID = 1L;

  public ArchiveDamagedException(String executionId, String problem) {
    super("The archived object of execution " + executionId + " " + problem);
  }
}
