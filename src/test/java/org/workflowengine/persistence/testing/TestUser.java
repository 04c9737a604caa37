package org.workflowengine.persistence.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The users of {@code src/test/resources/security/users.properties}, the users file every test
 * server reads ({@code executions.auth.users-file}). Their passwords are for tests only; the file
 * holds only their PBKDF2 hashes, and {@code TestUsersFileTest} checks the two agree.
 */
public enum TestUser {
  /** Every role of the data API: what the tests that are not about access use. */
  OPERATOR("operator", "reader", "writer", "admin"),
  READER("reader", "reader"),
  WRITER("writer", "writer"),
  ADMIN("admin", "admin"),
  /** The metrics alone, as a Prometheus server's scrape credentials would be. */
  MONITOR("monitor", "metrics");

  /** The users file, relative to the project. */
  public static final String USERS_FILE = "src/test/resources/security/users.properties";

  private final String name;
  private final java.util.Set<String> roles;

  TestUser(String name, String... roles) {
    this.name = name;
    this.roles = java.util.Set.of(roles);
  }

  public String userName() {
    return name;
  }

  public String password() {
    return name + "-password-for-tests";
  }

  public java.util.Set<String> roles() {
    return roles;
  }

  /** The value of an {@code Authorization} header carrying this user's credentials. */
  public String authorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((name + ":" + password()).getBytes(StandardCharsets.UTF_8));
  }
}
