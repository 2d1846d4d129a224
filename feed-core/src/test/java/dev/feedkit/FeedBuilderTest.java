package dev.feedkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The timeline options of the builder, the fan-out policies and the cache configuration. */
class FeedBuilderTest {

  @Test
  @SuppressWarnings("deprecation")
  void settersRejectOutOfRangeValuesNamingTheField() {
    FeedBuilder builder = Feed.builder();

    assertThatThrownBy(() -> builder.timelineCap(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timelineCap must be between 1 and 100000, was 0");
    assertThatThrownBy(() -> builder.timelineCap(100_001)).hasMessageContaining("timelineCap");
    assertThatThrownBy(() -> builder.fanoutThreads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be between 1 and 256, was 0");
    assertThatThrownBy(() -> builder.fanoutTuning(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tuning");
    assertThatThrownBy(() -> builder.fanout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("fanout");
    assertThatThrownBy(() -> builder.cache(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cache");
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store");
  }

  @Test
  void theWorkerIdIsCheckedAtOnce() {
    FeedBuilder builder = Feed.builder();

    assertThatThrownBy(() -> builder.workerId(FeedBuilder.MAX_WORKER_ID + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workerId must be between 0 and 1023, was 1024");
    assertThatThrownBy(() -> builder.workerId(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workerId must be between 0 and 1023, was -1");
    assertThat(builder.workerId(FeedBuilder.MAX_WORKER_ID)).isSameAs(builder);
  }

  @Test
  void hybridThresholdMustBePositive() {
    assertThatThrownBy(() -> FanoutPolicy.hybrid(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fanout threshold must be > 0, was -3");
    assertThatThrownBy(() -> FanoutPolicy.hybrid(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void policiesSayWhomTheyPushTo() {
    assertThat(FanoutPolicy.pull().materializes()).isFalse();
    assertThat(FanoutPolicy.pull().pushes(0)).isFalse();
    assertThat(FanoutPolicy.push().materializes()).isTrue();
    assertThat(FanoutPolicy.push().pushes(Long.MAX_VALUE)).isTrue();

    FanoutPolicy hybrid = FanoutPolicy.hybrid(3);
    assertThat(hybrid.materializes()).isTrue();
    assertThat(hybrid.pushes(2)).isTrue();
    assertThat(hybrid.pushes(3)).isFalse();
    assertThat(hybrid).isEqualTo(FanoutPolicy.hybrid(3)).isNotEqualTo(FanoutPolicy.hybrid(4));
    assertThat(FanoutPolicy.hybrid())
        .isEqualTo(FanoutPolicy.hybrid(FanoutPolicy.DEFAULT_HYBRID_THRESHOLD));
    assertThat(Stream.of(FanoutPolicy.pull(), FanoutPolicy.push(), hybrid).map(Object::toString))
        .containsExactly("pull", "push", "hybrid(3)");
  }

  @Test
  void cacheConfigValidatesAndCopies() {
    CacheConfig defaults = CacheConfig.defaults();
    assertThat(defaults.enabled()).isTrue();
    assertThat(defaults.maximumWeight()).isEqualTo(CacheConfig.DEFAULT_MAXIMUM_WEIGHT);
    assertThat(defaults.maximumStaleness()).isEqualTo(CacheConfig.DEFAULT_MAXIMUM_STALENESS);
    assertThat(defaults.refreshAfterWrite()).isEqualTo(Duration.ofSeconds(30));
    assertThat(CacheConfig.disabled().enabled()).isFalse();
    assertThat(CacheConfig.disabled().refreshAfterWrite()).isZero();

    CacheConfig small =
        defaults.withMaximumWeight(4096).withMaximumStaleness(Duration.ofSeconds(5));
    assertThat(small.maximumWeight()).isEqualTo(4096);
    assertThat(small.maximumStaleness()).isEqualTo(Duration.ofSeconds(5));
    assertThat(small.refreshAfterWrite()).isEqualTo(Duration.ofMillis(2500));
    assertThat(defaults.maximumWeight())
        .as("unchanged")
        .isEqualTo(CacheConfig.DEFAULT_MAXIMUM_WEIGHT);
    assertThat(small)
        .isEqualTo(defaults.withMaximumStaleness(Duration.ofSeconds(5)).withMaximumWeight(4096));
    assertThat(small.toString()).contains("maximumStaleness=PT5S", "refreshAfterWrite=PT2.5S");

    assertThatThrownBy(() -> defaults.withMaximumWeight(1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cache maximumWeight must be >= 1024 bytes, was 1000");
    assertThatThrownBy(() -> defaults.withMaximumStaleness(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cache maximumStaleness must be > 0, was PT-1S");
  }

  @Test
  @SuppressWarnings("deprecation")
  void aDisabledCacheIsNotTurnedBackOnByTuningIt() {
    CacheConfig disabled = CacheConfig.disabled();

    assertThatThrownBy(() -> disabled.withMaximumWeight(2048))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the cache is disabled, so it has no maximumWeight to set;"
                + " tune CacheConfig.defaults() instead");
    assertThatThrownBy(() -> disabled.withMaximumStaleness(Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no maximumStaleness to set");
    assertThatThrownBy(() -> disabled.withExpireAfterWrite(Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no expireAfterWrite to set");
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.maximumWeight()).isZero();
    assertThat(disabled.maximumStaleness()).isZero();
    assertThat(disabled).hasToString("CacheConfig[disabled]");
  }

  @Test
  @SuppressWarnings("deprecation")
  void deprecatedExpireAfterWriteKeepsItsFixedExpiry() {
    CacheConfig fixed = CacheConfig.defaults().withExpireAfterWrite(Duration.ofSeconds(5));

    assertThat(fixed.expireAfterWrite()).isEqualTo(Duration.ofSeconds(5));
    assertThat(fixed.maximumStaleness()).isEqualTo(Duration.ofSeconds(5));
    assertThat(fixed.refreshAfterWrite()).as("no background reloads").isZero();
    assertThat(fixed.withMaximumWeight(4096).refreshAfterWrite()).isZero();
    assertThat(fixed)
        .isNotEqualTo(CacheConfig.defaults().withMaximumStaleness(Duration.ofSeconds(5)));
    assertThat(CacheConfig.DEFAULT_EXPIRE_AFTER_WRITE)
        .isEqualTo(CacheConfig.DEFAULT_MAXIMUM_STALENESS);
    assertThatThrownBy(() -> CacheConfig.defaults().withExpireAfterWrite(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expireAfterWrite must be > 0");
  }
}
