package org.workflowengine.persistence.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workflowengine.persistence.security.BearerTokenVerifier.Caller;
import org.workflowengine.persistence.security.BearerTokenVerifier.InvalidTokenException;
import org.workflowengine.persistence.testing.HostileTokens;
import org.workflowengine.persistence.testing.Tokens;
import org.workflowengine.persistence.testing.Tokens.Key;

class BearerTokenVerifierTest {

  private static final Key RSA = Tokens.rsa();
  private static final Key EC = Tokens.ec();
  private static final Key STRANGER = Tokens.rsa();

  @TempDir Path directory;

  private Path jwks;
  private MovableClock clock;
  private BearerTokenVerifier verifier;

  @BeforeEach
  void trustRsaAndEc() throws Exception {
    jwks = directory.resolve("jwks.json");
    Files.writeString(jwks, Tokens.jwks(RSA, EC));
    clock = new MovableClock();
    verifier = verifier(jwks.toString(), Set.of(Tokens.AUDIENCE));
  }

  private BearerTokenVerifier verifier(String location, Set<String> audiences) {
    return new BearerTokenVerifier(
        new TokenKeys(location, Duration.ofSeconds(30), clock), Tokens.ISSUER, audiences);
  }

  @Test
  void rs256AndEs256TokensNameTheirCallerAndRoles() throws Exception {
    Caller rsa = verifier.verify(Tokens.signed(RSA, Tokens.claims("svc-a", "reader").build()));
    Caller ec =
        verifier.verify(Tokens.signed(EC, Tokens.claims("svc-b", "writer", "admin").build()));

    assertThat(rsa).isEqualTo(new Caller("svc-a", Set.of("reader")));
    assertThat(ec).isEqualTo(new Caller("svc-b", Set.of("writer", "admin")));
  }

  @Test
  void theTypeHeaderMayBeAbsentJwtOrAccessTokenJwtButNothingElse() throws Exception {
    JsonObject claims = Tokens.claims("svc", "reader").build();
    for (String type : new String[] {null, "JWT", "at+jwt"}) {
      var header = jakarta.json.Json.createObjectBuilder().add("alg", "RS256").add("kid", RSA.id());
      if (type != null) {
        header.add("typ", type);
      }
      assertThat(verifier.verify(Tokens.signed(header.build(), claims, RSA.pair().getPrivate())))
          .as("typ %s", type)
          .isEqualTo(new Caller("svc", Set.of("reader")));
    }
    var other =
        jakarta.json.Json.createObjectBuilder()
            .add("alg", "RS256")
            .add("kid", RSA.id())
            .add("typ", "secevent+jwt")
            .build();
    assertThatThrownBy(() -> verifier.verify(Tokens.signed(other, claims, RSA.pair().getPrivate())))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void theCallerIsUpnElsePreferredUsernameElseSub() throws Exception {
    JsonObjectBuilder claims = Tokens.claims("the-sub", "reader");
    assertThat(verifier.verify(Tokens.signed(RSA, claims.build())).name()).isEqualTo("the-sub");
    claims = Tokens.claims("the-sub", "reader").add("preferred_username", "jo");
    assertThat(verifier.verify(Tokens.signed(RSA, claims.build())).name()).isEqualTo("jo");
    claims = Tokens.claims("the-sub").add("preferred_username", "jo").add("upn", "jo@example.org");
    assertThat(verifier.verify(Tokens.signed(RSA, claims.build())).name())
        .isEqualTo("jo@example.org");
  }

  @Test
  void groupsThatAreNoRoleOfTheApiGiveNoRole() throws Exception {
    Caller caller =
        verifier.verify(
            Tokens.signed(RSA, Tokens.claims("svc", "Reader", "offline_access", "writer").build()));

    assertThat(caller.roles()).containsExactly("writer");
    assertThat(verifier.verify(Tokens.signed(RSA, without("groups"))).roles()).isEmpty();
  }

  @Test
  void withoutAudiencesConfiguredAnyAudienceIsAccepted() throws Exception {
    BearerTokenVerifier anyAudience = verifier(jwks.toString(), Set.of());
    JsonObject claims = Tokens.claims("svc", "reader").add("aud", "someone-else").build();

    assertThat(anyAudience.verify(Tokens.signed(RSA, claims)).name()).isEqualTo("svc");
    assertThat(anyAudience.verify(Tokens.signed(RSA, without("aud"))).name()).isEqualTo("svc");
  }

  @Test
  void aPemPublicKeyVerifiesTokensWhateverTheirKeyId() throws Exception {
    for (Key key : new Key[] {RSA, EC}) {
      Path pem = directory.resolve(key.id() + ".pem");
      Files.writeString(pem, Tokens.pem(key.pair().getPublic()), StandardCharsets.US_ASCII);
      BearerTokenVerifier fromPem = verifier(pem.toString(), Set.of(Tokens.AUDIENCE));

      assertThat(fromPem.verify(Tokens.signed(key, Tokens.claims("svc", "reader").build())).name())
          .isEqualTo("svc");
      assertThatThrownBy(
              () -> fromPem.verify(Tokens.signed(STRANGER, Tokens.claims("svc").build())))
          .isInstanceOf(InvalidTokenException.class);
    }
  }

  @Test
  void aRotatedKeySetIsReadAgainOnAnUnknownKeyIdAtMostOncePerInterval() throws Exception {
    Key next = Tokens.ec();
    String token = Tokens.signed(next, Tokens.claims("svc", "reader").build());
    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class);

    Files.writeString(jwks, Tokens.jwks(RSA, EC, next));
    clock.move(Duration.ofSeconds(29));
    assertThatThrownBy(() -> verifier.verify(token))
        .as("within the interval, the keys are not read again")
        .isInstanceOf(InvalidTokenException.class);

    clock.move(Duration.ofSeconds(1));
    assertThat(verifier.verify(token).name()).isEqualTo("svc");
    assertThat(verifier.verify(Tokens.signed(RSA, Tokens.claims("svc").build())).name())
        .as("the keys known before still verify")
        .isEqualTo("svc");
  }

  @Test
  void keysThatCannotBeReadRefuseEveryTokenAndAreReadAgainLater() throws Exception {
    BearerTokenVerifier missing =
        verifier(directory.resolve("later.json").toString(), Set.of(Tokens.AUDIENCE));
    String token = Tokens.signed(RSA, Tokens.claims("svc", "reader").build());
    assertThatThrownBy(() -> missing.verify(token)).isInstanceOf(InvalidTokenException.class);

    Files.writeString(directory.resolve("later.json"), Tokens.jwks(RSA));
    clock.move(Duration.ofSeconds(30));
    assertThat(missing.verify(token).name()).isEqualTo("svc");
  }

  /** Every token here is refused with a reason, and none makes the verifier throw anything else. */
  @Test
  void hostileTokensAreRefused() {
    Map<String, String> hostile = HostileTokens.of(RSA, EC);
    assertThat(hostile).hasSizeGreaterThanOrEqualTo(25);
    hostile.forEach(
        (what, token) ->
            assertThatThrownBy(() -> verifier.verify(token))
                .as(what)
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageNotContaining("Exception"));
  }

  private static JsonObject without(String claim) {
    return Tokens.claims("svc", "reader", "writer", "admin").remove(claim).build();
  }

  /** A clock the test moves by hand. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
