package dev.feedkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FanoutTuningTest {

  @Test
  void retryDelaysDoubleFromTheMinimumUpToTheMaximum() {
    FanoutTuning tuning =
        FanoutTuning.defaults().withRetryDelays(Duration.ofMillis(100), Duration.ofSeconds(10));

    assertThat(tuning.retryDelay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(tuning.retryDelay(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(tuning.retryDelay(7)).isEqualTo(Duration.ofMillis(6_400));
    assertThat(tuning.retryDelay(8)).isEqualTo(Duration.ofSeconds(10));
    assertThat(tuning.retryDelay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void everyOptionIsCheckedWithItsName() {
    FanoutTuning tuning = FanoutTuning.defaults();

    assertThatThrownBy(() -> tuning.withThreads(257))
        .hasMessage("threads must be between 1 and 256, was 257");
    assertThatThrownBy(() -> tuning.withLease(Duration.ZERO))
        .hasMessage("lease must be > 0, was PT0S");
    assertThatThrownBy(() -> tuning.withRetryDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("maxRetryDelay must be >= minRetryDelay");
    assertThatThrownBy(() -> tuning.withShutdownTimeout(Duration.ofSeconds(-1)))
        .hasMessage("shutdownTimeout must be >= 0, was PT-1S");
    assertThatThrownBy(() -> tuning.withPollInterval(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("pollInterval");
  }

  @Test
  void aWitherChangesOnlyItsOwnOptions() {
    FanoutTuning tuning =
        FanoutTuning.defaults()
            .withThreads(7)
            .withRetryDelays(Duration.ofMillis(5), Duration.ofMillis(50));

    assertThat(tuning.withLease(Duration.ofSeconds(3)))
        .isEqualTo(
            new FanoutTuning(
                7,
                Duration.ofSeconds(3),
                Duration.ofMillis(5),
                Duration.ofMillis(50),
                tuning.pollInterval(),
                tuning.shutdownTimeout()));
    assertThat(tuning.withPollInterval(Duration.ofMillis(10)).pollInterval())
        .isEqualTo(Duration.ofMillis(10));
    assertThat(tuning.withShutdownTimeout(Duration.ZERO).shutdownTimeout()).isZero();
    assertThat(FanoutTuning.defaults().threads()).isEqualTo(FanoutTuning.DEFAULT_THREADS);
  }

  @Test
  void theDefaultsAreDocumented() {
    FanoutTuning tuning = FanoutTuning.defaults();

    assertThat(tuning.threads()).isEqualTo(2);
    assertThat(tuning.lease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(tuning.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(tuning.withThreads(4).withLease(Duration.ofSeconds(1)).threads()).isEqualTo(4);
  }
}
