package org.workflowengine.persistence.store.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.workflowengine.persistence.store.error.ArchiveUnavailableException;

/**
 * An archive in a directory: each object a file, written to a temporary file beside it, forced to
 * the disk and then moved into place in one step, so that a crash leaves either the old object or
 * the new one, never part of one.
 */
final class FileStorage implements ArchiveStorage {

  private final Path root;

  FileStorage(Path root) {
    this.root = root;
  }

  @Override
  public void put(String key, byte[] bytes) {
    Path target = root.resolve(key);
    try {
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), ".put-", ".tmp");
      try {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
          channel.write(java.nio.ByteBuffer.wrap(bytes));
          channel.force(true);
        }
        try {
          Files.move(
              temporary,
              target,
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new ArchiveUnavailableException(
          "The archive could not write " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    Path source = root.resolve(key);
    try {
      return Optional.of(Files.readAllBytes(source));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ArchiveUnavailableException(
          "The archive could not read " + source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(String key) {
    Path target = root.resolve(key);
    try {
      Files.deleteIfExists(target);
    } catch (IOException e) {
      throw new ArchiveUnavailableException(
          "The archive could not delete " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void check() {
    try {
      Files.createDirectories(root);
      Path probe = Files.createTempFile(root, ".check-", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new IllegalStateException(
          ArchiveLocation.PROPERTY
              + "=file:"
              + root
              + ": the directory cannot be made or written: "
              + e,
          e);
    }
  }

  @Override
  public void close() {}
}
