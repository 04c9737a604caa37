package org.workflowengine.persistence.store.archive;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.workflowengine.persistence.metrics.StoreMetrics;
import org.workflowengine.persistence.store.error.ArchiveDamagedException;
import org.workflowengine.persistence.store.error.ArchiveUnavailableException;

/**
 * The archive as configured: {@value ArchiveLocation#PROPERTY} (absent: no archive, and purges
 * delete), and for S3 {@value S3Storage#ENDPOINT}, {@value S3Storage#REGION}, {@value
 * S3Storage#PATH_STYLE}. Objects are keyed by execution id: {@code executions/<first two hex digits
 * of SHA-256(id)>/<id>.ndjson.gz} (ids are letters, digits and {@code . _ : -}, safe as file names
 * and keys; the two digits spread them over 256 folders).
 */
@ApplicationScoped
public class Archive {

  @Inject StoreMetrics metrics;

  @Inject
  @ConfigProperty(name = ArchiveLocation.PROPERTY)
  Optional<String> locationSetting;

  @Inject
  @ConfigProperty(name = S3Storage.ENDPOINT)
  Optional<String> endpoint;

  @Inject
  @ConfigProperty(name = S3Storage.REGION)
  Optional<String> region;

  @Inject
  @ConfigProperty(name = S3Storage.PATH_STYLE, defaultValue = "false")
  boolean pathStyle;

  private Optional<ArchiveLocation> location;
  private ArchiveStorage storage;

  @PostConstruct
  void open() {
    location = ArchiveLocation.parse(locationSetting.orElse(null));
    storage =
        location
            .map(
                where ->
                    where.isS3()
                        ? (ArchiveStorage) new S3Storage(where, endpoint, region, pathStyle)
                        : new FileStorage(where.directory()))
            .orElse(null);
  }

  @PreDestroy
  void close() {
    if (storage != null) {
      storage.close();
    }
  }

  /** Whether an archive is configured: purges then move executions into it. */
  public boolean configured() {
    return storage != null;
  }

  /** Where it is, for messages; empty when none is configured. */
  public Optional<ArchiveLocation> location() {
    return location;
  }

  /** Checks at start-up that the archive can be used; see {@link ArchiveStorage#check}. */
  public void check() {
    if (storage != null) {
      storage.check();
    }
  }

  /** The key of execution {@code id}'s object. */
  static String key(String id) {
    String hash = ArchivedObject.sha256(id.getBytes(StandardCharsets.UTF_8));
    return "executions/" + hash.substring(0, 2) + "/" + id + ".ndjson.gz";
  }

  /**
   * Stores execution {@code id}'s object and reads it back: returns its SHA-256 only once the
   * archive holds exactly these bytes.
   *
   * @throws ArchiveUnavailableException if it cannot be written, or does not read back as written
   */
  public String write(String id, byte[] object) {
    try {
      return writeAndCheck(id, object);
    } catch (ArchiveUnavailableException e) {
      metrics.archiveFailed("write");
      throw e;
    }
  }

  private String writeAndCheck(String id, byte[] object) {
    String key = key(id);
    requireConfigured();
    storage.put(key, object);
    byte[] back =
        storage
            .get(key)
            .orElseThrow(
                () ->
                    new ArchiveUnavailableException(
                        "The archive " + location.get() + " lost " + key + " just written"));
    if (!Arrays.equals(object, back)) {
      throw new ArchiveUnavailableException(
          "The archive " + location.get() + " does not read " + key + " back as written");
    }
    return ArchivedObject.sha256(back);
  }

  /**
   * Execution {@code id}'s object, if it is the one archived (SHA-256 {@code sha256}).
   *
   * @throws ArchiveDamagedException if it is missing or has other bytes
   * @throws ArchiveUnavailableException if the archive cannot be read
   */
  public byte[] read(String id, String sha256) {
    byte[] bytes = readAsStored(id);
    if (!ArchivedObject.sha256(bytes).equals(sha256)) {
      metrics.archiveFailed("read");
      throw new ArchiveDamagedException(
          id,
          "has changed since it was archived (its SHA-256 is not the one the database kept): it is"
              + " not served; GET …/verify says what its chain holds");
    }
    return bytes;
  }

  /** Execution {@code id}'s object as the archive has it, checked against nothing. */
  public byte[] readAsStored(String id) {
    try {
      requireConfigured();
      return storage
          .get(key(id))
          .orElseThrow(() -> new ArchiveDamagedException(id, "is missing from " + location.get()));
    } catch (ArchiveUnavailableException | ArchiveDamagedException e) {
      metrics.archiveFailed("read");
      throw e;
    }
  }

  /** Removes execution {@code id}'s object, if any. */
  public void delete(String id) {
    try {
      requireConfigured();
      storage.delete(key(id));
    } catch (ArchiveUnavailableException e) {
      metrics.archiveFailed("delete");
      throw e;
    }
  }

  private void requireConfigured() {
    if (storage == null) {
      throw new ArchiveUnavailableException(
          "No archive is configured (" + ArchiveLocation.PROPERTY + "), yet one was needed");
    }
  }
}
