package dev.feedkit.internal;

import dev.feedkit.FanoutStats;
import dev.feedkit.Post;
import dev.feedkit.UserId;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.Order;
import java.util.List;
import java.util.Optional;

/**
 * How home timelines are written and answered: the seam between the feed and a fan-out policy.
 * The engine hands each timeline-changing write to the policy, which stores it together with
 * whatever it owes the timelines (in one atomic store call, so that a failed call changes
 * nothing), and reports what it changed to the feed's {@link Changes}.
 */
interface HomeTimelines extends AutoCloseable {

  /**
   * Returns posts of {@code user}'s home timeline, at most {@code limit}, with {@code after < id <
   * before}, from the end of the range {@code order} names and in that order, and the authors
   * merged at read time to find them.
   */
  HomeRead read(UserId user, long before, long after, int limit, Order order);

  /**
   * Returns the newest {@code want} posts of {@code user}'s home timeline, fewer if it has fewer;
   * a decorator may answer from a cache.
   */
  default List<Post> firstPage(UserId user, int want) {
    return read(user, Long.MAX_VALUE, 0, want, Order.NEWEST_FIRST).posts();
  }

  /**
   * Stores a new post, under an idempotency key's hash if it has one.
   *
   * @throws dev.feedkit.spi.PostKeyTakenException if the author has a post under the key
   */
  void post(Post post, Optional<String> keyHash);

  /** Deletes a stored post; returns whether it existed. */
  boolean delete(Post post);

  /** Makes a follow; returns whether it is new. */
  boolean follow(Follow follow);

  /** Ends a follow; returns whether it existed. */
  boolean unfollow(UserId follower, UserId followee);

  /** Waits until the background work queued before this call is done. */
  default void awaitIdle() {}

  /** Returns the counts of the background work. */
  default FanoutStats stats() {
    return FanoutStats.EMPTY;
  }

  /** Stops background work within a bounded time; what is left stays queued in the store. */
  @Override
  default void close() {}
}
