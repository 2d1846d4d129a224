package dev.feedkit;

import dev.feedkit.internal.Checks;

/**
 * Counts of one cache of a {@link Feed} since it was built, read at one moment. All zero when
 * caching is disabled.
 *
 * @param hits lookups answered from the cache
 * @param misses lookups that went to the store
 * @param evictions entries dropped to stay within the weight bound or because they expired
 * @param entries about how many entries the cache holds now
 */
public record CacheStats(long hits, long misses, long evictions, long entries) {

  /** The counts of a cache that is off. */
  public static final CacheStats EMPTY = new CacheStats(0, 0, 0, 0);

  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public CacheStats {
    Checks.notNegative("cache hits", hits);
    Checks.notNegative("cache misses", misses);
    Checks.notNegative("cache evictions", evictions);
    Checks.notNegative("cache entries", entries);
  }

  /** The share of lookups answered from the cache, between 0 and 1; 1 when there were none. */
  public double hitRate() {
    long lookups = hits + misses;
    return lookups == 0 ? 1.0 : (double) hits / lookups;
  }
}
