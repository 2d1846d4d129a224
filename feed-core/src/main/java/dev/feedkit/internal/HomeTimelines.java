package dev.feedkit.internal;

import dev.feedkit.Post;
import dev.feedkit.UserId;
import dev.feedkit.spi.Follow;
import java.util.List;

/**
 * How home timelines are answered: the seam between the feed's writes and a fan-out policy. The
 * engine calls the hooks after each write has been stored; a policy that materializes timelines
 * keeps them in step there.
 */
public interface HomeTimelines extends AutoCloseable {

  /**
   * Returns the newest posts of {@code user}'s home timeline, at most {@code limit}, with {@code
   * after < id < before}, largest id first.
   */
  List<Post> read(UserId user, long before, long after, int limit);

  /** A post was stored. */
  default void posted(Post post) {}

  /** A post was deleted. */
  default void deleted(Post post) {}

  /** A follow was made. */
  default void followed(Follow follow) {}

  /** A follow was ended. */
  default void unfollowed(UserId follower, UserId followee) {}

  /** Waits until the work the hooks started is done. */
  default void awaitIdle() {}

  /** Finishes pending work. */
  @Override
  default void close() {}
}
