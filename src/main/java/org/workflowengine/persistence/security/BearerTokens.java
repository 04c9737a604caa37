package org.workflowengine.persistence.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Bearer tokens as the service is configured to accept them, with MicroProfile JWT's own property
 * names, from any config source (as environment variables: {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}
 * and so on):
 *
 * <ul>
 *   <li>{@value #KEY_LOCATION}: where the public keys are (see {@link TokenKeys});
 *   <li>{@value #ISSUER}: the issuer every token must name;
 *   <li>{@value #AUDIENCES}: optional, comma-separated; when set, a token's {@code aud} must hold
 *       one of them;
 *   <li>{@value #KEYS_MIN_REFRESH}: how seldom at most an unknown key id makes the keys be read
 *       again (ISO-8601 duration, default {@code PT30S}).
 * </ul>
 *
 * Without a key location and an issuer, every bearer token is refused and nothing else changes.
 */
@ApplicationScoped
public class BearerTokens {

  static final String KEY_LOCATION = "mp.jwt.verify.publickey.location";
  static final String ISSUER = "mp.jwt.verify.issuer";
  static final String AUDIENCES = "mp.jwt.verify.audiences";
  static final String KEYS_MIN_REFRESH = "executions.auth.jwt.keys-min-refresh";

  private static final Logger LOG = Logger.getLogger(BearerTokens.class.getName());

  private BearerTokenVerifier verifier;

  @PostConstruct
  void configure() {
    Config config = ConfigProvider.getConfig();
    Optional<String> keyLocation = config.getOptionalValue(KEY_LOCATION, String.class);
    Optional<String> issuer = config.getOptionalValue(ISSUER, String.class);
    Optional<String> audiences = config.getOptionalValue(AUDIENCES, String.class);
    String keysMinRefresh = config.getOptionalValue(KEYS_MIN_REFRESH, String.class).orElse("PT30S");
    if (keyLocation.filter(s -> !s.isBlank()).isEmpty()
        || issuer.filter(s -> !s.isBlank()).isEmpty()) {
      if (keyLocation.isPresent() || issuer.isPresent()) {
        LOG.warning(
            "Bearer tokens are refused: both "
                + KEY_LOCATION
                + " and "
                + ISSUER
                + " must be set to accept them");
      }
      return;
    }
    Set<String> accepted =
        audiences.stream()
            .flatMap(list -> Arrays.stream(list.split(",")))
            .map(String::strip)
            .filter(audience -> !audience.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    verifier =
        new BearerTokenVerifier(
            new TokenKeys(
                keyLocation.get().strip(),
                Duration.parse(keysMinRefresh.strip()),
                Clock.systemUTC()),
            issuer.get().strip(),
            accepted);
    LOG.info(
        "Bearer tokens of "
            + issuer.get()
            + " are accepted, verified with the keys at "
            + keyLocation.get());
  }

  /**
   * The caller a token names, or why it is refused. Public: a client proxy of this normal-scoped
   * bean forwards only what it can override, and a package-private method it cannot always.
   */
  public BearerTokenVerifier.Caller verify(String token)
      throws BearerTokenVerifier.InvalidTokenException {
    if (verifier == null) {
      throw new BearerTokenVerifier.InvalidTokenException(
          "this service is not configured to accept bearer tokens");
    }
    return verifier.verify(token);
  }
}
