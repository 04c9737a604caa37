package org.workflowengine.persistence.store.archive;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.workflowengine.persistence.chain.StoredLink;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.store.error.ArchiveDamagedException;
import org.workflowengine.persistence.store.lines.ExecutionLines;
import org.workflowengine.persistence.store.lines.ImportedChain;

/**
 * An archived execution's object: the export's two lines for it, gzipped NDJSON — its snapshot
 * line, then its execution line with every link of its chain. It is a file {@code POST /api/import}
 * takes as it is (once unzipped), readable with {@code zcat} and any JSON tool, and it holds
 * everything the execution's rows held.
 *
 * @param snapshotLine {@code {"type": "snapshot", "hash": …, "snapshot": {…}}}
 * @param executionLine {@code {"type": "execution", …, "links": […]}}
 */
record ArchivedObject(JsonObject snapshotLine, JsonObject executionLine) {

  /** The object's bytes: both lines, each ended by a newline, gzipped. */
  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write((snapshotLine + "\n" + executionLine + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The object {@code bytes} hold.
   *
   * @throws ArchiveDamagedException if they are not two such lines, gzipped
   */
  static ArchivedObject decode(String executionId, byte[] bytes) {
    String text;
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      text = new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ArchiveDamagedException(executionId, "is not gzip data: " + e.getMessage());
    }
    List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
    try {
      if (lines.size() != 2) {
        throw new ArchiveDamagedException(
            executionId, "holds " + lines.size() + " lines, not a snapshot and an execution");
      }
      JsonObject snapshot = ExecutionLines.parse(lines.get(0));
      JsonObject execution = ExecutionLines.parse(lines.get(1));
      if (!"snapshot".equals(snapshot.getString("type", null))
          || !"execution".equals(execution.getString("type", null))
          || !executionId.equals(execution.getString("id", null))) {
        throw new ArchiveDamagedException(
            executionId, "does not hold this execution's snapshot and execution lines");
      }
      return new ArchivedObject(snapshot, execution);
    } catch (JsonException | IllegalStateException | ClassCastException e) {
      throw new ArchiveDamagedException(executionId, "is not valid JSON: " + e.getMessage());
    }
  }

  /**
   * The execution as its line describes it, with its snapshot, lists as its links hold them; not
   * its version, which the database keeps.
   *
   * @throws ArchiveDamagedException if the line does not bind or its links do not hold together
   */
  Restored restore() {
    String id = executionLine.getString("id");
    try {
      WorkflowExecution execution = ExecutionLines.toExecution(executionLine);
      List<StoredLink> links = ImportedChain.of(executionLine, execution);
      if (links == null) {
        throw new ArchiveDamagedException(id, "has no chain links");
      }
      ExecutionLines.fill(execution, links);
      execution.attachSnapshot(
          snapshotLine.getJsonObject("snapshot"), snapshotLine.getString("hash"));
      return new Restored(execution, links);
    } catch (JsonbException | IllegalArgumentException | ClassCastException e) {
      throw new ArchiveDamagedException(id, "does not describe an execution: " + e.getMessage());
    }
  }

  /** An execution read back from its object, and its chain's links. */
  record Restored(WorkflowExecution execution, List<StoredLink> links) {}

  /** The SHA-256 of {@code bytes}, hex. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform provides SHA-256", e);
    }
  }
}
