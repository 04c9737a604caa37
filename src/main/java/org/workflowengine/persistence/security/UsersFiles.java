package org.workflowengine.persistence.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Writes users files: whole or not at all, readable by their owner only. */
final class UsersFiles {

  private UsersFiles() {}

  /** The lines of {@code file}, or a new file's header if there is none yet. */
  static List<String> linesOf(Path file) throws IOException {
    return Files.exists(file)
        ? Files.readAllLines(file, StandardCharsets.UTF_8)
        : UserDirectory.header();
  }

  /**
   * Replaces {@code file} with {@code lines}, after checking they parse: a temporary file beside
   * it, then an atomic rename, so the server never reads half a file.
   */
  static void write(Path file, List<String> lines) throws IOException {
    UserDirectory.parse(lines, file.toString());
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), ".users-", ".tmp");
    try {
      ownerOnly(temporary);
      Files.write(temporary, lines, StandardCharsets.UTF_8);
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Like {@link #write}, but only if {@code file} does not exist yet. */
  static boolean create(Path file, List<String> lines) throws IOException {
    UserDirectory.parse(lines, file.toString());
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    try {
      Files.createFile(target);
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    ownerOnly(target);
    Files.write(target, lines, StandardCharsets.UTF_8);
    return true;
  }

  private static void ownerOnly(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
