package dev.feedkit.internal;

import dev.feedkit.FanoutStats;
import dev.feedkit.Post;
import dev.feedkit.UserId;
import dev.feedkit.spi.Follow;

/**
 * How home timelines are answered: the seam between the feed's writes and a fan-out policy. The
 * engine calls the hooks after each write has been stored; a policy that materializes timelines
 * keeps them in step there, and every policy moves the {@link Stamps} that cached pages depend on.
 */
interface HomeTimelines extends AutoCloseable {

  /**
   * Returns the newest posts of {@code user}'s home timeline, at most {@code limit}, with {@code
   * after < id < before}, largest id first, and the authors merged at read time to find them.
   */
  HomeRead read(UserId user, long before, long after, int limit);

  /** A post was stored. */
  void posted(Post post);

  /** A post was deleted from the store. */
  void deleted(Post post);

  /** A follow was made. */
  void followed(Follow follow);

  /** A follow was ended. */
  void unfollowed(UserId follower, UserId followee);

  /** Waits until the work the hooks started before this call is done. */
  default void awaitIdle() {}

  /** Returns the counts of the background work. */
  default FanoutStats stats() {
    return FanoutStats.EMPTY;
  }

  /** Finishes pending work. */
  @Override
  default void close() {}
}
