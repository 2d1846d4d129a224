package dev.feedkit;

import dev.feedkit.internal.Checks;
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
 * <p>Instances are immutable; the {@code with} methods return changed copies of an enabled
 * config, checked at once. {@link #disabled()} is the one disabled config, and stays disabled:
 * its {@code with} methods throw {@link IllegalStateException}.
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
  @Deprecated public static final Duration DEFAULT_EXPIRE_AFTER_WRITE = DEFAULT_MAXIMUM_STALENESS;

  private static final long MIN_MAXIMUM_WEIGHT = 1024;

  private static final CacheConfig DISABLED = new CacheConfig();
  private static final CacheConfig DEFAULTS =
      new CacheConfig(DEFAULT_MAXIMUM_WEIGHT, DEFAULT_MAXIMUM_STALENESS, true);

  private final boolean enabled;
  private final long maximumWeight;
  private final Duration maximumStaleness;
  private final boolean refreshes;

  /** The one disabled config: nothing is cached, so there is nothing to bound or check. */
  private CacheConfig() {
    this.enabled = false;
    this.maximumWeight = 0;
    this.maximumStaleness = Duration.ZERO;
    this.refreshes = false;
  }

  /** An enabled config: every option of every enabled config is checked here. */
  private CacheConfig(long maximumWeight, Duration maximumStaleness, boolean refreshes) {
    this.enabled = true;
    this.maximumWeight =
        Checks.atLeast("cache maximumWeight", MIN_MAXIMUM_WEIGHT, "bytes", maximumWeight);
    this.maximumStaleness = Checks.positive("cache maximumStaleness", maximumStaleness);
    this.refreshes = refreshes && !maximumStaleness.dividedBy(2).isZero();
  }

  /**
   * Caching on: {@value #DEFAULT_MAXIMUM_WEIGHT} bytes, nothing served that was loaded more than a
   * minute ago, entries read after half a minute reloaded in the background.
   */
  public static CacheConfig defaults() {
    return DEFAULTS;
  }

  /**
   * No caching: every read goes to the store. A disabled config has nothing to tune: its {@code
   * with} methods throw {@link IllegalStateException} rather than turn caching back on.
   */
  public static CacheConfig disabled() {
    return DISABLED;
  }

  /**
   * Returns this config with this bound on the estimated size of all caches together.
   *
   * @param bytes the bound, at least 1 KiB
   * @throws IllegalArgumentException if the bound is below 1 KiB
   * @throws IllegalStateException if this config is {@link #disabled()}: tuning a disabled cache
   *     does not turn it on (start from {@link #defaults()} for that)
   */
  public CacheConfig withMaximumWeight(long bytes) {
    requireEnabled("maximumWeight");
    return new CacheConfig(bytes, maximumStaleness, refreshes);
  }

  /**
   * Returns this config with this bound on how long ago an entry served from the cache may have
   * been read from the store; it bounds how long a write made through another feed over the same
   * store can go unseen when its invalidation was lost. An entry read after half the bound is
   * reloaded in the background while the cache keeps serving it, so entries read steadily never
   * expire.
   *
   * @param staleness the bound, positive
   * @throws IllegalArgumentException if the duration is zero or negative
   * @throws IllegalStateException if this config is {@link #disabled()}: tuning a disabled cache
   *     does not turn it on (start from {@link #defaults()} for that)
   */
  public CacheConfig withMaximumStaleness(Duration staleness) {
    requireEnabled("maximumStaleness");
    return new CacheConfig(maximumWeight, staleness, true);
  }

  /**
   * Returns this config with entries dropped this long after they were cached and never reloaded
   * in the background: an entry read steadily misses once per {@code expiry}, as every entry did
   * before background reloading. {@link #maximumStaleness()} is then {@code expiry} and {@link
   * #refreshAfterWrite()} zero.
   *
   * @param expiry how long an entry lives, positive
   * @throws IllegalArgumentException if the duration is zero or negative
   * @throws IllegalStateException if this config is {@link #disabled()}
   * @deprecated use {@link #withMaximumStaleness(Duration)}, which gives the same bound on
   *     staleness without making steady readers miss
   */
  @Deprecated
  public CacheConfig withExpireAfterWrite(Duration expiry) {
    requireEnabled("expireAfterWrite");
    // Checked here as well, to name the option the caller set.
    Checks.positive("cache expireAfterWrite", expiry);
    return new CacheConfig(maximumWeight, expiry, false);
  }

  private void requireEnabled(String option) {
    if (!enabled) {
      throw new IllegalStateException(
          "the cache is disabled, so it has no "
              + option
              + " to set; tune CacheConfig.defaults() instead");
    }
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
        ? "CacheConfig[maximumWeight="
            + maximumWeight
            + ", maximumStaleness="
            + maximumStaleness
            + ", refreshAfterWrite="
            + refreshAfterWrite()
            + "]"
        : "CacheConfig[disabled]";
  }
}
