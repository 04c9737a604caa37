package org.workflowengine.persistence.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.workflowengine.persistence.json.CanonicalJson;
import org.workflowengine.persistence.json.JsonInput;

/**
 * The canonical form and hash over generated JSON values — strings over the whole Unicode range
 * (supplementary planes, controls, quotes and escapes), numbers at the edges of {@code BigDecimal}
 * (huge and tiny exponents, many digits, {@code -0}, trailing zeros) and nesting near the input
 * limit: the canonical text is the same exactly when the values are the same, it parses back to an
 * equal value, and text that is not valid Unicode is refused, never replaced.
 */
class CanonicalJsonPropertyTest {

  @Property(tries = 400)
  void theCanonicalTextParsesBackToAnEqualValue(@ForAll("objects") JsonObject value) {
    String canonical = CanonicalJson.of(value);

    JsonObject back = parse(canonical);

    assertThat(back).isEqualTo(value);
    assertThat(CanonicalJson.of(back)).isEqualTo(canonical);
    // The text passes the input rules, as every stored snapshot must.
    JsonInput.checkObject(canonical);
  }

  @Property(tries = 400)
  void equalValuesBuiltInAnyKeyOrderHaveOneCanonicalTextAndHash(
      @ForAll("objects") JsonObject value, @ForAll long seed) {
    JsonObject shuffled = (JsonObject) reorder(value, new Random(seed));

    assertThat(shuffled).isEqualTo(value);
    assertThat(SnapshotContent.of(shuffled).hash()).isEqualTo(SnapshotContent.of(value).hash());
  }

  @Property(tries = 400)
  void differentValuesHaveDifferentCanonicalTextsAndHashes(
      @ForAll("objects") JsonObject a, @ForAll("objects") JsonObject b) {
    SnapshotContent first = SnapshotContent.of(a);
    SnapshotContent second = SnapshotContent.of(b);

    assertThat(first.canonicalText().equals(second.canonicalText())).isEqualTo(a.equals(b));
    assertThat(first.hash().equals(second.hash())).isEqualTo(a.equals(b));
  }

  @Property(tries = 300)
  void aChangeOfOneValueChangesTheHash(
      @ForAll("objects") JsonObject value, @ForAll("scalars") JsonValue other) {
    JsonObject changed = Json.createObjectBuilder(value).add("\uD83D\uDE00key", other).build();
    JsonObject alsoChanged =
        Json.createObjectBuilder(value).add("\uD83D\uDE00key", JsonValue.TRUE).build();

    assertThat(SnapshotContent.of(changed).hash().equals(SnapshotContent.of(alsoChanged).hash()))
        .isEqualTo(changed.equals(alsoChanged));
  }

