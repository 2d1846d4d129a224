package dev.feedkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.AccountsConfig;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Pbkdf2PasswordHasherTest {

  private static final String FORMAT =
      "\\$pbkdf2-sha256\\$i=1000,l=32\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}";

  /** Salt and PBKDF2 hash (1,000 iterations) of "pässwörd", from Python's hashlib. */
  private static final String SALT = "MDEyMzQ1Njc4OWFiY2RlZg";

  private static final String HASH = "Kfxd4gVEVJAUWyEM9/KuB1B0aQFq+qVyrFi44QnyZ4k";

  private final PasswordHasher hasher = PasswordHasher.pbkdf2(1_000);

  @Test
  void matchesTheRfc7914TestVector() {
    // RFC 7914, section 11: PBKDF2-HMAC-SHA256, P = "passwd", S = "salt", c = 1, dkLen = 64.
    String encoded =
        "$pbkdf2-sha256$i=1,l=64$c2FsdA$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLxJ"
            + "ypzM8Xm2RZkWZLOdd+8xfHG4RbHjC9UJESBB06GXgw";

    assertThat(hasher.verify("passwd", encoded)).isTrue();
    assertThat(hasher.verify("passwe", encoded)).isFalse();
    assertThat(hasher.needsUpgrade(encoded)).as("one iteration, four bytes of salt").isTrue();
  }

  @Test
  void hashesPasswordsAsUtf8() {
    String encoded = "$pbkdf2-sha256$i=1000,l=32$" + SALT + "$" + HASH;

    assertThat(hasher.verify("p\u00e4ssw\u00f6rd", encoded)).isTrue();
    assertThat(hasher.needsUpgrade(encoded)).isFalse();
  }

  @Test
  void hashCarriesAlgorithmAndParametersAndAFreshSalt() {
    String first = hasher.hash("correct horse");
    String second = hasher.hash("correct horse");

    assertThat(first).matches(FORMAT).doesNotContain("correct horse");
    assertThat(second).matches(FORMAT).isNotEqualTo(first);
    assertThat(salt(first)).isNotEqualTo(salt(second));
    assertThat(hasher.verify("correct horse", first)).isTrue();
    assertThat(hasher.verify("correct horse", second)).isTrue();
    assertThat(hasher.verify("correct hors", first)).isFalse();
    assertThat(hasher.verify("Correct horse", first)).isFalse();
  }

  @Test
  void productionDefaultIsSixHundredThousandIterations() {
    assertThat(AccountsConfig.DEFAULT_PASSWORD_HASH_ITERATIONS).isEqualTo(600_000);
    assertThat(AccountsConfig.defaults().passwordHashIterations()).isEqualTo(600_000);
    PasswordHasher production =
        PasswordHasher.pbkdf2(AccountsConfig.defaults().passwordHashIterations());

    String encoded = production.hash("correct horse");

    assertThat(encoded).startsWith("$pbkdf2-sha256$i=600000,l=32$");
    assertThat(production.needsUpgrade(encoded)).isFalse();
    assertThat(hasher.verify("correct horse", encoded))
        .as("any hasher verifies any parameters")
        .isTrue();
  }

  @Test
  void weakerHashesVerifyAndNeedAnUpgradeStrongerOnesDoNot() {
    String weaker = PasswordHasher.pbkdf2(500).hash("correct horse");
    String stronger = PasswordHasher.pbkdf2(2_000).hash("correct horse");

    assertThat(hasher.verify("correct horse", weaker)).isTrue();
    assertThat(hasher.needsUpgrade(weaker)).isTrue();
    assertThat(hasher.verify("correct horse", stronger)).isTrue();
    assertThat(hasher.needsUpgrade(stronger)).isFalse();
    assertThat(hasher.needsUpgrade(hasher.hash("correct horse"))).isFalse();
  }

  @Test
  void decoyHasCurrentParametersAndMatchesNothing() {
    String decoy = hasher.decoy();

    assertThat(decoy).matches(FORMAT);
    assertThat(hasher.needsUpgrade(decoy)).isFalse();
    assertThat(hasher.decoy()).isNotEqualTo(decoy);
    assertThat(hasher.verify("", decoy)).isFalse();
    assertThat(hasher.verify("correct horse", decoy)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "correct horse",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo",
        "$pbkdf2-sha256$i=0,l=32$" + SALT + "$" + HASH,
        "$pbkdf2-sha256$i=999999999,l=32$" + SALT + "$" + HASH,
        "$pbkdf2-sha256$i=1000,l=31$" + SALT + "$" + HASH,
        "$pbkdf2-sha256$i=1000,l=32$" + SALT + "$" + HASH + "A",
        "$pbkdf2-sha256$i=1000,l=32$" + SALT + "$Kfxd4gVEVJAUWyEM9/KuB1B0aQFq+qVyrFi44QnyZ4",
        "$pbkdf2-sha256$i=1000,l=32$" + SALT + "$" + HASH + "$",
        "$pbkdf2-sha256$i=1000,l=32$" + SALT,
        "$pbkdf2-sha256$i=1000,l=32$" + SALT + "$Kfxd4gVEVJAUWyEM9/KuB1B0aQFq+qVyrFi44QnyZ4!",
      })
  void malformedHashesMatchNothing(String encoded) {
    assertThat(hasher.verify("p\u00e4ssw\u00f6rd", encoded)).isFalse();
    assertThat(hasher.needsUpgrade(encoded)).isTrue();
  }

  private static byte[] salt(String encoded) {
    return Base64.getDecoder().decode(encoded.split("\\$")[3]);
  }
}
