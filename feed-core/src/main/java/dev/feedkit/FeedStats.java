package dev.feedkit;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link Feed} has been doing, from {@link Feed#stats()}: one snapshot of its caches and its
 * background fan-out.
 *
 * @param posts the cache of posts by id
 * @param users the caches of users by id and by handle, counted together
 * @param followees the cache of followee lists
 * @param homeTimelines the cache of first pages of home timelines
 * @param fanout the background fan-out work
 */
public record FeedStats(
    CacheStats posts,
    CacheStats users,
    CacheStats followees,
    CacheStats homeTimelines,
    FanoutStats fanout) {

  /** Checks that no component is null. */
  public FeedStats {
    requireNonNull(posts, "posts");
    requireNonNull(users, "users");
    requireNonNull(followees, "followees");
    requireNonNull(homeTimelines, "homeTimelines");
    requireNonNull(fanout, "fanout");
  }
}
