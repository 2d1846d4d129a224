package dev.feedkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The value records refuse impossible components, naming the one that is wrong. */
class ValueChecksTest {

  @Test
  void idsMustBePositive() {
    assertThatThrownBy(() -> PostId.of(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("post id must be > 0, was 0");
    assertThatThrownBy(() -> UserId.of(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("user id must be > 0, was -1");
  }

  @Test
  void countsMustNotBeNegative() {
    assertThatThrownBy(() -> new UserCounts(1, -2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("following must be >= 0, was -2");
    assertThatThrownBy(() -> new CacheStats(0, 0, -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cache evictions must be >= 0, was -1");
    assertThatThrownBy(() -> new FanoutStats(0, 0, 0, -4, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retries must be >= 0, was -4");
    assertThatThrownBy(() -> new FanoutStats(0, 0, 0, 0, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("oldestPending must be >= 0, was PT-1S");
  }

  @Test
  void aBadPageRequestIsAValidationFailureNamingTheField() {
    assertThatThrownBy(() -> PageRequest.first(201))
        .isInstanceOf(InvalidPageRequestException.class)
        .hasMessage("limit must be between 1 and 200, was 201");
    assertThatThrownBy(() -> PageRequest.olderThan(0, 10))
        .isInstanceOf(InvalidPageRequestException.class)
        .hasMessage("max id must be > 0, was 0");
    assertThatThrownBy(() -> PageRequest.first().newerThan(-3))
        .isInstanceOf(InvalidPageRequestException.class)
        .hasMessage("since id must be > 0, was -3");
  }
}
