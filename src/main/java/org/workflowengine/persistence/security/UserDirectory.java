package org.workflowengine.persistence.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users of the REST API as a users file lists them, one per line:
 *
 * <pre>
 * # user   roles               PBKDF2 hash of the password
 * alice    reader,writer       PBKDF2WithHmacSHA256:600000:…:…
 * </pre>
 *
 * Blank lines and lines starting with {@code #} are ignored. A file with any bad line is refused
 * whole (naming the line), so that a typo can never leave a removed user able to log in.
 */
public final class UserDirectory {

  /** Letters, digits and {@code . _ @ -}; what a user name may be. */
  public static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private static final Pattern FIELDS = Pattern.compile("\\s+");

  /** One user: the roles it holds and the hash of its password. */
  public record User(String name, Set<String> roles, PasswordHash password) {}

  private final Map<String, User> users;

  private UserDirectory(Map<String, User> users) {
    this.users = Map.copyOf(users);
  }

  /** No users at all: every caller is refused. */
  public static UserDirectory empty() {
    return new UserDirectory(Map.of());
  }

  /**
   * Reads a users file.
   *
   * @throws InvalidUsersFileException naming the first bad line
   */
  public static UserDirectory read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
  }

  static UserDirectory parse(List<String> lines, String source) {
    Map<String, User> users = new LinkedHashMap<>();
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + number + ": ";
      String[] fields = FIELDS.split(line);
      if (fields.length != 3) {
        throw new InvalidUsersFileException(
            where + "expected three fields, user roles hash; found " + fields.length);
      }
      String name = fields[0];
      if (!USER_NAME.matcher(name).matches()) {
        throw new InvalidUsersFileException(
            where + "a user name is 1 to 64 letters, digits or . _ @ -");
      }
      if (users.containsKey(name)) {
        throw new InvalidUsersFileException(where + "user " + name + " is listed twice");
      }
      Set<String> roles;
      PasswordHash hash;
      try {
        roles = roles(fields[1]);
        hash = PasswordHash.parse(fields[2]);
      } catch (IllegalArgumentException e) {
        throw new InvalidUsersFileException(where + e.getMessage());
      }
      users.put(name, new User(name, roles, hash));
    }
    return new UserDirectory(users);
  }

  /**
   * {@code reader,writer} as a set of roles.
   *
   * @throws IllegalArgumentException for an empty list or a role that does not exist
   */
  public static Set<String> roles(String list) {
    Set<String> roles = new LinkedHashSet<>(Arrays.asList(list.split(",", -1)));
    if (roles.isEmpty() || roles.contains("")) {
      throw new IllegalArgumentException("roles are a comma-separated list of " + Roles.ALL);
    }
    for (String role : roles) {
      if (!Roles.ALL.contains(role)) {
        throw new IllegalArgumentException("unknown role " + role + "; the roles are " + Roles.ALL);
      }
    }
    return Set.copyOf(roles);
  }

  /** The user called {@code name}, or null. */
  public User user(String name) {
    return users.get(name);
  }

  public int size() {
    return users.size();
  }

  /**
   * The lines of a users file holding these users and {@code user} (added, or replacing the one of
   * the same name). Comments and order of an existing file are kept.
   */
  public static List<String> withUser(List<String> lines, User user) {
    List<String> result = new ArrayList<>();
    boolean replaced = false;
    for (String line : lines) {
      String stripped = line.strip();
      if (!stripped.isEmpty()
          && !stripped.startsWith("#")
          && FIELDS.split(stripped)[0].equals(user.name())) {
        if (!replaced) {
          result.add(line(user));
          replaced = true;
        }
        continue;
      }
      result.add(line);
    }
    if (!replaced) {
      result.add(line(user));
    }
    return result;
  }

  /** The lines of a users file without {@code name}. */
  public static List<String> withoutUser(List<String> lines, String name) {
    List<String> result = new ArrayList<>();
    for (String line : lines) {
      String stripped = line.strip();
      if (stripped.isEmpty()
          || stripped.startsWith("#")
          || !FIELDS.split(stripped)[0].equals(name)) {
        result.add(line);
      }
    }
    return result;
  }

  /** The header a new users file starts with. */
  public static List<String> header() {
    return List.of(
        "# Users of the workflow execution REST API: user, roles (reader,writer,admin), PBKDF2"
            + " password hash.",
        "# Changes are picked up on the next request; no restart is needed.");
  }

  private static String line(User user) {
    return user.name()
        + " "
        + String.join(",", Roles.ALL.stream().filter(user.roles()::contains).sorted().toList())
        + " "
        + user.password();
  }
}
