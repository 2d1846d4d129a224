package dev.feedkit.spi;

import dev.feedkit.HandleTakenException;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users and their counters. Handles are ASCII ({@code [A-Za-z0-9_]}), kept as given, and compared
 * by their lower-case form ({@code handle.toLowerCase(Locale.ROOT)}).
 *
 * <p>Implementations are safe for use by many threads at once; see {@link FeedStore} for what every
 * call promises.
 */
public interface UserStore {

  /**
   * The most ids the engine passes to one batch read ({@link #findByIds}, {@link
   * #counts(Collection)}): {@value}, the same as {@link dev.feedkit.Feed#MAX_BATCH}.
   */
  int MAX_BATCH = dev.feedkit.Feed.MAX_BATCH;

  /**
   * Adds a user with all counters at zero.
   *
   * @param user the user; its id is new
   * @throws HandleTakenException if a user with the same lower-case handle exists; two concurrent
   *     inserts of one handle must leave exactly one user
   */
  void insert(User user);

  /** Returns the user with this id. */
  Optional<User> findById(UserId id);

  /**
   * Returns the users with these ids, in one round trip where the store can. The engine calls it
   * with 1–{@value #MAX_BATCH} distinct ids; the map holds an entry for each id that names a
   * user, and none for the others. Its iteration order is unspecified; the engine copies it.
   *
   * <p>The default calls {@link #findById} once per id, for stores that have no faster way.
   *
   * @param ids distinct user ids, 1–{@value #MAX_BATCH} of them
   * @return the users found, by id
   */
  default Map<UserId, User> findByIds(Collection<UserId> ids) {
    Map<UserId, User> found = new HashMap<>();
    for (UserId id : ids) {
      findById(id).ifPresent(user -> found.put(id, user));
    }
    return found;
  }

  /**
   * Returns the user whose lower-case handle equals {@code handle.toLowerCase(Locale.ROOT)}.
   *
   * @param handle a valid handle in any case
   */
  Optional<User> findByHandle(String handle);

  /**
   * Returns up to {@code limit} users whose lower-case handle starts with {@code prefix}, ordered
   * by lower-case handle ascending.
   *
   * @param prefix lower-case, only characters of {@code [a-z0-9_]}, possibly empty
   * @param limit 1–200
   */
  List<User> searchByHandlePrefix(String prefix, int limit);

  /**
   * Returns the user's counters: followers, followees and (not deleted) posts. They equal the
   * numbers of rows they count whenever no write is in flight.
   *
   * @throws NoSuchUserException if there is no such user
   */
  UserCounts counts(UserId id);

  /**
   * Returns the counters of these users, in one round trip where the store can, each as {@link
   * #counts(UserId)} would read it. The engine calls it with 1–{@value #MAX_BATCH} distinct ids;
   * the map holds an entry for each id that names a user, and none for the others (no exception
   * for a missing user). Its iteration order is unspecified; the engine copies it.
   *
   * <p>The default calls {@link #counts(UserId)} once per id, for stores that have no faster way.
   *
   * @param ids distinct user ids, 1–{@value #MAX_BATCH} of them
   * @return the counters of the users found, by id
   */
  default Map<UserId, UserCounts> counts(Collection<UserId> ids) {
    Map<UserId, UserCounts> found = new HashMap<>();
    for (UserId id : ids) {
      try {
        found.put(id, counts(id));
      } catch (NoSuchUserException e) {
        // left out, as the batch promises
      }
    }
    return found;
  }
}