  @Property(tries = 300)
  void textThatIsNotValidUnicodeIsRefusedNeverReplaced(
      @ForAll("objects") JsonObject value,
      @ForAll("unpairedSurrogates") String broken,
      @ForAll boolean inKey) {
    JsonObject withBroken =
        inKey
            ? Json.createObjectBuilder(value).add(broken, 1).build()
            : Json.createObjectBuilder(value).add("k", broken).build();

    assertThatThrownBy(() -> SnapshotContent.of(withBroken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate");
    String asJson = "{\"k\": \"" + escape(broken) + "\"}";
    assertThatThrownBy(() -> JsonInput.checkObject(asJson))
        .hasMessageContaining("/k")
        .hasMessageContaining("unpaired surrogate");
  }

  @Property(tries = 100)
  void aNumberWhoseTextCannotBeReadBackIsRefused(
      @ForAll("objects") JsonObject value, @ForAll long unscaled) {
    // At least two digits: the exponent of its text, 1.x E+(2^31 - 1 + digits - 1), exceeds an int.
    BigDecimal beyond =
        new BigDecimal(
            BigInteger.valueOf(10 + Math.floorMod(unscaled, 1_000_000_000L)), -Integer.MAX_VALUE);
    JsonObject withBeyond = Json.createObjectBuilder(value).add("n", beyond).build();

    assertThat(JsonInput.isRepresentable(beyond)).isFalse();
    assertThatThrownBy(() -> SnapshotContent.of(withBeyond))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exponent");
    assertThatThrownBy(() -> JsonInput.checkObject("{\"n\": 1e" + Long.MAX_VALUE + "}"))
        .hasMessageContaining("/n")
        .hasMessageContaining("exponent is out of range");
  }

  @Property(tries = 50)
  void nestingUpToTheLimitIsKeptAndBeyondItIsRefused(@ForAll("depths") int depth) {
    String text = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);

    if (depth <= JsonInput.MAX_DEPTH) {
      JsonInput.checkObject(text);
      JsonObject value = parse(text);
      assertThat(parse(CanonicalJson.of(value))).isEqualTo(value);
    } else {
      assertThatThrownBy(() -> JsonInput.checkObject(text)).hasMessageContaining("nests deeper");
    }
  }

  // ---------------------------------------------------------------- generators

  @Provide
  Arbitrary<JsonObject> objects() {
    return value(3).map(v -> Json.createObjectBuilder().add("root", v).build());
  }

  @Provide
  Arbitrary<JsonValue> scalars() {
    return Arbitraries.oneOf(
        strings().map(Json::createValue),
        numbers().map(Json::createValue),
        Arbitraries.of(JsonValue.TRUE, JsonValue.FALSE, JsonValue.NULL));
  }

  @Provide
  Arbitrary<String> unpairedSurrogates() {
    Arbitrary<Character> high = Arbitraries.chars().range('\uD800', '\uDBFF');
    Arbitrary<Character> low = Arbitraries.chars().range('\uDC00', '\uDFFF');
    Arbitrary<String> around = Arbitraries.strings().alpha().ofMaxLength(4);
    return Combinators.combine(around, Arbitraries.oneOf(high, low), around)
        .as((before, surrogate, after) -> before + surrogate + after);
  }

  @Provide
  Arbitrary<Integer> depths() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(JsonInput.MAX_DEPTH - 5, JsonInput.MAX_DEPTH + 5),
        Arbitraries.integers().between(1, 30));
  }

  private Arbitrary<JsonValue> value(int depth) {
    if (depth == 0) {
      return scalars();
    }
    Arbitrary<JsonValue> array =
        value(depth - 1)
            .list()
            .ofMaxSize(4)
            .map(
                elements -> {
                  JsonArrayBuilder builder = Json.createArrayBuilder();
                  elements.forEach(builder::add);
                  return builder.build();
                });
    Arbitrary<JsonValue> object =
        Combinators.combine(strings(), value(depth - 1))
            .as(Tuple::of)
            .list()
            .ofMaxSize(4)
            .map(
                members -> {
                  JsonObjectBuilder builder = Json.createObjectBuilder();
                  members.forEach(m -> builder.add(m.get1(), m.get2()));
                  return builder.build();
                });
    return Arbitraries.frequencyOf(Tuple.of(3, scalars()), Tuple.of(1, array), Tuple.of(1, object));
  }

  /** Well-formed strings over the whole range of code points, with the awkward ones favoured. */
  private static Arbitrary<String> strings() {
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.integers().between(0x20, 0x7e)),
            Tuple.of(2, Arbitraries.integers().between(0, 0x1f)),
            Tuple.of(2, Arbitraries.of(0x22, 0x5c, 0x2f, 0x7f, 0x2028, 0x2029, 0xfeff, 0xfffd)),
            Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
            Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
            Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
    return codePoint
        .list()
        .ofMaxSize(8)
        .map(
            points -> {
              StringBuilder text = new StringBuilder();
              points.forEach(text::appendCodePoint);
              return text.toString();
            });
  }

  private static Arbitrary<BigDecimal> numbers() {
    Arbitrary<BigInteger> unscaled =
        Arbitraries.oneOf(
            Arbitraries.longs().map(BigInteger::valueOf),
            Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)),
            Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate()));
    Arbitrary<Integer> scale =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-20, 20),
            Arbitraries.of(
                Integer.MAX_VALUE, Integer.MIN_VALUE + 1, 999_999_999, -999_999_999, 1, 0));
    return Combinators.combine(unscaled, scale)
        .as(BigDecimal::new)
        .filter(JsonInput::isRepresentable);
  }

  // ---------------------------------------------------------------- helpers

  private static JsonValue reorder(JsonValue value, Random random) {
    switch (value.getValueType()) {
      case OBJECT -> {
        List<Map.Entry<String, JsonValue>> members =
            new ArrayList<>(((JsonObject) value).entrySet());
        Collections.shuffle(members, random);
        JsonObjectBuilder builder = Json.createObjectBuilder();
        members.forEach(m -> builder.add(m.getKey(), reorder(m.getValue(), random)));
        return builder.build();
      }
      case ARRAY -> {
        JsonArrayBuilder builder = Json.createArrayBuilder();
        value.asJsonArray().forEach(element -> builder.add(reorder(element, random)));
        return builder.build();
      }
      default -> {
        return value;
      }
    }
  }

  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : text.toCharArray()) {
      escaped.append(String.format("\\u%04x", (int) c));
    }
    return escaped.toString();
  }

  private static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }
}
