package org.workflowengine.persistence.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stored workflow definition, by its content address: what {@code ExecutionStore.snapshot}
 * answers once a definition is registered. An execution created with it runs that definition
 * without sending it again, and without the store computing its canonical form and hash again.
 *
 * @param hash hex SHA-256 of the definition's canonical form (64 lower-case hex digits)
 */
public record SnapshotRef(String hash) {

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  /**
   * @throws IllegalArgumentException if {@code hash} is not 64 lower-case hex digits
   */
  public SnapshotRef {
    Objects.requireNonNull(hash, "hash");
    if (!isHash(hash)) {
      throw new IllegalArgumentException(
          "A snapshot hash is 64 lower-case hex digits (SHA-256), not '" + hash + "'");
    }
  }

  /** Whether {@code text} has the form of a snapshot hash. */
  public static boolean isHash(String text) {
    return text != null && HASH.matcher(text).matches();
  }
}
