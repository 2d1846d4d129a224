package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.CacheConfig;
import dev.feedkit.FanoutPolicy;
import dev.feedkit.FanoutTuning;

/**
 * The timeline options of a feed, as validated by {@link dev.feedkit.FeedBuilder}.
 *
 * @param fanout the fan-out policy
 * @param cache what to cache
 * @param cap the length of a materialized timeline
 * @param tuning how background work is run
 */
public record TimelineOptions(
    FanoutPolicy fanout, CacheConfig cache, int cap, FanoutTuning tuning) {

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if the cap is less than 1
   */
  public TimelineOptions {
    requireNonNull(fanout, "fanout");
    requireNonNull(cache, "cache");
    requireNonNull(tuning, "tuning");
    Checks.positive("cap", cap);
  }
}
