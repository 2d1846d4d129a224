package dev.feedkit.spi;

import dev.feedkit.FollowState;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.UserId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
   * Returns, for each of {@code others}, whether {@code user} follows it and whether it follows
   * {@code user}: an entry only where either holds. A database answers in one statement (the
   * PostgreSQL store: two probes of the follows' primary key per id, {@code = ANY(:ids)}).
   *
   * <p>The default calls {@link #exists} twice per id: fine in memory, two round trips per id
   * anywhere else.
   *
   * @param user the user seen from
   * @param others distinct ids, at most {@link dev.feedkit.Feed#MAX_BATCH}, possibly unknown
   */
  default Map<UserId, FollowState> followStates(UserId user, Set<UserId> others) {
    Map<UserId, FollowState> states = new HashMap<>();
    for (UserId other : others) {
      FollowState state = new FollowState(exists(user, other), exists(other, user));
      if (!state.equals(FollowState.NONE)) {
        states.put(other, state);
      }
    }
    return states;
  }

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
   * Returns who follows {@code user}, by follow id, with {@code after < followId < before}: at
   * most {@code limit} connections from the end of the range that {@code order} names, in that
   * order.
   *
   * <p>The default answers {@link Order#OLDEST_FIRST} by walking {@link #followers(UserId, long,
   * long, int)} down the whole range; a store overrides it with a scan up from {@code after}.
   */
  default List<Connection> followers(UserId user, long before, long after, int limit, Order order) {
    if (order == Order.NEWEST_FIRST) {
      return followers(user, before, after, limit);
    }
    return OldestWalk.oldest(
        before,
        limit,
        bound -> followers(user, bound, after, OldestWalk.STEP),
        Connection::followId);
  }

  /**
   * Returns whom {@code user} follows, by follow id, with {@code after < followId < before}: at
   * most {@code limit} connections from the end of the range that {@code order} names, in that
   * order.
   *
   * <p>The default answers {@link Order#OLDEST_FIRST} by walking {@link #following(UserId, long,
   * long, int)} down the whole range; a store overrides it with a scan up from {@code after}.
   */
  default List<Connection> following(UserId user, long before, long after, int limit, Order order) {
    if (order == Order.NEWEST_FIRST) {
      return following(user, before, after, limit);
    }
    return OldestWalk.oldest(
        before,
        limit,
        bound -> following(user, bound, after, OldestWalk.STEP),
        Connection::followId);
  }

  /**
   * Returns the ids of everyone {@code user} follows, in no particular order. The pull timeline
   * merges their posts; the list may be long (thousands).
   */
  List<UserId> followeeIds(UserId user);
}
