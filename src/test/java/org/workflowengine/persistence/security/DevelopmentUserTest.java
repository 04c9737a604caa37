package org.workflowengine.persistence.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development user's one-time banner, as the run command prints it. */
class DevelopmentUserTest {

  @TempDir Path directory;

  private final Logger log = Logger.getLogger(DevelopmentUser.class.getName());
  private final List<String> printed = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          printed.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureTheLog() {
    log.addHandler(capture);
  }

  @AfterEach
  void releaseTheLog() {
    log.removeHandler(capture);
  }

  @Test
  void theBannerNamesTheAddressTheServerWasStartedOn() throws Exception {
    Path file = directory.resolve("users.properties");

    DevelopmentUser.createIfAbsent(file, "http://localhost:9090");

    assertThat(printed).hasSize(1);
    assertThat(printed.get(0))
        .contains("user developer", "http://localhost:9090/api/executions")
        .doesNotContain("localhost:8080");
    assertThat(UserDirectory.read(file).user(DevelopmentUser.NAME)).isNotNull();
  }

  @Test
  void nothingIsPrintedWhenTheUsersFileExists() throws Exception {
    Path file = Files.writeString(directory.resolve("users.properties"), "");

    DevelopmentUser.createIfAbsent(file, "http://localhost:9090");

    assertThat(printed).isEmpty();
  }
}
