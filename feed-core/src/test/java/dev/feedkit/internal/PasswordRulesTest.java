package dev.feedkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.InvalidPasswordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordRulesTest {

  @Test
  void eightToTenTwentyFourCharactersAreAccepted() {
    assertThat(PasswordRules.check("12345678", "alice")).isEqualTo("12345678");
    String longest = "x".repeat(1024);
    assertThat(PasswordRules.check(longest, "alice")).isEqualTo(longest);
  }

  @Test
  void shortPasswordsAreRefusedWithTheirLength() {
    assertThatThrownBy(() -> PasswordRules.check("1234567", "alice"))
        .isInstanceOf(InvalidPasswordException.class)
        .hasMessage("a password must be at least 8 characters, was 7");
  }

  @Test
  void longPasswordsAreRefusedWithTheirLength() {
    assertThatThrownBy(() -> PasswordRules.check("x".repeat(1025), "alice"))
        .isInstanceOf(InvalidPasswordException.class)
        .hasMessage("a password must be at most 1024 characters, was 1025");
    assertThatThrownBy(() -> PasswordRules.check("x".repeat(1_000_000), "alice"))
        .isInstanceOf(InvalidPasswordException.class)
        .hasMessage("a password must be at most 1024 characters, was 1000000");
  }

  @Test
  void lengthIsCountedInCodePoints() {
    String eightEmoji = "\uD83D\uDE00".repeat(8);
    assertThat(PasswordRules.check(eightEmoji, "alice")).isEqualTo(eightEmoji);
    assertThatThrownBy(() -> PasswordRules.check("\uD83D\uDE00".repeat(7), "alice"))
        .isInstanceOf(InvalidPasswordException.class)
        .hasMessageContaining("was 7");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aaaaaaaa",
        "correct horse battery staple",
        "only lower case",
        "12345678901",
        "  spaces  ",
        "\u00e4\u00f6\u00fc\u00df\u00e9\u00e8\u00ea\u00eb",
        "tab\tand\nnewline"
      })
  void thereAreNoCompositionRules(String password) {
    assertThat(PasswordRules.check(password, "alice")).isEqualTo(password);
  }

  @Test
  void theHandleIsRefusedInAnyCase() {
    assertThatThrownBy(() -> PasswordRules.check("ALICE_1234", "alice_1234"))
        .isInstanceOf(InvalidPasswordException.class)
        .hasMessage("a password must not be the same as the handle");
    assertThat(PasswordRules.check("alice_12345", "alice_1234")).isEqualTo("alice_12345");
  }

  @Test
  void passwordsAreNormalizedToNfkc() {
    String decomposed = "cafe\u0301 au lait";
    String composed = "caf\u00e9 au lait";
    assertThat(PasswordRules.normalize(decomposed)).isEqualTo(composed);
    assertThat(PasswordRules.check(decomposed, "alice")).isEqualTo(composed);
    assertThat(PasswordRules.normalize("\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44\uff11"))
        .as("full-width letters and digits")
        .isEqualTo("password1");
  }

  @Test
  void loneSurrogatesAreRefused() {
    assertThatThrownBy(() -> PasswordRules.check("password\uD83D", "alice"))
        .isInstanceOf(InvalidPasswordException.class)
        .hasMessageContaining("lone UTF-16 surrogate");
  }
}
