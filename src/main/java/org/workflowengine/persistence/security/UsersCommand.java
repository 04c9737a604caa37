package org.workflowengine.persistence.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Edits a users file from the command line, with nothing but the JDK and the classes JAR:
 *
 * <pre>
 * java -cp workflow-persistence-classes.jar org.workflowengine.persistence.security.UsersCommand \
 *     set users.properties alice reader,writer
 * </pre>
 *
 * {@code set} asks for the password twice on a terminal, or reads one line from standard input when
 * there is none (for scripts); {@code remove} takes a user out; {@code list} shows users and roles.
 * The server picks the change up on the next request.
 */
public final class UsersCommand {

  private static final String USAGE =
      String.join(
          "\n",
          "usage: UsersCommand set <users file> <user> <roles>   (roles: comma-separated of "
              + Roles.ALL
              + ")",
          "       UsersCommand remove <users file> <user>",
          "       UsersCommand list <users file>");

  private UsersCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length == 4 && args[0].equals("set")) {
        set(Path.of(args[1]), args[2], args[3]);
        out.println("set " + args[2] + " in " + args[1]);
        return 0;
      }
      if (args.length == 3 && args[0].equals("remove")) {
        Path file = Path.of(args[1]);
        List<String> lines = UsersFiles.linesOf(file);
        if (UserDirectory.parse(lines, args[1]).user(args[2]) == null) {
          err.println("no user " + args[2] + " in " + args[1]);
          return 1;
        }
        UsersFiles.write(file, UserDirectory.withoutUser(lines, args[2]));
        out.println("removed " + args[2] + " from " + args[1]);
        return 0;
      }
      if (args.length == 2 && args[0].equals("list")) {
        List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        UserDirectory.parse(lines, args[1]);
        for (String line : lines) {
          String stripped = line.strip();
          if (!stripped.isEmpty() && !stripped.startsWith("#")) {
            String[] fields = stripped.split("\\s+");
            out.println(fields[0] + " " + fields[1]);
          }
        }
        return 0;
      }
      err.println(USAGE);
      return 2;
    } catch (IllegalArgumentException | IOException e) {
      err.println(e.getMessage());
      return 1;
    }
  }

  private static void set(Path file, String name, String roleList) throws IOException {
    if (!UserDirectory.USER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a user name is 1 to 64 letters, digits or . _ @ -");
    }
    Set<String> roles = UserDirectory.roles(roleList);
    char[] password = password();
    try {
      if (password.length < 12) {
        throw new IllegalArgumentException("the password must be at least 12 characters");
      }
      UserDirectory.User user = new UserDirectory.User(name, roles, PasswordHash.create(password));
      UsersFiles.write(file, UserDirectory.withUser(UsersFiles.linesOf(file), user));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] password() throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("password: ");
      char[] again = console.readPassword("again: ");
      if (first == null || !Arrays.equals(first, again)) {
        throw new IllegalArgumentException("the passwords differ");
      }
      return first;
    }
    String line =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null) {
      throw new IllegalArgumentException("no password on standard input");
    }
    return line.toCharArray();
  }
}
