package org.workflowengine.persistence.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

  @Test
  void aHashMatchesItsPasswordOnly() {
    PasswordHash hash = PasswordHash.create(PASSWORD, 1_000);

    assertThat(hash.matches(PASSWORD)).isTrue();
    assertThat(hash.matches("correct horse battery stapler".toCharArray())).isFalse();
    assertThat(hash.matches(new char[0])).isFalse();
  }

  @Test
  void theTextFormIsJakartaSecuritysAndReadsBack() {
    PasswordHash hash = PasswordHash.create(PASSWORD);

    String text = hash.toString();

    assertThat(text).matches("PBKDF2WithHmacSHA256:600000:[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=");
    assertThat(PasswordHash.parse(text).matches(PASSWORD)).isTrue();
    assertThat(PasswordHash.parse(text).toString()).isEqualTo(text);
  }

  @Test
  void twoHashesOfOnePasswordDifferByTheirSalt() {
    assertThat(PasswordHash.create(PASSWORD, 1_000).toString())
        .isNotEqualTo(PasswordHash.create(PASSWORD, 1_000).toString());
  }

  @Test
  void otherPbkdf2AlgorithmsAreRead() {
    // What Jakarta Security's Pbkdf2PasswordHash writes when configured for SHA-512.
    PasswordHash sha512 =
        PasswordHash.parse(
            PasswordHash.create(PASSWORD, 1_000)
                .toString()
                .replace(PasswordHash.ALGORITHM, "PBKDF2WithHmacSHA512"));

    assertThat(sha512.toString()).startsWith("PBKDF2WithHmacSHA512:1000:");
  }

  @Test
  void malformedHashesAreRefusedWithAReason() {
    String salt = "k+LXDV6bN37Fs1/yaEX+rF/QYpHjQRBueWE+Vjr6zUM=";
    assertThatThrownBy(() -> PasswordHash.parse("secret")).hasMessageContaining("four parts");
    assertThatThrownBy(() -> PasswordHash.parse("MD5:1000:" + salt + ":" + salt))
        .hasMessageContaining("unknown password hash algorithm MD5");
    assertThatThrownBy(() -> PasswordHash.parse("PBKDF2WithHmacSHA256:x:" + salt + ":" + salt))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> PasswordHash.parse("PBKDF2WithHmacSHA256:10:" + salt + ":" + salt))
        .hasMessageContaining("between");
    assertThatThrownBy(() -> PasswordHash.parse("PBKDF2WithHmacSHA256:1000:%%%:" + salt))
        .hasMessageContaining("not Base64");
    assertThatThrownBy(() -> PasswordHash.parse("PBKDF2WithHmacSHA256:1000:AAAA:" + salt))
        .hasMessageContaining("at least 16 bytes");
  }
}
