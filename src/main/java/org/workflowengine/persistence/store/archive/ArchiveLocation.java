package org.workflowengine.persistence.store.archive;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where archived executions go, as {@value #PROPERTY} names it: {@code file:/some/dir} (an absolute
 * directory, {@code file:} followed by a path; a relative path is taken from the working directory)
 * or {@code s3://bucket/prefix} (the prefix may be empty).
 *
 * @param directory the directory, for {@code file:}; null for S3
 * @param bucket the bucket, for {@code s3:}; null for a directory
 * @param prefix the key prefix within the bucket, empty or ending in {@code /}
 */
public record ArchiveLocation(Path directory, String bucket, String prefix) {

  public static final String PROPERTY = "executions.archive.location";

  /**
   * The location {@code setting} names; empty when it is absent or blank (no archive).
   *
   * @throws IllegalArgumentException naming {@value #PROPERTY} and what is wrong with it
   */
  public static Optional<ArchiveLocation> parse(String setting) {
    if (setting == null || setting.isBlank()) {
      return Optional.empty();
    }
    String text = setting.strip();
    if (text.startsWith("file:")) {
      String path = text.substring("file:".length());
      if (path.startsWith("//")) {
        // file:///dir (an empty authority) is the same directory as file:/dir.
        try {
          URI uri = new URI(text);
          if (uri.getAuthority() != null) {
            throw invalid(setting, "a file: location names no host (file:/dir or file:///dir)");
          }
          path = uri.getPath();
        } catch (URISyntaxException e) {
          throw invalid(setting, "is not a valid file: URI (" + e.getMessage() + ")");
        }
      }
      if (path.isBlank()) {
        throw invalid(setting, "a file: location needs a directory, e.g. file:/var/lib/archive");
      }
      return Optional.of(
          new ArchiveLocation(Path.of(path).toAbsolutePath().normalize(), null, null));
    }
    if (text.startsWith("s3://")) {
      String rest = text.substring("s3://".length());
      int slash = rest.indexOf('/');
      String bucket = slash < 0 ? rest : rest.substring(0, slash);
      String prefix = slash < 0 ? "" : rest.substring(slash + 1);
      if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        throw invalid(
            setting,
            "the bucket \""
                + bucket
                + "\" is not a valid S3 bucket name (3 to 63 lower-case letters, digits, . and -)");
      }
      if (prefix.startsWith("/") || prefix.contains("//")) {
        throw invalid(setting, "the key prefix \"" + prefix + "\" has an empty segment");
      }
      if (!prefix.isEmpty() && !prefix.endsWith("/")) {
        prefix += "/";
      }
      return Optional.of(new ArchiveLocation(null, bucket, prefix));
    }
    throw invalid(setting, "must start with file: or s3://");
  }

  /** Whether the archive is a bucket (else a directory). */
  public boolean isS3() {
    return bucket != null;
  }

  @Override
  public String toString() {
    return isS3() ? "s3://" + bucket + "/" + prefix : "file:" + directory;
  }

  private static IllegalArgumentException invalid(String setting, String problem) {
    return new IllegalArgumentException(PROPERTY + "=" + setting + ": " + problem);
  }
}
