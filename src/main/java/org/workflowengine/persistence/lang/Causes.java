package org.workflowengine.persistence.lang;

import java.util.stream.Stream;

/**
 * The one walk along an exception's cause chain, for everything that looks into a failure for its
 * reason (the database's SQLSTATE, a JSON binding problem, the root message): servers and providers
 * wrap exceptions several levels deep, sometimes in a chain that ends in itself.
 */
public final class Causes {

  private Causes() {}

  /** {@code failure}, then its cause, and so on; empty for null. Stops where a cause repeats. */
  public static Stream<Throwable> of(Throwable failure) {
    return Stream.iterate(failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
  }

  /** The innermost cause of {@code failure}. */
  public static Throwable root(Throwable failure) {
    return of(failure).reduce((outer, inner) -> inner).orElse(failure);
  }
}
