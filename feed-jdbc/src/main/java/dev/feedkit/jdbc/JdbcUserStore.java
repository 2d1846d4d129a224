package dev.feedkit.jdbc;

import dev.feedkit.HandleTakenException;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
import dev.feedkit.spi.Handles;
import dev.feedkit.spi.UserStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Users and their counters in {@code feedkit_users} and {@code feedkit_user_counts}.
 *
 * <p>Design: a user and its counter row are inserted by one statement, so neither exists without
 * the other; the unique index on the lower-case handle decides races between sign-ups of one
 * handle. Handles are ASCII, so the lower-case key is made in Java with {@link Locale#ROOT} and
 * compared in the {@code "C"} collation, the same order as the memory store's. Batch reads bind
 * their ids as one {@code bigint[]} ({@code = ANY(:ids)}), one statement whatever their number.
 */
final class JdbcUserStore implements UserStore {

  /** Sorts after every character a handle may hold; the exclusive end of a prefix range. */
  private static final String AFTER_HANDLE_CHARS = "\u007f";

  private static final String INSERT = Database.sql(JdbcUserStore.class, "insert");
  private static final String FIND_BY_ID = Database.sql(JdbcUserStore.class, "findById");
  private static final String FIND_BY_HANDLE = Database.sql(JdbcUserStore.class, "findByHandle");
  private static final String SEARCH = Database.sql(JdbcUserStore.class, "searchByHandlePrefix");
  private static final String COUNTS = Database.sql(JdbcUserStore.class, "counts");
  private static final String FIND_BY_IDS = Database.sql(JdbcUserStore.class, "findByIds");
  private static final String COUNTS_BY_IDS = Database.sql(JdbcUserStore.class, "countsByIds");

  private final Database db;

  JdbcUserStore(Database db) {
    this.db = db;
  }

  @Override
  public void insert(User user) {
    db.update("create a user", h -> insert(h, user), state -> insertViolation(user, state));
  }

  /**
   * Inserts a user and its counter row on the given handle, so that a caller can make them part
   * of a larger transaction; a constraint violation is for {@link #insertViolation} to explain.
   */
  int insert(Handle h, User user) {
    return h.createUpdate(INSERT)
        .bind("id", user.id().value())
        .bind("handle", user.handle())
        .bind("handleKey", key(user.handle()))
        .bind("displayName", user.displayName())
        .bind("createdAt", Rows.timestamp(user.createdAt()))
        .execute();
  }

  /** The exception for a constraint violation of {@link #insert(Handle, User)}, or null. */
  static RuntimeException insertViolation(User user, String state) {
    return state.equals("23505")
        ? new HandleTakenException("the handle \"" + user.handle() + "\" is taken")
        : null;
  }

  @Override
  public Optional<User> findById(UserId id) {
    return db.read(
        "find a user",
        h -> h.createQuery(FIND_BY_ID).bind("id", id.value()).map(Rows.USER).findOne());
  }

  @Override
  public Map<UserId, User> findByIds(Collection<UserId> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<UserId, User> found = new HashMap<>();
    db.read(
            "find users",
            h -> h.createQuery(FIND_BY_IDS).bind("ids", values(ids)).map(Rows.USER).list())
        .forEach(user -> found.put(user.id(), user));
    return found;
  }

  @Override
  public Optional<User> findByHandle(String handle) {
    return db.read(
        "find a user",
        h -> h.createQuery(FIND_BY_HANDLE).bind("handleKey", key(handle)).map(Rows.USER).findOne());
  }

  @Override
  public List<User> searchByHandlePrefix(String prefix, int limit) {
    return db.read(
        "search users",
        h ->
            h.createQuery(SEARCH)
                .bind("from", prefix)
                .bind("to", prefix + AFTER_HANDLE_CHARS)
                .bind("limit", limit)
                .map(Rows.USER)
                .list());
  }

  @Override
  public UserCounts counts(UserId id) {
    return db.read(
            "read counts",
            h ->
                h.createQuery(COUNTS)
                    .bind("id", id.value())
                    .map(
                        (rs, ctx) ->
                            new UserCounts(
                                rs.getLong("followers"),
                                rs.getLong("following"),
                                rs.getLong("posts")))
                    .findOne())
        .orElseThrow(() -> new NoSuchUserException(id));
  }

  @Override
  public Map<UserId, UserCounts> counts(Collection<UserId> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<UserId, UserCounts> found = new HashMap<>();
    db.read(
            "read counts",
            h ->
                h.createQuery(COUNTS_BY_IDS)
                    .bind("ids", values(ids))
                    .map(
                        (rs, ctx) ->
                            Map.entry(
                                new UserId(rs.getLong("user_id")),
                                new UserCounts(
                                    rs.getLong("followers"),
                                    rs.getLong("following"),
                                    rs.getLong("posts"))))
                    .list())
        .forEach(e -> found.put(e.getKey(), e.getValue()));
    return found;
  }

  private static long[] values(Collection<UserId> ids) {
    return ids.stream().mapToLong(UserId::value).toArray();
  }

  /** The lower-case handle, as {@code handle_key} holds it. */
  static String key(String handle) {
    return Handles.canonical(handle);
  }
}
