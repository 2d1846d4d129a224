package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.CacheConfig;
import dev.feedkit.FanoutPolicy;

/**
 * The timeline options of a feed, as validated by {@link dev.feedkit.FeedBuilder}.
 *
 * @param fanout the fan-out policy
 * @param cache what to cache
 * @param cap the length of a materialized timeline
 * @param fanoutThreads background fan-out threads
 * @param fanoutQueueSize fan-out jobs that may wait for a thread
 */
public record TimelineOptions(
    FanoutPolicy fanout, CacheConfig cache, int cap, int fanoutThreads, int fanoutQueueSize) {

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if a number is out of range
   */
  public TimelineOptions {
    requireNonNull(fanout, "fanout");
    requireNonNull(cache, "cache");
    if (cap < 1 || fanoutThreads < 1 || fanoutQueueSize < 1) {
      throw new IllegalArgumentException(
          "cap, fanoutThreads and fanoutQueueSize must be >= 1, were "
              + cap + ", " + fanoutThreads + ", " + fanoutQueueSize);
    }
  }
}
