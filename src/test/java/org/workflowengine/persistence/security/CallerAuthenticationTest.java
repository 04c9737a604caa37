package org.workflowengine.persistence.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerAuthenticationTest {

  @Test
  void readsUserAndPasswordSplittingAtTheFirstColon() {
    UsernamePasswordCredential credential =
        CallerAuthentication.credential(basic("alice:pa:ss wörd")).orElseThrow();

    assertThat(credential.getCaller()).isEqualTo("alice");
    assertThat(credential.getPasswordAsString()).isEqualTo("pa:ss wörd");
  }

  @Test
  void theSchemeIsCaseInsensitive() {
    assertThat(CallerAuthentication.credential("basic " + encode("alice:secret"))).isPresent();
  }

  @Test
  void aBearerHeaderIsATokenEvenWhenItIsEmpty() {
    assertThat(CallerAuthentication.bearerToken("Bearer abc.def.ghi")).hasValue("abc.def.ghi");
    assertThat(CallerAuthentication.bearerToken("bearer  abc ")).hasValue("abc");
    assertThat(CallerAuthentication.bearerToken("Bearer")).hasValue("");
    assertThat(CallerAuthentication.bearerToken("Basic abc")).isEmpty();
    assertThat(CallerAuthentication.bearerToken("Bearerabc")).isEmpty();
  }

  @Test
  void anythingElseIsNoCredential() {
    for (String header :
        new String[] {
          "",
          "Basic",
          "Basic ",
          "Bearer " + encode("alice:secret"),
          "Basic !!!",
          basic("no colon"),
          basic(":secret"),
          basic("alice:"),
          "Basic " + Base64.getEncoder().encodeToString(new byte[] {'a', ':', (byte) 0xFF})
        }) {
      Optional<UsernamePasswordCredential> credential = CallerAuthentication.credential(header);

      assertThat(credential).as(header).isEmpty();
    }
  }

  private static String basic(String credentials) {
    return "Basic " + encode(credentials);
  }

  private static String encode(String credentials) {
    return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
