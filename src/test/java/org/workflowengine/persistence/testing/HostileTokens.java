package org.workflowengine.persistence.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.workflowengine.persistence.testing.Tokens.Key;

/**
 * Bearer tokens that must all be refused, each with what is wrong with it: out of date, of another
 * issuer or audience, signed by no trusted key or not signed at all, made with the wrong algorithm,
 * tampered with, malformed, too long.
 */
public final class HostileTokens {

  private HostileTokens() {}

  /**
   * What each case is, and the token; {@code rsa} and {@code ec} are the keys the verifier trusts.
   */
  public static Map<String, String> of(Key rsa, Key ec) {
    Key stranger = Tokens.rsa();
    long now = Instant.now().getEpochSecond();
    Map<String, String> tokens = new LinkedHashMap<>();
    JsonObject valid = Tokens.claims("svc", "reader", "writer", "admin").build();
    String good = Tokens.signed(rsa, valid);
    String[] parts = good.split("\\.");

    tokens.put("expired", Tokens.signed(rsa, with("exp", now - 120)));
    tokens.put("expired an hour ago", Tokens.signed(ec, with("exp", now - 3600)));
    tokens.put("no exp", Tokens.signed(rsa, without("exp")));
    tokens.put("not yet valid (nbf)", Tokens.signed(rsa, with("nbf", now + 600)));
    tokens.put("issued in the future (iat)", Tokens.signed(rsa, with("iat", now + 600)));
    tokens.put("wrong issuer", Tokens.signed(rsa, with("iss", "https://evil.example.test")));
    tokens.put("issuer differing by a slash", Tokens.signed(rsa, with("iss", Tokens.ISSUER + "/")));
    tokens.put("no issuer", Tokens.signed(rsa, without("iss")));
    tokens.put("wrong audience", Tokens.signed(rsa, with("aud", "another-service")));
    tokens.put("no audience", Tokens.signed(rsa, without("aud")));
    tokens.put("exp as a string", Tokens.signed(rsa, with("exp", "tomorrow")));
    tokens.put("no caller name", Tokens.signed(rsa, without("sub")));
    tokens.put("groups not an array", Tokens.signed(rsa, with("groups", "admin")));
    tokens.put("signed by an unknown key", Tokens.signed(stranger, valid));
    tokens.put(
        "unknown kid",
        Tokens.signed(header("RS256", "no-such-key"), valid, rsa.pair().getPrivate()));
    tokens.put(
        "rsa key id, ES256 signature",
        Tokens.signed(header("ES256", rsa.id()), valid, ec.pair().getPrivate()));
    tokens.put(
        "EC key id, RS256 signature",
        Tokens.signed(header("RS256", ec.id()), valid, rsa.pair().getPrivate()));
    tokens.put("alg none", Tokens.unsigned(valid));
    tokens.put("alg none with the signature kept", Tokens.unsigned(valid) + parts[2]);
    tokens.put(
        "HS256 keyed with the public key (DER)",
        Tokens.hmac(valid, rsa.pair().getPublic().getEncoded()));
    tokens.put(
        "HS256 keyed with the public key (PEM)",
        Tokens.hmac(valid, Tokens.pem(rsa.pair().getPublic()).getBytes(StandardCharsets.US_ASCII)));
    tokens.put(
        "claims changed after signing",
        parts[0]
            + "."
            + Tokens.encode(Tokens.claims("intruder", "admin").build().toString())
            + "."
            + parts[2]);
    tokens.put("signature removed", parts[0] + "." + parts[1] + ".");
    tokens.put("signature of another token", parts[0] + "." + parts[1] + "." + signatureOf(ec));
    tokens.put("two parts", parts[0] + "." + parts[1]);
    tokens.put("four parts", good + ".AAAA");
    tokens.put("not base64", "!!!." + parts[1] + "." + parts[2]);
    tokens.put("header not JSON", Tokens.encode("not json") + "." + parts[1] + "." + parts[2]);
    tokens.put("claims not JSON", parts[0] + "." + Tokens.encode("[1,2") + "." + parts[2]);
    tokens.put("claims an array", parts[0] + "." + Tokens.encode("[1,2]") + "." + parts[2]);
    tokens.put("empty", "");
    tokens.put("a password", "operator-password-for-tests");
    tokens.put("over 8 KiB", Tokens.signed(rsa, with("padding", "x".repeat(8200))));
    tokens.put(
        "JWE-shaped (five parts)",
        parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[1] + "." + parts[2]);
    return tokens;
  }

  private static String signatureOf(Key key) {
    return Tokens.signed(key, Tokens.claims("other").build()).split("\\.")[2];
  }

  private static JsonObject header(String alg, String kid) {
    return Json.createObjectBuilder().add("alg", alg).add("typ", "JWT").add("kid", kid).build();
  }

  private static JsonObject with(String claim, Object value) {
    JsonObjectBuilder claims = Tokens.claims("svc", "reader", "writer", "admin");
    if (value instanceof Long number) {
      claims.add(claim, number);
    } else {
      claims.add(claim, value.toString());
    }
    return claims.build();
  }

  private static JsonObject without(String claim) {
    return Tokens.claims("svc", "reader", "writer", "admin").remove(claim).build();
  }
}
