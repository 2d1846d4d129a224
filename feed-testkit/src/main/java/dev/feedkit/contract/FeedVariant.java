package dev.feedkit.contract;

import static java.util.Objects.requireNonNull;

import dev.feedkit.CacheConfig;
import dev.feedkit.FanoutPolicy;
import dev.feedkit.FeedBuilder;
import java.util.List;

/**
 * One cell of the matrix the contract suite runs in: a fan-out policy, caching on or off, and a
 * timeline cap. {@link #all()} is every fan-out policy with the cache on and off; the hybrid cells
 * use a threshold of {@value #HYBRID_THRESHOLD} followers, so that authors cross it both ways
 * during the tests, and a cap of {@value #SMALL_CAP}, so that reads page past it.
 *
 * @param name what the cell is called in test reports
 * @param fanout the fan-out policy
 * @param cache the cache configuration
 * @param timelineCap the timeline cap
 */
public record FeedVariant(String name, FanoutPolicy fanout, CacheConfig cache, int timelineCap) {

  /** The follower threshold of the hybrid cells. */
  public static final int HYBRID_THRESHOLD = 3;

  /** The timeline cap of the hybrid cells. */
  public static final int SMALL_CAP = 10;

  /** Checks that no component is null. */
  public FeedVariant {
    requireNonNull(name, "name");
    requireNonNull(fanout, "fanout");
    requireNonNull(cache, "cache");
  }

  /** The whole matrix: pull, push and hybrid, each with the cache off and on. */
  public static List<FeedVariant> all() {
    return List.of(
        of(FanoutPolicy.pull(), FeedBuilder.DEFAULT_TIMELINE_CAP, false),
        of(FanoutPolicy.pull(), FeedBuilder.DEFAULT_TIMELINE_CAP, true),
        of(FanoutPolicy.push(), FeedBuilder.DEFAULT_TIMELINE_CAP, false),
        of(FanoutPolicy.push(), FeedBuilder.DEFAULT_TIMELINE_CAP, true),
        of(FanoutPolicy.hybrid(HYBRID_THRESHOLD), SMALL_CAP, false),
        of(FanoutPolicy.hybrid(HYBRID_THRESHOLD), SMALL_CAP, true));
  }

  private static FeedVariant of(FanoutPolicy fanout, int cap, boolean cache) {
    String name =
        fanout
            + (fanout.materializes() ? ", cap " + cap : "")
            + (cache ? ", cache on" : ", cache off");
    return new FeedVariant(
        name, fanout, cache ? CacheConfig.defaults() : CacheConfig.disabled(), cap);
  }

  /** Whether the policy keeps materialized timelines. */
  public boolean materializes() {
    return fanout.materializes();
  }

  /** Whether caching is on. */
  public boolean caches() {
    return cache.enabled();
  }

  /** Sets this cell's options on a builder. */
  public FeedBuilder apply(FeedBuilder builder) {
    return builder.fanout(fanout).cache(cache).timelineCap(timelineCap);
  }

  @Override
  public String toString() {
    return name;
  }
}
