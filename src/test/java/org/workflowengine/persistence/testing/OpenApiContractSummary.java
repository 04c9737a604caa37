package org.workflowengine.persistence.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, when a test JVM has run its tests, how many responses {@link OpenApiContract} checked
 * during the run and how many deviated: those checked in this JVM and those checked inside a server
 * of its own (WildFly's in-container tests), from the tally files every checking JVM keeps (the
 * system property {@value OpenApiContract#TALLY} names them). Registered in {@code
 * META-INF/services}; prints nothing where no tally is kept (the unit tests).
 */
public final class OpenApiContractSummary implements TestExecutionListener {

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    String prefix = System.getProperty(OpenApiContract.TALLY);
    if (prefix == null || prefix.isBlank()) {
      return;
    }
    Path base = Path.of(prefix);
    String ours = base.getFileName() + "-" + ProcessHandle.current().pid() + "-";
    long here = 0;
    long elsewhere = 0;
    long deviations = 0;
    if (Files.isDirectory(base.getParent())) {
      try (Stream<Path> files = Files.list(base.getParent())) {
        for (Path file :
            files
                .filter(f -> f.getFileName().toString().startsWith(base.getFileName() + "-"))
                .toList()) {
          List<String> counts = List.of(Files.readString(file).trim().split(" "));
          long validated = Long.parseLong(counts.get(0));
          deviations += Long.parseLong(counts.get(1));
          if (file.getFileName().toString().startsWith(ours)) {
            here += validated;
          } else {
            elsewhere += validated;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // On a line of its own, whatever was printed before it.
    System.out.println(
        System.lineSeparator()
            + "OpenAPI contract: "
            + (here + elsewhere)
            + " responses validated ("
            + here
            + " in the tests' JVM, "
            + elsewhere
            + " inside the server), "
            + deviations
            + " deviations");
  }
}
