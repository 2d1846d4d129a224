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
 * are evicted first. Hit, miss and eviction counts are in {@link Feed#stats()}.
 *
 * <h2>Other nodes, and how long entries live</h2>
 *
 * The writes of other feeds over the same store (other application nodes) reach this feed's
 * caches through the store's {@link dev.feedkit.spi.Invalidations} channel, and a channel that
 * knows it lost some makes the feed drop every cache. A notification can still be lost without
 * anyone knowing (a node that dies between its write and its notification), so entries that can
 * go stale have a bound, {@link #maximumStaleness()}: nothing is served that was read from the
 * store longer ago than that. Within the bound, an entry that is read {@link
 * #refreshAfterWrite()} after it was loaded (half the bound) is still served from the cache, and
 * reloaded from the store in the background; so an entry read at least once per half bound never
 * misses, and one nobody reads for the whole bound is dropped. Users never change once stored and
 * are kept until evicted by weight. A home page is checked against the writes it depends on at
 * every read, and is recomputed when it is older than the bound.
 *
 * <p>Instances are immutable; the {@code with} methods return changed copies.
 */
public final class CacheConfig {

  /** The weight bound of {@link #defaults()}: 64 MiB. */
  public static final long DEFAULT_MAXIMUM_WEIGHT = 64L << 20;
  /** The staleness bound of {@link #defaults()}: one minute. */
  public static final Duration DEFAULT_MAXIMUM_STALENESS = Duration.ofMinutes(1);
  /**
   * The old name of {@link #DEFAULT_MAXIMUM_STALENESS}, with the same value.
   *
   * @deprecated use {@link #DEFAULT_MAXIMUM_STALENESS}
   */
  @Deprecated
  public static final Duration DEFAULT_EXPIRE_AFTER_WRITE = DEFAULT_MAXIMUM_STALENESS;

  private static final CacheConfig DISABLED = new CacheConfig(false, 0, Duration.ZERO, false);
  private static final CacheConfig DEFAULTS =
      new CacheConfig(true, DEFAULT_MAXIMUM_WEIGHT, DEFAULT_MAXIMUM_STALENESS, true);

  private final boolean enabled;
  private final long maximumWeight;
  private final Duration maximumStaleness;
  private final boolean refreshes;

  private CacheConfig(
      boolean enabled, long maximumWeight, Duration maximumStaleness, boolean refreshes) {
    this.enabled = enabled;
    this.maximumWeight = maximumWeight;
    this.maximumStaleness = maximumStaleness;
    this.refreshes = refreshes && !maximumStaleness.dividedBy(2).isZero();
  }

  /**
   * Caching on: {@value #DEFAULT_MAXIMUM_WEIGHT} bytes, nothing served that was loaded more than a
   * minute ago, entries read after half a minute reloaded in the background.
   */
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
    return enabled
        ? new CacheConfig(true, bytes, maximumStaleness, refreshes)
        : new CacheConfig(true, bytes, DEFAULT_MAXIMUM_STALENESS, true);
  }

  /**
   * Returns caching on, with this bound on how long ago an entry served from the cache may have
   * been read from the store; it bounds how long a write made through another feed over the same
   * store can go unseen when its invalidation was lost. An entry read after half the bound is
   * reloaded in the background while the cache keeps serving it, so entries read steadily never
   * expire.
   *
   * @param staleness the bound, positive
   * @throws IllegalArgumentException if the duration is zero or negative
   */
  public CacheConfig withMaximumStaleness(Duration staleness) {
    requireNonNull(staleness, "staleness");
    if (staleness.isZero() || staleness.isNegative()) {
      throw new IllegalArgumentException(
          "cache maximumStaleness must be positive, was " + staleness);
    }
    return new CacheConfig(true, enabled ? maximumWeight : DEFAULT_MAXIMUM_WEIGHT, staleness, true);
  }

  /**
   * Returns caching on, with entries dropped this long after they were cached and never reloaded
   * in the background: an entry read steadily misses once per {@code expiry}, as every entry did
   * before background reloading. {@link #maximumStaleness()} is then {@code expiry} and {@link
   * #refreshAfterWrite()} zero.
   *
   * @param expiry how long an entry lives, positive
   * @throws IllegalArgumentException if the duration is zero or negative
   * @deprecated use {@link #withMaximumStaleness(Duration)}, which gives the same bound on
   *     staleness without making steady readers miss
   */
  @Deprecated
  public CacheConfig withExpireAfterWrite(Duration expiry) {
    requireNonNull(expiry, "expiry");
    if (expiry.isZero() || expiry.isNegative()) {
      throw new IllegalArgumentException("cache expireAfterWrite must be positive, was " + expiry);
    }
    return new CacheConfig(true, enabled ? maximumWeight : DEFAULT_MAXIMUM_WEIGHT, expiry, false);
  }

  /** Whether anything is cached. */
  public boolean enabled() {
    return enabled;
  }

  /** The bound on the estimated bytes of all caches together; 0 when disabled. */
  public long maximumWeight() {
    return maximumWeight;
  }

  /**
   * The longest time after an entry was read from the store that the cache still serves it; zero
   * when disabled.
   */
  public Duration maximumStaleness() {
    return maximumStaleness;
  }

  /**
   * How long after an entry was loaded a read of it starts a reload in the background (half of
   * {@link #maximumStaleness()}); zero when nothing is reloaded (caching disabled, or set with
   * {@link #withExpireAfterWrite}).
   */
  public Duration refreshAfterWrite() {
    return refreshes ? maximumStaleness.dividedBy(2) : Duration.ZERO;
  }

  /**
   * The longest time after an entry was read from the store that the cache still serves it; zero
   * when disabled.
   *
   * @deprecated the same as {@link #maximumStaleness()}; entries are now reloaded before it
   *     unless {@link #refreshAfterWrite()} is zero
   */
  @Deprecated
  public Duration expireAfterWrite() {
    return maximumStaleness;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CacheConfig other
        && enabled == other.enabled
        && maximumWeight == other.maximumWeight
        && maximumStaleness.equals(other.maximumStaleness)
        && refreshes == other.refreshes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, maximumWeight, maximumStaleness, refreshes);
  }

  @Override
  public String toString() {
    return enabled
        ? "CacheConfig[maximumWeight=" + maximumWeight + ", maximumStaleness=" + maximumStaleness
            + ", refreshAfterWrite=" + refreshAfterWrite() + "]"
        : "CacheConfig[disabled]";
  }
}
