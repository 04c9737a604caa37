package org.workflowengine.persistence.snapshot;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The definitions this instance registered or ran by reference lately, by hash: an execution
 * created by reference answers with its definition without reading it back. Snapshots never change
 * under a hash, so an entry is never stale; least recently used ones go beyond {@value
 * #MAX_ENTRIES} entries or {@value #MAX_BYTES} bytes of canonical text.
 */
@ApplicationScoped
public class SnapshotCache {

  static final int MAX_ENTRIES = 256;
  static final long MAX_BYTES = 32L * 1024 * 1024;

  private record Entry(JsonObject json, long bytes) {}

  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  /** Keeps {@code snapshot} (its hash and definition). */
  public synchronized void put(SnapshotContent snapshot) {
    put(snapshot.hash(), snapshot.json(), snapshot.sizeBytes());
  }

  /** Keeps the definition {@code json} stored under {@code hash}, {@code size} bytes canonical. */
  public synchronized void put(String hash, JsonObject json, long size) {
    if (size > MAX_BYTES / 4) {
      return;
    }
    Entry before = entries.put(hash, new Entry(json, size));
    bytes += size - (before == null ? 0 : before.bytes());
    var eldest = entries.entrySet().iterator();
    while ((entries.size() > MAX_ENTRIES || bytes > MAX_BYTES) && eldest.hasNext()) {
      Map.Entry<String, Entry> gone = eldest.next();
      bytes -= gone.getValue().bytes();
      eldest.remove();
    }
  }

  /** The definition stored under {@code hash}, if kept here. */
  public synchronized Optional<JsonObject> get(String hash) {
    Entry entry = entries.get(hash);
    return entry == null ? Optional.empty() : Optional.of(entry.json());
  }
}
