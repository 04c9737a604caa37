package org.workflowengine.persistence.store.archive;

import java.util.Optional;

/**
 * Where archived objects are kept, by key ({@code executions/ab/<id>.ndjson.gz}). Every failure to
 * reach it is an {@code ArchiveUnavailableException}.
 */
interface ArchiveStorage extends AutoCloseable {

  /** Stores {@code bytes} under {@code key}, replacing what was there, whole or not at all. */
  void put(String key, byte[] bytes);

  /** The object stored under {@code key}; empty when there is none. */
  Optional<byte[]> get(String key);

  /** Removes the object under {@code key}, if any. */
  void delete(String key);

  /**
   * Checks at start-up that the archive can be used (a directory that exists or can be made and
   * written, a bucket that exists and answers).
   *
   * @throws IllegalStateException saying what is wrong, naming the setting
   */
  void check();

  @Override
  void close();
}
