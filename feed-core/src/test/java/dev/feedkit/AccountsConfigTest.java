package dev.feedkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountsConfigTest {

  @Test
  void defaultsAreMeantForProduction() {
    AccountsConfig config = AccountsConfig.defaults();

    assertThat(config.passwordHashIterations()).isEqualTo(600_000);
    assertThat(config.sessionIdleTimeout()).isEqualTo(Duration.ofDays(14));
    assertThat(config.sessionMaxLifetime()).isEqualTo(Duration.ofDays(90));
    assertThat(config.sessionCacheExpiry()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.failedLogInsPerHandle()).isEqualTo(5);
    assertThat(config.failedLogInsPerClient()).isEqualTo(20);
    assertThat(config.maxLogInDelay()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.reservedHandles())
        .contains("admin", "root", "support")
        .isEqualTo(AccountsConfig.DEFAULT_RESERVED_HANDLES);
  }

  @Test
  void withersReturnANewConfigAndLeaveTheOriginal() {
    AccountsConfig config =
        AccountsConfig.defaults()
            .withPasswordHashIterations(1_000)
            .withSessionIdleTimeout(Duration.ofMinutes(30))
            .withSessionMaxLifetime(Duration.ofHours(8))
            .withSessionCacheExpiry(Duration.ZERO)
            .withLogInThrottle(3, 10, Duration.ofMinutes(5))
            .withReservedHandles(List.of("Boss", "the_team"));

    assertThat(config.passwordHashIterations()).isEqualTo(1_000);
    assertThat(config.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.sessionMaxLifetime()).isEqualTo(Duration.ofHours(8));
    assertThat(config.sessionCacheExpiry()).isZero();
    assertThat(config.failedLogInsPerHandle()).isEqualTo(3);
    assertThat(config.failedLogInsPerClient()).isEqualTo(10);
    assertThat(config.maxLogInDelay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.reservedHandles()).containsExactlyInAnyOrder("boss", "the_team");
    assertThat(AccountsConfig.defaults().passwordHashIterations()).isEqualTo(600_000);
  }

  @Test
  void badValuesAreRefusedAtOnceNamingTheOption() {
    AccountsConfig config = AccountsConfig.defaults();

    assertThatThrownBy(() -> config.withPasswordHashIterations(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("passwordHashIterations must be >= 1, was 0");
    assertThatThrownBy(() -> config.withSessionIdleTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sessionIdleTimeout must be > 0, was PT0S");
    assertThatThrownBy(() -> config.withSessionMaxLifetime(Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("sessionMaxLifetime must be > 0");
    assertThatThrownBy(() -> config.withSessionCacheExpiry(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("sessionCacheExpiry must be >= 0");
    assertThatThrownBy(() -> config.withLogInThrottle(0, 5, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failedLogInsPerHandle must be >= 1, was 0");
    assertThatThrownBy(() -> config.withLogInThrottle(5, 0, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failedLogInsPerClient must be >= 1, was 0");
    assertThatThrownBy(() -> config.withLogInThrottle(5, 5, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxLogInDelay must be > 0");
    assertThatThrownBy(() -> config.withReservedHandles(List.of("ok_handle", "no way")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reservedHandles must be valid handles, was \"no way\"");
    assertThatThrownBy(() -> config.withSessionIdleTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sessionIdleTimeout");
  }

  @Test
  void tooManyIterationsAreRefusedByTheConfigNotLaterByTheFeed() {
    assertThatThrownBy(
            () ->
                AccountsConfig.defaults()
                    .withPasswordHashIterations(AccountsConfig.MAX_PASSWORD_HASH_ITERATIONS + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("passwordHashIterations must be <= 100000000, was 100000001");
    assertThat(
            AccountsConfig.defaults()
                .withPasswordHashIterations(AccountsConfig.MAX_PASSWORD_HASH_ITERATIONS)
                .passwordHashIterations())
        .isEqualTo(AccountsConfig.MAX_PASSWORD_HASH_ITERATIONS);
  }

  @Test
  void theConstructorChecksLikeTheWithersAndConfigsAreValues() {
    AccountsConfig defaults = AccountsConfig.defaults();

    assertThatThrownBy(
            () ->
                new AccountsConfig(
                    1_000,
                    Duration.ofDays(1),
                    Duration.ZERO,
                    Duration.ZERO,
                    1,
                    1,
                    Duration.ofMinutes(1),
                    Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sessionMaxLifetime must be > 0, was PT0S");
    assertThat(
            new AccountsConfig(
                defaults.passwordHashIterations(),
                defaults.sessionIdleTimeout(),
                defaults.sessionMaxLifetime(),
                defaults.sessionCacheExpiry(),
                defaults.failedLogInsPerHandle(),
                defaults.failedLogInsPerClient(),
                defaults.maxLogInDelay(),
                Set.of("Boss")))
        .isEqualTo(defaults.withReservedHandles(List.of("boss", "BOSS")))
        .extracting(AccountsConfig::reservedHandles)
        .isEqualTo(Set.of("boss"));
    assertThat(defaults.withSessionIdleTimeout(Duration.ofDays(7)))
        .isEqualTo(defaults.withSessionIdleTimeout(Duration.ofDays(7)))
        .isNotEqualTo(defaults);
  }

  @Test
  void aWitherChangesOnlyItsOwnOptions() {
    AccountsConfig config =
        AccountsConfig.defaults().withLogInThrottle(2, 3, Duration.ofMinutes(2));
    AccountsConfig changed = config.withSessionMaxLifetime(Duration.ofDays(30));

    assertThat(changed.sessionMaxLifetime()).isEqualTo(Duration.ofDays(30));
    assertThat(changed.withSessionMaxLifetime(config.sessionMaxLifetime())).isEqualTo(config);
  }

  @Test
  void retryAfterIsRoundedUpToWholeSeconds() {
    assertThat(new TooManyAttemptsException(Duration.ofMillis(1_500)).retryAfterSeconds())
        .isEqualTo(2);
    assertThat(new TooManyAttemptsException(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
    assertThat(new TooManyAttemptsException(Duration.ofMinutes(15)))
        .hasMessage("too many failed log-ins; try again in 900 s");
  }
}
