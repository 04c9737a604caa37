package org.workflowengine.persistence.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.testing.TestUser;

/** The users file the test servers read holds the test users, their roles and passwords. */
class TestUsersFileTest {

  @Test
  void everyTestUserLogsInWithItsPasswordAndHoldsItsRoles() throws Exception {
    UserDirectory users = UserDirectory.read(Path.of(TestUser.USERS_FILE));

    assertThat(users.size()).isEqualTo(TestUser.values().length);
    for (TestUser user : TestUser.values()) {
      UserDirectory.User listed = users.user(user.userName());
      assertThat(listed.roles()).as(user.userName()).isEqualTo(user.roles());
      assertThat(listed.password().matches(user.password().toCharArray()))
          .as(user.userName())
          .isTrue();
    }
  }
}
