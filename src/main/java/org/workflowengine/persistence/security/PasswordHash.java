package org.workflowengine.persistence.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2 password hashes in the text form Jakarta Security's {@code Pbkdf2PasswordHash} reads and
 * writes: {@code PBKDF2WithHmacSHA256:<iterations>:<base64 salt>:<base64 hash>}. The JDK's PBKDF2
 * does the work, so that the command that adds users needs nothing but the JDK; a hash made here
 * can be moved to a Jakarta Security database identity store unchanged.
 */
public final class PasswordHash {

  /** What {@link #create} uses: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
  public static final int ITERATIONS = 600_000;

  static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final Set<String> ALGORITHMS =
      Set.of("PBKDF2WithHmacSHA224", ALGORITHM, "PBKDF2WithHmacSHA384", "PBKDF2WithHmacSHA512");
  private static final int SALT_BYTES = 32;
  private static final int KEY_BYTES = 32;
  private static final int MIN_ITERATIONS = 1_000;
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String algorithm;
  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(String algorithm, int iterations, byte[] salt, byte[] hash) {
    this.algorithm = algorithm;
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** A new hash of {@code password} with a fresh random salt and {@value #ITERATIONS} rounds. */
  public static PasswordHash create(char[] password) {
    return create(password, ITERATIONS);
  }

  static PasswordHash create(char[] password, int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new PasswordHash(
        ALGORITHM, iterations, salt, derive(ALGORITHM, password, salt, iterations, KEY_BYTES));
  }

  /**
   * Reads the text form.
   *
   * @throws IllegalArgumentException naming what is wrong, never echoing the hash
   */
  public static PasswordHash parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "a password hash has four parts, algorithm:iterations:salt:hash");
    }
    if (!ALGORITHMS.contains(parts[0])) {
      throw new IllegalArgumentException(
          "unknown password hash algorithm " + parts[0] + "; expected one of " + ALGORITHMS);
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the iteration count is not a number");
    }
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "the iteration count must be between " + MIN_ITERATIONS + " and " + MAX_ITERATIONS);
    }
    byte[] salt;
    byte[] hash;
    try {
      salt = Base64.getDecoder().decode(parts[2]);
      hash = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the salt or the hash is not Base64");
    }
    if (salt.length < 16 || hash.length < 16) {
      throw new IllegalArgumentException("the salt and the hash must each be at least 16 bytes");
    }
    return new PasswordHash(parts[0], iterations, salt, hash);
  }

  /** Whether {@code password} is the one hashed here; takes the same time whatever the answer. */
  public boolean matches(char[] password) {
    if (password.length == 0) {
      return false;
    }
    return MessageDigest.isEqual(hash, derive(algorithm, password, salt, iterations, hash.length));
  }

  @Override
  public String toString() {
    Base64.Encoder base64 = Base64.getEncoder();
    return algorithm
        + ":"
        + iterations
        + ":"
        + base64.encodeToString(salt)
        + ":"
        + base64.encodeToString(hash);
  }

  private static byte[] derive(
      String algorithm, char[] password, byte[] salt, int iterations, int keyBytes) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
    try {
      return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available in this JVM", e);
    } finally {
      spec.clearPassword();
    }
  }
}
