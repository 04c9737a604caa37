package org.workflowengine.persistence.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;

/**
 * For the development run only ({@code executions.auth.development-user=true}): when the users file
 * does not exist yet, creates it with the user {@value #NAME}, holding every role, under a random
 * password that is printed once to the log. Only the hash is stored, so a forgotten password means
 * deleting the file (or setting another with the {@link UsersCommand users command}).
 *
 * <p>The example in the banner addresses the server where {@value #URL} says: the run command sets
 * it from the port it starts Payara Micro on, which the application cannot ask the server for.
 */
final class DevelopmentUser {

  static final String NAME = "developer";

  /** Where the server is reached; the run command sets it. */
  static final String URL = "executions.auth.development-user.url";

  static final String DEFAULT_URL = "http://localhost:8080";

  private static final Logger LOG = Logger.getLogger(DevelopmentUser.class.getName());

  private DevelopmentUser() {}

  /**
   * @param file the users file
   * @param serverUrl where the server is reached, such as {@code http://localhost:9090}
   */
  static void createIfAbsent(Path file, String serverUrl) {
    if (Files.exists(file)) {
      // The usual start: no password to hash (UsersFiles.create checks again, atomically).
      return;
    }
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    List<String> lines =
        UserDirectory.withUser(
            UserDirectory.header(),
            new UserDirectory.User(NAME, Roles.ALL, PasswordHash.create(password.toCharArray())));
    try {
      if (UsersFiles.create(file, lines)) {
        LOG.warning(
            () ->
                "\n\n  Development credential for the REST API (printed once, stored hashed in "
                    + file.toAbsolutePath()
                    + "):\n    user "
                    + NAME
                    + "\n    password "
                    + password
                    + "\n  e.g. curl -u "
                    + NAME
                    + ":"
                    + password
                    + " "
                    + serverUrl
                    + "/api/executions\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the users file " + file, e);
    }
  }
}
