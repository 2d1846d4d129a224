package dev.feedkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChecksTest {

  @Test
  void aValueInRangeIsReturned() {
    assertThat(Checks.positive("n", 1)).isEqualTo(1);
    assertThat(Checks.positive("n", 1L << 40)).isEqualTo(1L << 40);
    assertThat(Checks.notNegative("n", 0L)).isZero();
    assertThat(Checks.atLeast("n", 3, 3)).isEqualTo(3);
    assertThat(Checks.atLeast("n", 1024, "bytes", 1024)).isEqualTo(1024);
    assertThat(Checks.atMost("n", 3, 3)).isEqualTo(3);
    assertThat(Checks.between("n", 1, 3, 1)).isEqualTo(1);
    assertThat(Checks.between("n", 1, 3, 3)).isEqualTo(3);
    assertThat(Checks.positive("d", Duration.ofNanos(1))).isEqualTo(Duration.ofNanos(1));
    assertThat(Checks.notNegative("d", Duration.ZERO)).isZero();
    assertThat(Checks.atLeast("max", "min", Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void everyCheckFailsWithTheNameTheRuleAndTheValue() {
    assertThatThrownBy(() -> Checks.positive("threshold", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threshold must be > 0, was 0");
    assertThatThrownBy(() -> Checks.positive("id", -5L)).hasMessage("id must be > 0, was -5");
    assertThatThrownBy(() -> Checks.notNegative("hits", -1L))
        .hasMessage("hits must be >= 0, was -1");
    assertThatThrownBy(() -> Checks.atLeast("iterations", 1, 0))
        .hasMessage("iterations must be >= 1, was 0");
    assertThatThrownBy(() -> Checks.atLeast("weight", 1024, "bytes", 1000))
        .hasMessage("weight must be >= 1024 bytes, was 1000");
    assertThatThrownBy(() -> Checks.atMost("iterations", 10, 11))
        .hasMessage("iterations must be <= 10, was 11");
    assertThatThrownBy(() -> Checks.between("cap", 1, 100, 101))
        .hasMessage("cap must be between 1 and 100, was 101");
    assertThatThrownBy(() -> Checks.between("leased", 0L, 4L, -1L))
        .hasMessage("leased must be between 0 and 4, was -1");
    assertThatThrownBy(() -> Checks.positive("lease", Duration.ZERO))
        .hasMessage("lease must be > 0, was PT0S");
    assertThatThrownBy(() -> Checks.notNegative("timeout", Duration.ofSeconds(-1)))
        .hasMessage("timeout must be >= 0, was PT-1S");
    assertThatThrownBy(
            () -> Checks.atLeast("max", "min", Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("max must be >= min (PT2S), was PT1S");
  }

  @Test
  void aMissingDurationIsANullPointerNamingIt() {
    assertThatThrownBy(() -> Checks.positive("lease", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("lease");
    assertThatThrownBy(() -> Checks.notNegative("timeout", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
    assertThatThrownBy(() -> Checks.atLeast("max", "min", Duration.ZERO, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("max");
  }

  @Test
  void aCheckCanFailWithTheExceptionItsCallerDocuments() {
    assertThatThrownBy(() -> Checks.between("limit", 1, 200, 0, IllegalStateException::new))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("limit must be between 1 and 200, was 0");
    assertThatThrownBy(() -> Checks.positive("max id", 0, IllegalStateException::new))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("max id must be > 0, was 0");
    assertThatThrownBy(() -> Checks.notNegative("since id", -1, IllegalStateException::new))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("since id must be >= 0, was -1");
    assertThat(Checks.between("limit", 1, 200, 200, IllegalStateException::new)).isEqualTo(200);
  }
}
