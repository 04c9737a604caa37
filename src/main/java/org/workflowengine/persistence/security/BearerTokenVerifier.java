package org.workflowengine.persistence.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a bearer token (a JWT, RFC 7519, signed as a JWS) the way MicroProfile JWT describes: the
 * signature by one of the configured public keys, with RS256 or ES256 only; {@code iss} equal to
 * the configured issuer; {@code exp} present and not passed, {@code nbf} and {@code iat} not in the
 * future, each with {@value #CLOCK_SKEW_SECONDS} s of tolerance; {@code aud} holding one of the
 * configured audiences when there are any. The caller is {@code upn}, else {@code
 * preferred_username}, else {@code sub}; its roles are those of {@link Roles} that the {@code
 * groups} claim names.
 *
 * <p>Anything else — no signature ({@code alg: none}), an HMAC ({@code HS256}, even keyed with the
 * public key), an unknown key id, a key of the other type, a token over {@value #MAX_TOKEN_LENGTH}
 * characters, malformed Base64 or JSON — is an {@link InvalidTokenException} whose message says
 * why.
 */
public final class BearerTokenVerifier {

  static final int CLOCK_SKEW_SECONDS = 60;
  static final int MAX_TOKEN_LENGTH = 8192;

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  /** Who the token says the caller is. */
  public record Caller(String name, Set<String> roles) {}

  BearerTokenVerifier(JWKSource<SecurityContext> keys, String issuer, Set<String> audiences) {
    // typ may be absent, JWT, or at+jwt (RFC 9068's access tokens, which some providers issue).
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        // Mutable sets: the verifier asks them whether they contain null, which Set.of refuses.
        new DefaultJWTClaimsVerifier<>(
            audiences.isEmpty() ? null : new HashSet<>(audiences),
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            new HashSet<>(List.of("iss", "exp")),
            null);
    claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
    processor.setJWTClaimsSetVerifier(claims);
  }

  Caller verify(String token) throws InvalidTokenException {
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new InvalidTokenException("it is longer than " + MAX_TOKEN_LENGTH + " characters");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new InvalidTokenException("it is not a well-formed JWT");
    } catch (BadJOSEException | JOSEException e) {
      throw new InvalidTokenException(e.getMessage());
    } catch (RuntimeException e) {
      // Whatever a hostile token makes a parser throw is a refusal, never a server error.
      throw new InvalidTokenException("it is not a well-formed JWT");
    }
    Date issuedAt = claims.getIssueTime();
    if (issuedAt != null
        && issuedAt.toInstant().isAfter(Instant.now().plusSeconds(CLOCK_SKEW_SECONDS))) {
      throw new InvalidTokenException("it was issued in the future (iat)");
    }
    String name =
        Stream.of("upn", "preferred_username", "sub")
            .map(claim -> stringClaim(claims, claim))
            .filter(value -> value != null && !value.isBlank())
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidTokenException("it names no caller (upn, preferred_username, sub)"));
    return new Caller(name, roles(claims));
  }

  private static String stringClaim(JWTClaimsSet claims, String claim) {
    Object value = claims.getClaim(claim);
    return value instanceof String text ? text : null;
  }

  private static Set<String> roles(JWTClaimsSet claims) throws InvalidTokenException {
    Object groups = claims.getClaim("groups");
    if (groups == null) {
      return Set.of();
    }
    if (!(groups instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw new InvalidTokenException("its groups claim is not an array of strings");
    }
    Set<String> roles = new LinkedHashSet<>();
    for (Object group : list) {
      if (Roles.ALL.contains(group)) {
        roles.add((String) group);
      }
    }
    return Set.copyOf(roles);
  }

  /** Why a token was refused; the message completes "The bearer token was not accepted: …". */
  public static final class InvalidTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidTokenException(String reason) {
      super(reason);
    }
  }
}
