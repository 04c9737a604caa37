package org.workflowengine.persistence.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The public keys bearer tokens are verified with, read from {@code
 * mp.jwt.verify.publickey.location}: a file path, a {@code file:} URL or an {@code http(s)} URL,
 * holding a JWK set ({@code {"keys":[…]}}), a single JWK, or a PEM public key (RSA or EC, {@code
 * BEGIN PUBLIC KEY}).
 *
 * <p>Read on first use. A token whose {@code kid} none of the keys has makes the location be read
 * again, so that a rotated JWK set is picked up without a restart, but at most once per {@code
 * minRefresh}: a stream of tokens with made-up ids cannot turn into a stream of reads. A PEM key
 * has no id; it verifies tokens whatever their {@code kid}. A location that cannot be read or
 * parsed leaves the keys as they were (none at first) and is logged.
 */
final class TokenKeys implements JWKSource<SecurityContext> {

  private static final Logger LOG = Logger.getLogger(TokenKeys.class.getName());
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_BYTES = 1 << 20;

  private final String location;
  private final Duration minRefresh;
  private final Clock clock;

  private JWKSet keys = new JWKSet();
  private boolean pem;
  private Instant lastRead;

  TokenKeys(String location, Duration minRefresh, Clock clock) {
    this.location = location;
    this.minRefresh = minRefresh;
    this.clock = clock;
  }

  @Override
  public synchronized List<JWK> get(JWKSelector selector, SecurityContext context)
      throws KeySourceException {
    if (lastRead == null) {
      read();
    }
    List<JWK> found = select(selector);
    if (found.isEmpty() && !clock.instant().isBefore(lastRead.plus(minRefresh))) {
      read();
      found = select(selector);
    }
    return found;
  }

  private List<JWK> select(JWKSelector selector) {
    // A PEM key has no id: whichever key there is is the candidate, the verifier checks its type.
    return pem ? keys.getKeys() : selector.select(keys);
  }

  private void read() {
    lastRead = clock.instant();
    try {
      String text = fetch();
      if (text.strip().startsWith("{")) {
        JWKSet read = text.contains("\"keys\"") ? JWKSet.parse(text) : new JWKSet(JWK.parse(text));
        keys = new JWKSet(read.getKeys().stream().filter(k -> !k.isPrivate()).toList());
        pem = false;
      } else {
        keys = new JWKSet(fromPem(text));
        pem = true;
      }
    } catch (IOException
        | java.text.ParseException
        | GeneralSecurityException
        | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Cannot read the bearer token keys from " + location + "; keeping the keys read before",
          e);
    }
  }

  private String fetch() throws IOException {
    if (location.startsWith("http://") || location.startsWith("https://")) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(READ_TIMEOUT).build();
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(location)).timeout(READ_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
          throw new IOException(location + " answered " + response.statusCode());
        }
        return limited(response.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while reading " + location, e);
      }
    }
    Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    return limited(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static String limited(String text) throws IOException {
    if (text.length() > MAX_BYTES) {
      throw new IOException("over " + MAX_BYTES + " characters");
    }
    return text;
  }

  /**
   * An RSA or EC public key in PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509
   * SubjectPublicKeyInfo).
   */
  static JWK fromPem(String pem) throws GeneralSecurityException {
    String body = pem.replaceAll("-----BEGIN PUBLIC KEY-----|-----END PUBLIC KEY-----|\\s", "");
    if (body.isEmpty() || pem.contains("PRIVATE KEY")) {
      throw new GeneralSecurityException("not a PEM public key");
    }
    X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(body));
    PublicKey key;
    try {
      key = KeyFactory.getInstance("RSA").generatePublic(spec);
    } catch (GeneralSecurityException notRsa) {
      key = KeyFactory.getInstance("EC").generatePublic(spec);
    }
    if (key instanceof RSAPublicKey rsa) {
      return new RSAKey.Builder(rsa).build();
    }
    ECPublicKey ec = (ECPublicKey) key;
    return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
  }
}
