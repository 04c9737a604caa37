package org.workflowengine.persistence.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command that edits users files; the password comes from standard input, as in scripts. */
class UsersCommandTest {

  @TempDir Path directory;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void setsListsAndRemovesUsers() throws Exception {
    Path file = directory.resolve("conf/users.properties");

    assertThat(run("alice-password\n", "set", file.toString(), "alice", "reader,writer")).isZero();
    assertThat(run("bob-password-1\n", "set", file.toString(), "bob", "admin")).isZero();
    assertThat(run("alice-password-2\n", "set", file.toString(), "alice", "reader")).isZero();
    out.reset();
    assertThat(run("", "list", file.toString())).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("alice reader", "bob admin");
    UserDirectory users = UserDirectory.read(file);
    assertThat(users.user("alice").password().matches("alice-password-2".toCharArray())).isTrue();
    assertThat(Files.readString(file)).doesNotContain("password-");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    assertThat(run("", "remove", file.toString(), "bob")).isZero();
    assertThat(UserDirectory.read(file).user("bob")).isNull();
    assertThat(run("", "remove", file.toString(), "bob")).isEqualTo(1);
  }

  @Test
  void refusesWhatWouldMakeABadFileAndLeavesTheFileAlone() throws Exception {
    Path file = directory.resolve("users.properties");
    run("first-password\n", "set", file.toString(), "alice", "reader");
    String before = Files.readString(file);

    assertThat(run("short\n", "set", file.toString(), "alice", "admin")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 12 characters");
    assertThat(run("long-enough-password\n", "set", file.toString(), "alice", "root")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown role root");
    assertThat(run("long-enough-password\n", "set", file.toString(), "a b", "reader")).isEqualTo(1);
    assertThat(run("", "frobnicate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");

    assertThat(Files.readString(file)).isEqualTo(before);
    try (var files = Files.list(directory)) {
      assertThat(files).as("no temporary file left behind").hasSize(1);
    }
  }

  private int run(String stdin, String... args) {
    InputStream in = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return UsersCommand.run(
          args,
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      System.setIn(in);
    }
  }
}
