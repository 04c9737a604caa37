package org.workflowengine.persistence.store.lines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.chain.ChainLink;
import org.workflowengine.persistence.chain.LinkRows;
import org.workflowengine.persistence.chain.StoredLink;
import org.workflowengine.persistence.json.JsonFormats;
import org.workflowengine.persistence.model.AuditEntry;
import org.workflowengine.persistence.model.WorkflowExecution;
import org.workflowengine.persistence.model.WorkflowStatus;

/**
 * What an import accepts of an export line's chain: a line as exported, and not one whose links
 * were changed — nor one whose links were recomputed around values the store would never have
 * written (which would fail, or be stored differently, only when inserted).
 */
class ImportedChainTest {

  private static final Instant AT = Instant.parse("2026-12-01T10:00:00.123456Z");
  private static final String SNAPSHOT = "a".repeat(64);

  /** An export line of execution {@code run-1}: its record, an audit entry, two log lines. */
  private static JsonObject line(String recordedBy, String status) {
    WorkflowExecution execution = new WorkflowExecution();
    execution.setId("run-1");
    execution.setWorkflowName("nightly");
    execution.attachSnapshot(JsonObject.EMPTY_JSON_OBJECT, SNAPSHOT);
    execution.setStatus(WorkflowStatus.RUNNING);
    execution.setCreatedAt(AT);
    execution.setTimestamp(AT);
    AuditEntry entry = new AuditEntry("engine", "started", null);
    entry.setTimestamp(AT);
    execution.setAuditTrail(List.of(entry));
    execution.setPerTaskLogs(Map.of("t1", List.of("one", "two")));

    List<ChainLink> links =
        List.of(
            new ChainLink(
                ChainLink.Kind.STATUS,
                1,
                recordedBy,
                ChainLink.status(status, null, null, SNAPSHOT, "nightly", AT)),
            new ChainLink(
                ChainLink.Kind.AUDIT,
                2,
                recordedBy,
                ChainLink.audit(AT, "engine", "started", null)),
            new ChainLink(ChainLink.Kind.LOG, 3, recordedBy, ChainLink.log("t1", "one", AT)),
            new ChainLink(ChainLink.Kind.LOG, 4, recordedBy, ChainLink.log("t1", "two", AT)));
    List<LinkRows.Row> rows = new ArrayList<>();
    String previous = ChainLink.GENESIS;
    for (ChainLink link : links) {
      previous = link.hash("run-1", previous);
      rows.add(
          new LinkRows.Row(
              "t", "row-" + link.position(), link.position(), new StoredLink(link, previous)));
    }
    JsonObjectBuilder line =
        Json.createObjectBuilder(
                Json.createReader(new StringReader(JsonFormats.JSONB.toJson(execution)))
                    .readObject())
            .add("type", "execution")
            .add("links", ImportedChain.toJson(rows));
    return line.build();
  }

  private static List<StoredLink> imported(JsonObject line) {
    WorkflowExecution execution =
        JsonFormats.JSONB.fromJson(line.toString(), WorkflowExecution.class);
    return ImportedChain.of(line, execution);
  }

  @Test
  void aLineAsExportedIsAcceptedWithItsLinks() {
    List<StoredLink> links = imported(line("alice", "Running"));

    assertThat(links).hasSize(4);
    assertThat(links)
        .extracting(l -> l.link().kind().wireName())
        .containsExactly("status", "audit", "log", "log");
    assertThat(links).extracting(l -> l.link().recordedBy()).containsOnly("alice");
  }

  @Test
  void aChangedLineIsABrokenChain() {
    JsonObject line = line("alice", "Running");
    JsonObject changed =
        Json.createObjectBuilder(line)
            .add(
                "per_task_logs",
                Json.createObjectBuilder()
                    .add("t1", Json.createArrayBuilder().add("one").add("TWO")))
            .build();

    assertThatThrownBy(() -> imported(changed))
        .hasMessageContaining("the chain is broken at link 4 (log)");
  }

  @Test
  void anEntryThatIsNoLinkIsRefused() {
    JsonObject line = line("alice", "Running");
    JsonObject extra =
        Json.createObjectBuilder(line)
            .add(
                "per_task_logs",
                Json.createObjectBuilder()
                    .add("t1", Json.createArrayBuilder().add("one").add("two").add("three")))
            .build();

    assertThatThrownBy(() -> imported(extra))
        .hasMessageContaining("lines from 3 on of task t1's log are not links of the chain");
  }

  @Test
  void valuesTheStoreWouldNeverWriteAreRefusedEvenWithHashesThatFollow() {
    assertThatThrownBy(() -> imported(line("x".repeat(256), "Running")))
        .hasMessageContaining("\"recorded_by\" must be at most 255 characters");
    assertThatThrownBy(() -> imported(line("a\u0000b", "Running")))
        .hasMessageContaining("\"recorded_by\" must be at most 255 characters");
    assertThatThrownBy(() -> imported(line("alice", "running")))
        .hasMessageContaining("\"status\" must be one of");
  }

  @Test
  void theRecordMustBeWhatTheLastStatusLinkSays() {
    JsonObject line = line("alice", "Running");
    JsonObject completed = Json.createObjectBuilder(line).add("status", "Paused").build();

    assertThatThrownBy(() -> imported(completed))
        .hasMessageContaining("is not what the chain's last status link says");
  }
}
