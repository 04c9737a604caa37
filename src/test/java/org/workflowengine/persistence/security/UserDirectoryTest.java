package org.workflowengine.persistence.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

  private static final String HASH =
      PasswordHash.create("a password".toCharArray(), 1_000).toString();

  @Test
  void readsUsersAndTheirRolesSkippingCommentsAndBlankLines() {
    UserDirectory users =
        UserDirectory.parse(
            List.of("# users", "", "alice   reader,writer  " + HASH, "  bob admin " + HASH + "  "),
            "users");

    assertThat(users.size()).isEqualTo(2);
    assertThat(users.user("alice").roles()).containsExactlyInAnyOrder("reader", "writer");
    assertThat(users.user("bob").roles()).containsExactly("admin");
    assertThat(users.user("bob").password().matches("a password".toCharArray())).isTrue();
    assertThat(users.user("carol")).isNull();
  }

  @Test
  void aBadLineRefusesTheWholeFileNamingTheLine() {
    assertRefused("alice reader", "line 2: expected three fields");
    assertRefused("alice reader,root " + HASH, "line 2: unknown role root");
    assertRefused("alice reader, " + HASH, "line 2: roles are a comma-separated list");
    assertRefused("alice reader,,writer " + HASH, "line 2: roles are a comma-separated list");
    assertRefused("al/ice reader " + HASH, "line 2: a user name is");
    assertRefused("alice reader plaintext", "line 2: a password hash has four parts");
    assertRefused("ok reader " + HASH + "\nok writer " + HASH, "line 3: user ok is listed twice");
  }

  @Test
  void addingReplacingAndRemovingKeepTheRestOfTheFile() {
    UserDirectory.User alice =
        new UserDirectory.User("alice", Set.of("reader"), PasswordHash.parse(HASH));
    UserDirectory.User aliceWriter =
        new UserDirectory.User("alice", Set.of("writer", "reader"), PasswordHash.parse(HASH));

    List<String> added = UserDirectory.withUser(List.of("# mine", "bob admin " + HASH), alice);
    List<String> replaced = UserDirectory.withUser(added, aliceWriter);
    List<String> removed = UserDirectory.withoutUser(replaced, "bob");

    assertThat(added).containsExactly("# mine", "bob admin " + HASH, "alice reader " + HASH);
    assertThat(replaced)
        .containsExactly("# mine", "bob admin " + HASH, "alice reader,writer " + HASH);
    assertThat(removed).containsExactly("# mine", "alice reader,writer " + HASH);
  }

  private static void assertRefused(String lines, String message) {
    List<String> file =
        java.util.stream.Stream.concat(java.util.stream.Stream.of("# header"), lines.lines())
            .toList();
    assertThatThrownBy(() -> UserDirectory.parse(file, "users.properties"))
        .isInstanceOf(InvalidUsersFileException.class)
        .hasMessageStartingWith("users.properties line")
        .hasMessageContaining(message)
        .hasMessageNotContaining(HASH);
  }
}
