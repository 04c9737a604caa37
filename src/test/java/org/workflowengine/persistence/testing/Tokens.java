package org.workflowengine.persistence.testing;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JWTs made by hand with the JDK's own cryptography, for the tests: valid ones and every kind of
 * broken one (no signature, an HMAC keyed with the public key, a wrong key, bad Base64), which a
 * JWT library would refuse to make. Key pairs are generated when the tests run.
 */
public final class Tokens {

  /** The issuer the test servers accept ({@code mp.jwt.verify.issuer}). */
  public static final String ISSUER = "https://issuer.example.test/realms/workflows";

  /** The audience the test servers require ({@code mp.jwt.verify.audiences}). */
  public static final String AUDIENCE = "workflow-executions";

  /** How seldom the test servers read their keys again ({@code keys-min-refresh}). */
  public static final long KEYS_MIN_REFRESH_MILLIS = 1_000;

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private Tokens() {}

  /** A key pair and the id it has in a JWK set. */
  public record Key(String id, KeyPair pair) {
    public String algorithm() {
      return pair.getPublic() instanceof RSAPublicKey ? "RS256" : "ES256";
    }
  }

  public static Key rsa() {
    return new Key("rsa-" + UUID.randomUUID(), generate("RSA", null));
  }

  public static Key ec() {
    return new Key("ec-" + UUID.randomUUID(), generate("EC", new ECGenParameterSpec("secp256r1")));
  }

  private static KeyPair generate(String algorithm, ECGenParameterSpec curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (curve != null) {
        generator.initialize(curve);
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims of a caller of the test issuer and audience, valid for ten minutes from now. */
  public static JsonObjectBuilder claims(String subject, String... groups) {
    long now = Instant.now().getEpochSecond();
    JsonArrayBuilder list = Json.createArrayBuilder();
    Arrays.stream(groups).forEach(list::add);
    return Json.createObjectBuilder()
        .add("iss", ISSUER)
        .add("aud", AUDIENCE)
        .add("sub", subject)
        .add("iat", now)
        .add("exp", now + 600)
        .add("groups", list);
  }

  /** The token of {@code claims} signed by {@code key} with its algorithm and id. */
  public static String signed(Key key, JsonObject claims) {
    JsonObject header =
        Json.createObjectBuilder()
            .add("alg", key.algorithm())
            .add("typ", "JWT")
            .add("kid", key.id())
            .build();
    return signed(header, claims, key.pair().getPrivate());
  }

  /** {@code header.claims.signature}, the signature made as the header's {@code alg} says. */
  public static String signed(JsonObject header, JsonObject claims, PrivateKey key) {
    String input = encode(header.toString()) + "." + encode(claims.toString());
    return input + "." + URL.encodeToString(sign(header.getString("alg"), input, key));
  }

  private static byte[] sign(String algorithm, String input, PrivateKey key) {
    try {
      Signature signature =
          Signature.getInstance(
              algorithm.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
      signature.initSign(key);
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token with {@code alg: HS256} whose HMAC key is {@code secret}. */
  public static String hmac(JsonObject claims, byte[] secret) {
    String input = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(claims.toString());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input
          + "."
          + URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token with {@code alg: none} and no signature. */
  public static String unsigned(JsonObject claims) {
    return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(claims.toString()) + ".";
  }

  public static String encode(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The JWK set of the public halves of {@code keys}, as an identity provider publishes it. */
  public static String jwks(Key... keys) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (Key key : keys) {
      list.add(jwk(key));
    }
    return Json.createObjectBuilder().add("keys", list).build().toString();
  }

  private static JsonObject jwk(Key key) {
    PublicKey publicKey = key.pair().getPublic();
    JsonObjectBuilder jwk = Json.createObjectBuilder().add("kid", key.id()).add("use", "sig");
    if (publicKey instanceof RSAPublicKey rsa) {
      return jwk.add("kty", "RSA")
          .add("alg", "RS256")
          .add("n", unsigned(rsa.getModulus()))
          .add("e", unsigned(rsa.getPublicExponent()))
          .build();
    }
    ECPublicKey ec = (ECPublicKey) publicKey;
    return jwk.add("kty", "EC")
        .add("alg", "ES256")
        .add("crv", "P-256")
        .add("x", coordinate(ec.getW().getAffineX()))
        .add("y", coordinate(ec.getW().getAffineY()))
        .build();
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return URL.encodeToString(bytes);
  }

  private static String coordinate(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[32];
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
    return URL.encodeToString(fixed);
  }

  /** {@code key} as PEM ({@code BEGIN PUBLIC KEY}), as {@code openssl pkey -pubout} writes it. */
  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * The keys every test server trusts, written once per JVM to the file the server reads ({@code
   * mp.jwt.verify.publickey.location}), with one RSA and one EC key.
   */
  public static final class Trusted {
    public static final Key RSA = rsa();
    public static final Key EC = ec();

    private static boolean written;

    private Trusted() {}

    /** Writes the JWK set (once), then waits until the server may read it again. */
    public static synchronized void published() {
      if (written) {
        return;
      }
      publish(RSA, EC);
      written = true;
    }

    /** Replaces the published JWK set with {@code keys}, and waits as {@link #published()}. */
    public static synchronized void publish(Key... keys) {
      try {
        Path file = Path.of(System.getProperty("mp.jwt.verify.publickey.location"));
        Files.createDirectories(file.getParent());
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, jwks(keys));
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Thread.sleep(KEYS_MIN_REFRESH_MILLIS + 200);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** An {@code Authorization} header with a token of {@code subject} in {@code groups}. */
    public static String authorization(String subject, String... groups) {
      published();
      return "Bearer " + signed(RSA, claims(subject, groups).build());
    }
  }
}
