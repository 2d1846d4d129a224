package dev.feedkit.jdbc;

import dev.feedkit.FollowState;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.UserId;
import dev.feedkit.spi.Connection;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.FollowStore;
import dev.feedkit.spi.Order;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Follows in {@code feedkit_follows}, counted in {@code feedkit_user_counts}.
 *
 * <p>Design: a follow or unfollow is one transaction that first locks the two users' counter
 * rows, always in ascending user id order, so that two transactions touching the same pair (or
 * the same users in opposite roles) queue behind each other instead of deadlocking; it then adds
 * or removes the follow and moves both counters in a single statement. Under the lock the pair
 * cannot change, so "already following" and "not following" are exact, and racing follows of one
 * pair make one follow. Missing counter rows mean missing users: a user and its counters are
 * created together. An unfollow also removes the former followee's posts from the follower's
 * home timeline, in the same transaction ({@link JdbcTimelineStore#removeUnfollowed}), so that
 * no read has to check an entry's author against the follows.
 */
final class JdbcFollowStore implements FollowStore {

  private static final String LOCK_USERS = Database.sql(JdbcFollowStore.class, "lockUsers");
  private static final String INSERT = Database.sql(JdbcFollowStore.class, "insert");
  private static final String DELETE = Database.sql(JdbcFollowStore.class, "delete");
  private static final String EXISTS = Database.sql(JdbcFollowStore.class, "exists");
  private static final String FOLLOW_STATES = Database.sql(JdbcFollowStore.class, "followStates");
  private static final Map<Order, String> FOLLOWERS =
      Database.ordered(JdbcFollowStore.class, "followers");
  private static final Map<Order, String> FOLLOWING =
      Database.ordered(JdbcFollowStore.class, "following");
  private static final String FOLLOWEE_IDS = Database.sql(JdbcFollowStore.class, "followeeIds");

  private final Database db;

  JdbcFollowStore(Database db) {
    this.db = db;
  }

  @Override
  public boolean insert(Follow follow) {
    return db.transaction("follow", h -> insert(h, follow), state -> null);
  }

  /** Makes the follow inside the transaction of {@code h}; see the class notes. */
  static boolean insert(Handle h, Follow follow) {
    long follower = follow.follower().value();
    long followee = follow.followee().value();
    List<Long> present =
        h.createQuery(LOCK_USERS).bind("a", follower).bind("b", followee).mapTo(Long.class).list();
    if (!present.contains(follower)) {
      throw new NoSuchUserException(follow.follower());
    }
    if (!present.contains(followee)) {
      throw new NoSuchUserException(follow.followee());
    }
    return h.createUpdate(INSERT)
            .bind("follower", follower)
            .bind("followee", followee)
            .bind("id", follow.id())
            .execute()
        > 0;
  }

  @Override
  public boolean delete(UserId follower, UserId followee) {
    return db.transaction("unfollow", h -> delete(h, follower, followee), state -> null);
  }

  /** Ends the follow inside the transaction of {@code h}; see the class notes. */
  static boolean delete(Handle h, UserId follower, UserId followee) {
    int present =
        h.createQuery(LOCK_USERS)
            .bind("a", follower.value())
            .bind("b", followee.value())
            .mapTo(Long.class)
            .list()
            .size();
    if (present < 2
        || h.createUpdate(DELETE)
                .bind("follower", follower.value())
                .bind("followee", followee.value())
                .execute()
            == 0) {
      return false;
    }
    // Whatever the fan-out policy: a timeline holds only the posts of those its owner follows.
    JdbcTimelineStore.removeUnfollowed(h, follower, followee);
    return true;
  }

  @Override
  public boolean exists(UserId follower, UserId followee) {
    return db.read(
        "read a follow",
        h ->
            h.createQuery(EXISTS)
                .bind("follower", follower.value())
                .bind("followee", followee.value())
                .mapTo(Boolean.class)
                .one());
  }

  @Override
  public Map<UserId, FollowState> followStates(UserId user, Set<UserId> others) {
    if (others.isEmpty()) {
      return Map.of();
    }
    long[] ids = others.stream().mapToLong(UserId::value).toArray();
    Map<UserId, FollowState> states = new HashMap<>();
    db.read(
            "read follow states",
            h ->
                h.createQuery(FOLLOW_STATES)
                    .bind("user", user.value())
                    .bind("ids", ids)
                    .map(
                        (rs, ctx) ->
                            Map.entry(
                                new UserId(rs.getLong("id")),
                                new FollowState(
                                    rs.getBoolean("following"), rs.getBoolean("followed_by"))))
                    .list())
        .forEach(entry -> states.put(entry.getKey(), entry.getValue()));
    return states;
  }

  @Override
  public List<Connection> followers(UserId user, long before, long after, int limit) {
    return followers(user, before, after, limit, Order.NEWEST_FIRST);
  }

  @Override
  public List<Connection> following(UserId user, long before, long after, int limit) {
    return following(user, before, after, limit, Order.NEWEST_FIRST);
  }

  @Override
  public List<Connection> followers(UserId user, long before, long after, int limit, Order order) {
    return connections("list followers", FOLLOWERS.get(order), user, before, after, limit);
  }

  @Override
  public List<Connection> following(UserId user, long before, long after, int limit, Order order) {
    return connections("list followees", FOLLOWING.get(order), user, before, after, limit);
  }

  private List<Connection> connections(
      String what, String sql, UserId user, long before, long after, int limit) {
    return db.read(
        what,
        h ->
            h.createQuery(sql)
                .bind("user", user.value())
                .bind("before", before)
                .bind("after", after)
                .bind("limit", limit)
                .map((rs, ctx) -> new Connection(rs.getLong("follow_id"), Rows.user(rs)))
                .list());
  }

  @Override
  public List<UserId> followeeIds(UserId user) {
    return db.read(
        "list followees",
        h ->
            h.createQuery(FOLLOWEE_IDS)
                .bind("user", user.value())
                .map((rs, ctx) -> new UserId(rs.getLong(1)))
                .list());
  }
}
