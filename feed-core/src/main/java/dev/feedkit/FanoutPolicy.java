package dev.feedkit;

import dev.feedkit.internal.Checks;

/**
 * How posts reach home timelines, chosen with {@link FeedBuilder#fanout(FanoutPolicy)}. Every
 * policy gives the same answers; they differ in what a post and a read cost.
 *
 * <ul>
 *   <li>{@link #pull()} (fan-out on read): a post is only stored; a home-timeline read merges the
 *       newest posts of everyone the reader follows. Posting is cheapest; a read costs in
 *       proportion to the number of accounts followed.
 *   <li>{@link #push()} (fan-out on write): a post is copied into the materialized timeline of
 *       every follower, in the background; a read is one list. Reads are cheapest; a post costs in
 *       proportion to the author's followers.
 *   <li>{@link #hybrid(int)} (the default, {@value #DEFAULT_HYBRID_THRESHOLD} followers): push for
 *       authors with fewer followers than the threshold, pull for the few above it, whose posts
 *       are merged into the materialized timeline at read time.
 * </ul>
 *
 * Materialized timelines are capped ({@link FeedBuilder#timelineCap(int)}); a reader who pages
 * past the cap is served by the exact merge of the authors' own post lists, so no timeline ends
 * early. All feeds over one store should use the same policy: timelines are only kept up to date
 * while a push or hybrid feed runs over the store.
 *
 * <p>Policies are immutable values; the classes behind the factories are hidden.
 */
public sealed interface FanoutPolicy permits StockFanoutPolicy {

  /** The follower threshold of {@link #hybrid()}. */
  int DEFAULT_HYBRID_THRESHOLD = 10_000;

  /** Fan-out on read: nothing is materialized; reads merge the followed authors' posts. */
  static FanoutPolicy pull() {
    return StockFanoutPolicy.PULL;
  }

  /** Fan-out on write: every post is copied into every follower's materialized timeline. */
  static FanoutPolicy push() {
    return StockFanoutPolicy.PUSH;
  }

  /** Hybrid with a threshold of {@value #DEFAULT_HYBRID_THRESHOLD} followers: the default. */
  static FanoutPolicy hybrid() {
    return hybrid(DEFAULT_HYBRID_THRESHOLD);
  }

  /**
   * Push for authors with fewer than {@code threshold} followers, pull for the others. An author
   * who reaches the threshold is pulled from then on; one who falls below it is pushed again once
   * their recent posts have been copied into their followers' timelines (in the background;
   * reads stay exact meanwhile).
   *
   * @param threshold the number of followers from which an author is pulled, at least 1
   * @throws IllegalArgumentException if the threshold is less than 1
   */
  static FanoutPolicy hybrid(int threshold) {
    return new StockFanoutPolicy(
        StockFanoutPolicy.Kind.HYBRID, Checks.positive("fanout threshold", threshold));
  }

  /** Whether this policy keeps materialized home timelines (push and hybrid do). */
  boolean materializes();

  /**
   * Whether the posts of an author with this many followers are copied into followers' timelines.
   *
   * @param followers how many followers the author has
   */
  boolean pushes(long followers);
}
