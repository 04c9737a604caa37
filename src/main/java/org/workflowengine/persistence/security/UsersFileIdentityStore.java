package org.workflowengine.persistence.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The users of the REST API, from the users file {@value #USERS_FILE} names (see {@link
 * UserDirectory}). The file is read again when it changes, so users are added, removed or given
 * other roles without a restart or a rebuild.
 *
 * <p>PBKDF2 is slow on purpose (0.3 to 0.8 s of one core per check at {@value
 * PasswordHash#ITERATIONS} rounds on a small machine), and HTTP Basic sends the password with every
 * request. So a password that was checked once is remembered as an HMAC under a key that lives only
 * in this process, until the file changes; and at most as many PBKDF2 checks as the machine has
 * cores run at once, so that a flood of wrong passwords cannot take every CPU.
 */
@ApplicationScoped
public class UsersFileIdentityStore implements IdentityStore {

  static final String USERS_FILE = "executions.auth.users-file";
  static final String DEVELOPMENT_USER = "executions.auth.development-user";

  private static final Logger LOG = Logger.getLogger(UsersFileIdentityStore.class.getName());
  private static final int MAX_REMEMBERED = 10_000;

  @Inject
  @ConfigProperty(name = USERS_FILE)
  Optional<String> usersFile;

  @Inject
  @ConfigProperty(name = DEVELOPMENT_USER, defaultValue = "false")
  boolean developmentUser;

  @Inject
  @ConfigProperty(name = DevelopmentUser.URL, defaultValue = DevelopmentUser.DEFAULT_URL)
  String developmentUrl;

  private final Semaphore hashing = new Semaphore(Math.max(2, cores()));
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
  private final byte[] rememberKey = new byte[32];
  private volatile Loaded loaded = new Loaded(null, UserDirectory.empty());

  /** What was read, and from which version of the file. */
  private record Loaded(FileVersion version, UserDirectory users) {}

  private record FileVersion(long modified, long size, Object key) {}

  private record Remembered(byte[] passwordMac, Set<String> roles) {}

  @PostConstruct
  void init() {
    new SecureRandom().nextBytes(rememberKey);
  }

  /** Runs at deployment: makes the development user if asked to, and reports what was loaded. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
    Optional<Path> file = file();
    if (file.isEmpty()) {
      LOG.warning(
          USERS_FILE
              + " is not set: there are no users, and every /api request is refused with 401."
              + " See docs/operations.md, Users and roles.");
      return;
    }
    if (developmentUser) {
      DevelopmentUser.createIfAbsent(file.get(), developmentUrl);
    }
    UserDirectory users = users(file.get());
    LOG.info(() -> users.size() + " user(s) of the REST API from " + file.get().toAbsolutePath());
  }

  /** Both: the handler takes a caller's groups (its roles) only from a store that provides them. */
  @Override
  public Set<ValidationType> validationTypes() {
    return Set.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
  }

  /** Checks a user name and password against the users file. */
  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    Optional<Path> file = file();
    if (file.isEmpty()) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    UserDirectory users = users(file.get());
    String name = credential.getCaller();
    char[] password = credential.getPassword().getValue();
    UserDirectory.User user = users.user(name);
    byte[] mac = mac(name, password);
    if (user != null) {
      Remembered known = remembered.get(name);
      if (known != null && MessageDigest.isEqual(known.passwordMac(), mac)) {
        return new CredentialValidationResult(name, known.roles());
      }
    }
    if (!slowCheck(user == null ? AbsentUser.HASH : user.password(), password) || user == null) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.clear();
    }
    remembered.put(name, new Remembered(mac, user.roles()));
    return new CredentialValidationResult(name, user.roles());
  }

  private boolean slowCheck(PasswordHash hash, char[] password) {
    try {
      if (!hashing.tryAcquire(10, TimeUnit.SECONDS)) {
        LOG.warning("Password checks are queueing for over 10 s; a login was refused");
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    try {
      return hash.matches(password);
    } finally {
      hashing.release();
    }
  }

  /** The users of the current version of {@code file}; none while it is missing or invalid. */
  private UserDirectory users(Path file) {
    FileVersion version = version(file);
    Loaded current = loaded;
    if (version != null && version.equals(current.version())) {
      return current.users();
    }
    synchronized (this) {
      current = loaded;
      if (version != null && version.equals(current.version())) {
        return current.users();
      }
      UserDirectory users = UserDirectory.empty();
      if (version == null) {
        LOG.severe(() -> "The users file " + file.toAbsolutePath() + " is missing: no users");
      } else {
        try {
          users = UserDirectory.read(file);
        } catch (IOException | InvalidUsersFileException e) {
          LOG.log(Level.SEVERE, "The users file is refused, so there are no users: {0}", e);
        }
      }
      remembered.clear();
      loaded = new Loaded(version, users);
      return users;
    }
  }

  private static FileVersion version(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileVersion(
          attributes.lastModifiedTime().toMillis(), attributes.size(), attributes.fileKey());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot read the users file's attributes", e);
      return null;
    }
  }

  private Optional<Path> file() {
    return usersFile.filter(name -> !name.isBlank()).map(Path::of);
  }

  private byte[] mac(String name, char[] password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(rememberKey, "HmacSHA256"));
      mac.update(name.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)));
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Compared against when the user does not exist, so that the answer takes as long. */
  private static final class AbsentUser {
    static final PasswordHash HASH = PasswordHash.create("absent-user".toCharArray());
  }
}
