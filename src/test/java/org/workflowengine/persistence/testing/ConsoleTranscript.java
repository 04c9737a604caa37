package org.workflowengine.persistence.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code $ curl …} commands of a Markdown document's {@code console} blocks, each with the
 * output shown under it, so that a test can replay what the document tells a reader to type.
 */
public final class ConsoleTranscript {

  /** One command as typed (continuation lines joined by newlines) and the lines shown after it. */
  public record Step(String command, List<String> output) {

    /** The command's first line: what a failure names. */
    public String title() {
      return command.lines().findFirst().orElse(command);
    }
  }

  private ConsoleTranscript() {}

  /**
   * The {@code curl} steps of the {@code console} blocks between the heading {@code from} and the
   * heading {@code until}, or the end when it is null (headings are whole lines, such as {@code ##
   * API tour}).
   */
  public static List<Step> curlSteps(Path markdown, String from, String until) throws IOException {
    List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
    int start = lines.indexOf(from);
    int end = until == null ? lines.size() : lines.indexOf(until);
    if (start < 0 || end < start) {
      throw new IllegalStateException(markdown + " has no part from " + from + " to " + until);
    }
    List<Step> steps = new ArrayList<>();
    boolean inConsole = false;
    StringBuilder command = null;
    List<String> output = null;
    for (String line : lines.subList(start, end)) {
      if (!inConsole) {
        inConsole = line.strip().equals("```console");
        continue;
      }
      boolean closes = line.strip().equals("```");
      boolean continues = command != null && output.isEmpty() && isOpen(command.toString());
      if (continues && !closes) {
        command.append('\n').append(line);
        continue;
      }
      if (closes || line.startsWith("$ ")) {
        if (command != null && command.toString().startsWith("curl ")) {
          steps.add(new Step(command.toString(), trimmed(output)));
        }
        command = null;
        output = null;
        if (closes) {
          inConsole = false;
        } else {
          command = new StringBuilder(line.substring(2));
          output = new ArrayList<>();
        }
        continue;
      }
      if (output != null) {
        output.add(line);
      }
    }
    return steps;
  }

  /** Whether a shell command goes on: a trailing backslash, or a quote still open. */
  static boolean isOpen(String command) {
    if (command.endsWith("\\")) {
      return true;
    }
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else if (quote == '"' && c == '\\') {
        i++;
      }
    }
    return quote != 0;
  }

  private static List<String> trimmed(List<String> output) {
    int end = output.size();
    while (end > 0 && output.get(end - 1).isBlank()) {
      end--;
    }
    return List.copyOf(output.subList(0, end));
  }

  /**
   * The words of a shell command line: quotes removed, {@code \}-newline joined, {@code $name}
   * inside double quotes replaced by {@code variables}' value.
   */
  public static List<String> words(String command, java.util.Map<String, String> variables) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == 0 && c == '\\' && i + 1 < command.length() && command.charAt(i + 1) == '\n') {
        i++;
        continue;
      }
      if (quote == 0 && Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        continue;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else if (quote == '"' && c == '$') {
        int nameEnd = i + 1;
        while (nameEnd < command.length()
            && (Character.isLetterOrDigit(command.charAt(nameEnd))
                || command.charAt(nameEnd) == '_')) {
          nameEnd++;
        }
        String name = command.substring(i + 1, nameEnd);
        if (!variables.containsKey(name)) {
          throw new IllegalArgumentException("$" + name + " is not set, in: " + command);
        }
        word.append(variables.get(name));
        i = nameEnd - 1;
      } else {
        word.append(c);
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unbalanced quote in: " + command);
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
