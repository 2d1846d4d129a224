package dev.feedkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionTokensTest {

  private final SessionTokens tokens = new SessionTokens();

  @Test
  void tokensAre256RandomBitsInUrlSafeBase64() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String token = tokens.newToken();
      assertThat(token).matches("[A-Za-z0-9_-]{43}");
      assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
      assertThat(SessionTokens.isWellFormed(token)).isTrue();
      assertThat(seen.add(token)).as("tokens are distinct").isTrue();
    }
  }

  @Test
  void theHashIsSha256InLowerCaseHex() {
    assertThat(SessionTokens.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    String token = tokens.newToken();
    assertThat(SessionTokens.hash(token)).matches("[0-9a-f]{64}").doesNotContain(token);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "short", "+", "/", "=", "\u00e9", " ", "AA"})
  void anythingElseIsNotAToken(String ending) {
    String token = "A".repeat(42) + ending;
    assertThat(SessionTokens.isWellFormed(token)).isFalse();
  }
}
