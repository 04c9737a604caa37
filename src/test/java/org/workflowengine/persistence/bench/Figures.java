package org.workflowengine.persistence.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Measured figures: statistics over samples, and their files under {@code target/bench/}. */
final class Figures {

  static final Path DIRECTORY = Path.of("target", "bench");

  private final Map<String, Double> values = new LinkedHashMap<>();

  Figures put(String name, double value) {
    values.put(name, value);
    return this;
  }

  /** Prints every figure, one a line, under {@code title}. */
  void print(String title) {
    System.out.println("=== " + title + " ===");
    values.forEach((name, value) -> System.out.printf("%-45s %,.2f%n", name, value));
  }

  /** Writes {@code target/bench/<part>.json}. */
  void write(String part) throws IOException {
    Files.createDirectories(DIRECTORY);
    JsonObjectBuilder json = Json.createObjectBuilder();
    values.forEach(json::add);
    Files.writeString(
        DIRECTORY.resolve(part + ".json"), json.build().toString(), StandardCharsets.UTF_8);
  }

  static JsonObject read(String part) throws IOException {
    Path file = DIRECTORY.resolve(part + ".json");
    if (!Files.exists(file)) {
      return JsonObject.EMPTY_JSON_OBJECT;
    }
    return Json.createReader(new StringReader(Files.readString(file))).readObject();
  }

  static double median(List<Double> samples) {
    return percentile(samples, 50);
  }

  static double percentile(List<Double> samples, double percent) {
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}
