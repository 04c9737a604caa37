package org.workflowengine.persistence.store.write;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.workflowengine.persistence.snapshot.SnapshotContent;
import org.workflowengine.persistence.store.error.SnapshotTooLargeException;

/**
 * The largest snapshot the store accepts, {@value #PROPERTY} (default 4 MiB of canonical JSON), for
 * every way one comes in: a create or replacement, and an import.
 */
@ApplicationScoped
public class SnapshotLimit {

  public static final String PROPERTY = "executions.snapshot.max-bytes";

  @Inject
  @ConfigProperty(name = PROPERTY, defaultValue = "4194304")
  long maxBytes;

  /**
   * Refuses {@code snapshot} when it is larger than the limit.
   *
   * @throws SnapshotTooLargeException if it is
   */
  public void check(SnapshotContent snapshot) {
    if (snapshot.sizeBytes() > maxBytes) {
      throw new SnapshotTooLargeException(snapshot.sizeBytes(), maxBytes);
    }
  }
}
