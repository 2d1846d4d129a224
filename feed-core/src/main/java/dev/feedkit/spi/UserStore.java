package dev.feedkit.spi;

import dev.feedkit.HandleTakenException;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
import java.util.List;
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
}
