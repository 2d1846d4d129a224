package dev.feedkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link Feed} caches in memory, set with {@link FeedBuilder#cache(CacheConfig)}: posts by
 * id, users by id and by handle, followee lists, and the first pages of home timelines that are
 * read often. Every write through the feed updates or invalidates what it makes stale, so a
 * cached answer is the answer the store would give.
 *
 * <p>The caches are bounded together by {@link #maximumWeight()}, an estimate in bytes, shared out
 * as 40% posts, 30% home-timeline pages, 15% users, 15% followee lists; the least useful entries
 * are evicted first. Writes made through other feeds (another node over the same database) are not
 * seen by this feed's caches: {@link #expireAfterWrite()} bounds how long they can be missed.
 * Hit, miss and eviction counts are in {@link Feed#stats()}.
 *
 * <p>Instances are immutable; the {@code with} methods return changed copies.
 */
public final class CacheConfig {

  /** The weight bound of {@link #defaults()}: 64 MiB. */
  public static final long DEFAULT_MAXIMUM_WEIGHT = 64L << 20;
  /** The expiry of {@link #defaults()}: one minute. */
  public static final Duration DEFAULT_EXPIRE_AFTER_WRITE = Duration.ofMinutes(1);

  private static final CacheConfig DISABLED = new CacheConfig(false, 0, Duration.ZERO);
  private static final CacheConfig DEFAULTS =
      new CacheConfig(true, DEFAULT_MAXIMUM_WEIGHT, DEFAULT_EXPIRE_AFTER_WRITE);

  private final boolean enabled;
  private final long maximumWeight;
  private final Duration expireAfterWrite;

  private CacheConfig(boolean enabled, long maximumWeight, Duration expireAfterWrite) {
    this.enabled = enabled;
    this.maximumWeight = maximumWeight;
    this.expireAfterWrite = expireAfterWrite;
  }

  /** Caching on: {@value #DEFAULT_MAXIMUM_WEIGHT} bytes, entries expire a minute after writing. */
  public static CacheConfig defaults() {
    return DEFAULTS;
  }

  /** No caching: every read goes to the store. */
  public static CacheConfig disabled() {
    return DISABLED;
  }

  /**
   * Returns caching on, with this bound on the estimated size of all caches together.
   *
   * @param bytes the bound, at least 1 KiB
   * @throws IllegalArgumentException if the bound is below 1 KiB
   */
  public CacheConfig withMaximumWeight(long bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("cache maximumWeight must be >= 1024 bytes, was " + bytes);
    }
    return new CacheConfig(true, bytes, enabled ? expireAfterWrite : DEFAULT_EXPIRE_AFTER_WRITE);
  }

  /**
   * Returns caching on, with entries dropped this long after they were cached; this bounds how
   * long writes made through other feeds over the same store can go unseen.
   *
   * @param expiry how long an entry lives, positive
   * @throws IllegalArgumentException if the duration is zero or negative
   */
  public CacheConfig withExpireAfterWrite(Duration expiry) {
    requireNonNull(expiry, "expiry");
    if (expiry.isZero() || expiry.isNegative()) {
      throw new IllegalArgumentException("cache expireAfterWrite must be positive, was " + expiry);
    }
    return new CacheConfig(true, enabled ? maximumWeight : DEFAULT_MAXIMUM_WEIGHT, expiry);
  }

  /** Whether anything is cached. */
  public boolean enabled() {
    return enabled;
  }

  /** The bound on the estimated bytes of all caches together; 0 when disabled. */
  public long maximumWeight() {
    return maximumWeight;
  }

  /** How long an entry lives after it was cached; zero when disabled. */
  public Duration expireAfterWrite() {
    return expireAfterWrite;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CacheConfig other
        && enabled == other.enabled
        && maximumWeight == other.maximumWeight
        && expireAfterWrite.equals(other.expireAfterWrite);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, maximumWeight, expireAfterWrite);
  }

  @Override
  public String toString() {
    return enabled
        ? "CacheConfig[maximumWeight=" + maximumWeight + ", expireAfterWrite=" + expireAfterWrite
            + "]"
        : "CacheConfig[disabled]";
  }
}
