package org.workflowengine.persistence.batchjobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files the test jobs read and write, as batch jobs do: a batch of order lines {@code
 * "<id>:<price>"} in {@code <batch>.orders} (one of which may be broken until the test fixes it),
 * and what the writer wrote in {@code <batch>.priced}, under the JVM's temporary directory. Files,
 * not memory: on embedded Payara the test and the job may see different copies of a class.
 */
public final class OrderBook {

  private OrderBook() {}

  private static Path file(String batch, String kind) {
    return Path.of(System.getProperty("java.io.tmpdir"), "batch-jobs", batch + "." + kind);
  }

  public static void load(String batch, List<String> lines) {
    try {
      Files.createDirectories(file(batch, "orders").getParent());
      Files.write(file(batch, "orders"), lines, StandardCharsets.UTF_8);
      Files.write(file(batch, "priced"), List.of(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void fix(String batch, int index, String line) {
    List<String> lines = new ArrayList<>(orders(batch));
    lines.set(index, line);
    load(batch, lines);
  }

  static List<String> orders(String batch) {
    try {
      return Files.readAllLines(file(batch, "orders"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void wrote(String batch, List<String> lines) {
    try {
      Files.write(file(batch, "priced"), lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<String> priced(String batch) {
    try {
      return Files.readAllLines(file(batch, "priced"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
