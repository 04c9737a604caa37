package org.workflowengine.persistence.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The input rules shared by request bodies and import lines, and the NDJSON line reader. */
class JsonInputTest {

  @Test
  void anUnpairedSurrogateIsRefusedWithThePlaceItIsAt() {
    assertThatThrownBy(
            () ->
                JsonInput.checkObject(
                    "{\"workflow_snapshot\": {\"tasks\": [\"ok\", \"\\ud800x\"]}}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("/workflow_snapshot/tasks/1")
        .hasMessageContaining("unpaired surrogate \\ud800");
    assertThatThrownBy(() -> JsonInput.checkObject("{\"a\": {\"\\udc00\": 1}}"))
        .hasMessageContaining("key")
        .hasMessageContaining("/a");
    // A proper pair is text like any other.
    JsonInput.checkObject("{\"a\": \"\\ud83d\\ude00\", \"b\": \"\uD83D\uDE00\"}");
  }

  @Test
  void theOtherRulesNameWhatIsWrong() {
    assertThatThrownBy(() -> JsonInput.checkObject("[1]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> JsonInput.checkObject("{} {}")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> JsonInput.checkObject("{\"a\": 1, \"a\": 2}"))
        .hasMessageContaining("\"a\" twice");
    assertThatThrownBy(() -> JsonInput.checkObject("{\"n\": 1e99999999999}"))
        .hasMessageContaining("/n")
        .hasMessageContaining("exponent");
    assertThatThrownBy(() -> JsonInput.checkObject(" ")).hasMessageContaining("empty");
    assertThatThrownBy(() -> JsonInput.decode(new byte[] {'{', (byte) 0xC3, '(', '}'}))
        .hasMessageContaining("UTF-8");
  }

  @Test
  void nestingIsCountedWithoutRecursionSoAHundredThousandLevelsAreRefusedQuietly() {
    String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

    assertThatThrownBy(() -> JsonInput.checkObject(deep))
        .hasMessageContaining("deeper than 500")
        .hasMessageContaining("/a/a/a");
  }

  @Test
  void linesAreReadAsBytesDecodedStrictlyAndBoundedInLength() throws Exception {
    ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
    ndjson.write("{\"a\": 1}\r\n".getBytes(StandardCharsets.UTF_8));
    ndjson.write(new byte[] {'{', '"', (byte) 0xFF, '"', '}', '\n'});
    ndjson.write(("{\"long\": \"" + "x".repeat(100) + "\"}\n").getBytes(StandardCharsets.UTF_8));
    ndjson.write("\n{\"last\": \"é\"}".getBytes(StandardCharsets.UTF_8));

    try (JsonLines lines = new JsonLines(new ByteArrayInputStream(ndjson.toByteArray()), 64)) {
      assertThat(lines.next()).isEqualTo(new JsonLines.Line(1, "{\"a\": 1}", null));
      assertThat(lines.next()).isEqualTo(new JsonLines.Line(2, null, "is not valid UTF-8"));
      assertThat(lines.next()).isEqualTo(new JsonLines.Line(3, null, "is longer than 64 bytes"));
      assertThat(lines.next().isBlank()).isTrue();
      assertThat(lines.next()).isEqualTo(new JsonLines.Line(5, "{\"last\": \"é\"}", null));
      assertThat(lines.next()).isNull();
    }
  }

  @Test
  void storableTextHasNoUnpairedSurrogateAndNoNul() {
    assertThat(UnicodeText.isStorable("plain \uD83D\uDE00 text")).isTrue();
    assertThat(UnicodeText.isStorable("a\uD800")).isFalse();
    assertThat(UnicodeText.isStorable("\uDC00a")).isFalse();
    assertThat(UnicodeText.isStorable("a\u0000b")).isFalse();
    assertThat(UnicodeText.isWellFormed("a\u0000b")).isTrue();
    assertThat(UnicodeText.problemOf("ab\uD800")).contains("\\ud800 at character 2");
  }
}
