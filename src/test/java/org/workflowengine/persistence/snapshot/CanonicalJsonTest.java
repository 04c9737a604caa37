package org.workflowengine.persistence.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.json.CanonicalJson;

/** Canonical form and hash: equal content, equal hash; different content, different hash. */
class CanonicalJsonTest {

  private static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }

  @Test
  void keyOrderAndWhitespaceDoNotChangeTheHash() {
    SnapshotContent one =
        SnapshotContent.of(parse("{\"a\": 1, \"b\": {\"y\": [1, 2], \"x\": null}}"));
    SnapshotContent two =
        SnapshotContent.of(parse("{ \"b\" : { \"x\" : null , \"y\" : [1,2] } , \"a\" : 1 }"));

    assertThat(two.canonicalText()).isEqualTo(one.canonicalText());
    assertThat(two.hash()).isEqualTo(one.hash());
    assertThat(one.canonicalText()).isEqualTo("{\"a\":1,\"b\":{\"x\":null,\"y\":[1,2]}}");
  }

  @Test
  void theHashIsTheSha256OfTheCanonicalUtf8Text() {
    // sha256("{}"), as printed by `printf '{}' | sha256sum`
    assertThat(SnapshotContent.of(JsonObject.EMPTY_JSON_OBJECT).hash())
        .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    assertThat(SnapshotContent.of(JsonObject.EMPTY_JSON_OBJECT).sizeBytes()).isEqualTo(2);
  }

  @Test
  void differentContentGivesADifferentHash() {
    assertThat(SnapshotContent.of(parse("{\"a\": [1, 2]}")).hash())
        .isNotEqualTo(SnapshotContent.of(parse("{\"a\": [2, 1]}")).hash());
    assertThat(SnapshotContent.of(parse("{\"a\": 1.5}")).hash())
        .isNotEqualTo(SnapshotContent.of(parse("{\"a\": 1.50}")).hash());
    assertThat(SnapshotContent.of(parse("{\"a\": \"1\"}")).hash())
        .isNotEqualTo(SnapshotContent.of(parse("{\"a\": 1}")).hash());
  }

  @Test
  void theCanonicalTextParsesBackToAnEqualObject() {
    JsonObject original =
        parse("{\"z\": \"quote \\\" and \\\\ and \\n\", \"a\": [1.50, -0.0, 1e3, {\"k\": true}]}");

    JsonObject back = parse(CanonicalJson.of(original));

    assertThat(back).isEqualTo(original);
    assertThat(CanonicalJson.of(back)).isEqualTo(CanonicalJson.of(original));
  }

  @Test
  void sizeCountsUtf8BytesNotCharacters() {
    assertThat(SnapshotContent.of(parse("{\"k\": \"é\"}")).sizeBytes())
        .isEqualTo("{\"k\":\"é\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isEqualTo(10);
  }
}
