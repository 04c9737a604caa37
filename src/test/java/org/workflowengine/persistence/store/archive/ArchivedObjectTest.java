package org.workflowengine.persistence.store.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.store.error.ArchiveDamagedException;

class ArchivedObjectTest {

  private static final JsonObject SNAPSHOT_LINE =
      Json.createObjectBuilder()
          .add("type", "snapshot")
          .add("hash", "0".repeat(64))
          .add("snapshot", Json.createObjectBuilder().add("tasks", Json.createArrayBuilder()))
          .build();

  private static final JsonObject EXECUTION_LINE =
      Json.createObjectBuilder().add("type", "execution").add("id", "run-1").build();

  @Test
  void itIsTheTwoLinesGzipped() {
    ArchivedObject object = new ArchivedObject(SNAPSHOT_LINE, EXECUTION_LINE);
    ArchivedObject back = ArchivedObject.decode("run-1", object.encode());
    assertThat(back).isEqualTo(object);
  }

  @Test
  void anythingElseIsDamagedNamingTheExecution() throws IOException {
    assertThatThrownBy(() -> ArchivedObject.decode("run-1", "plain".getBytes()))
        .isInstanceOf(ArchiveDamagedException.class)
        .hasMessageContaining("run-1")
        .hasMessageContaining("gzip");
    assertThatThrownBy(() -> ArchivedObject.decode("run-1", gzip(SNAPSHOT_LINE + "\n")))
        .isInstanceOf(ArchiveDamagedException.class)
        .hasMessageContaining("1 lines");
    assertThatThrownBy(
            () -> ArchivedObject.decode("run-2", gzip(SNAPSHOT_LINE + "\n" + EXECUTION_LINE)))
        .as("another execution's object")
        .isInstanceOf(ArchiveDamagedException.class);
    assertThatThrownBy(() -> ArchivedObject.decode("run-1", gzip("{\"type\":\n{}")))
        .isInstanceOf(ArchiveDamagedException.class);
  }

  @Test
  void keysSpreadIdsOverTwoHexDigits() {
    assertThat(Archive.key("run-1")).matches("executions/[0-9a-f]{2}/run-1\\.ndjson\\.gz");
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
