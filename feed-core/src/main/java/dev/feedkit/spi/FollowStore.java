package dev.feedkit.spi;

import dev.feedkit.NoSuchUserException;
import dev.feedkit.UserId;
import java.util.List;

/**
 * Follows, and the follower and following counters of {@link UserStore#counts}.
 *
 * <p>Implementations are safe for use by many threads at once; see {@link FeedStore} for what every
 * call promises.
 */
public interface FollowStore {

  /**
   * Adds a follow, and adds one to the follower's "following" and the followee's "followers"
   * counters in the same atomic step. If the pair already exists, nothing changes: the existing
   * follow keeps its id.
   *
   * @param follow the follow; its two users differ
   * @return whether the follow was added
   * @throws NoSuchUserException if either user does not exist
   */
  boolean insert(Follow follow);

  /**
   * Removes the follow of this pair, if any, and takes one from both counters in the same step.
   *
   * @return whether a follow was removed
   */
  boolean delete(UserId follower, UserId followee);

  /** Returns whether {@code follower} follows {@code followee}. */
  boolean exists(UserId follower, UserId followee);

  /**
   * Returns who follows {@code user}, by follow id: at most {@code limit} connections with {@code
   * after < followId < before}, largest first. An unknown user has no followers.
   */
  List<Connection> followers(UserId user, long before, long after, int limit);

  /**
   * Returns whom {@code user} follows, by follow id: at most {@code limit} connections with {@code
   * after < followId < before}, largest first. An unknown user follows nobody.
   */
  List<Connection> following(UserId user, long before, long after, int limit);

  /**
   * Returns the ids of everyone {@code user} follows, in no particular order. The pull timeline
   * merges their posts; the list may be long (thousands).
   */
  List<UserId> followeeIds(UserId user);
}
