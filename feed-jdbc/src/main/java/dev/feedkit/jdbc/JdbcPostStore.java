package dev.feedkit.jdbc;

import dev.feedkit.NoSuchUserException;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.StoreException;
import dev.feedkit.UserId;
import dev.feedkit.spi.Order;
import dev.feedkit.spi.PostKeyTakenException;
import dev.feedkit.spi.PostStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Posts in {@code feedkit_posts}, counted in {@code feedkit_user_counts}.
 *
 * <p>Design: inserting or deleting a post and moving its author's counter is one statement (a
 * data-modifying {@code WITH}), atomic without an explicit transaction and one round trip. The
 * pull timeline's {@link #byAuthors} is one statement too: for each author a {@code LATERAL}
 * index range scan takes at most {@code limit} ids, newest first, from the primary key alone;
 * the best {@code limit} of those are then joined back for their text, so rows are read from the
 * table only for the posts returned.
 */
final class JdbcPostStore implements PostStore {

  private static final String INSERT = Database.sql(JdbcPostStore.class, "insert");
  private static final String FIND_BY_ID = Database.sql(JdbcPostStore.class, "findById");
  private static final String FIND_BY_KEY = Database.sql(JdbcPostStore.class, "findByKey");
  private static final String DELETE = Database.sql(JdbcPostStore.class, "delete");
  private static final Map<Order, String> BY_AUTHOR =
      Database.ordered(JdbcPostStore.class, "byAuthor");
  private static final Map<Order, String> BY_AUTHORS =
      Database.ordered(JdbcPostStore.class, "byAuthors");

  private final Database db;

  JdbcPostStore(Database db) {
    this.db = db;
  }

  @Override
  public void insert(Post post, Optional<String> keyHash) {
    insertOnce(
        post,
        keyHash,
        () ->
            db.update(
                "store a post",
                h -> bindPost(h.createUpdate(INSERT), post, keyHash).execute(),
                state -> insertViolation(post, keyHash, state)));
  }

  /**
   * Runs a post's insert; when its idempotency key is taken, answers with the post that holds it.
   * If that post was deleted between the two (the key is free again), the insert runs once more.
   *
   * @throws PostKeyTakenException with the post that holds the key
   */
  <T> T insertOnce(Post post, Optional<String> keyHash, Supplier<T> insert) {
    for (int attempt = 1; ; attempt++) {
      try {
        return insert.get();
      } catch (KeyTaken e) {
        Optional<Post> holder = findByKey(post.author(), keyHash.orElseThrow());
        if (holder.isPresent()) {
          throw new PostKeyTakenException(holder.get());
        }
        if (attempt == 3) {
          throw new StoreException(
              "could not store a post: its idempotency key was taken and"
                  + " freed again three times over");
        }
      }
    }
  }

  private Optional<Post> findByKey(UserId author, String keyHash) {
    return db.read(
        "find a post by its idempotency key",
        h ->
            h.createQuery(FIND_BY_KEY)
                .bind("author", author.value())
                .bind("key", keyHash)
                .map(Rows.POST)
                .findOne());
  }

  /**
   * Binds a new post as {@code :author}, {@code :id}, {@code :text}, {@code :createdAt} and
   * {@code :key} (the hash of its idempotency key in hex, or null).
   */
  static <S extends SqlStatement<S>> S bindPost(S statement, Post post, Optional<String> keyHash) {
    return statement
        .bind("author", post.author().value())
        .bind("id", post.id().value())
        .bind("text", post.text())
        .bind("createdAt", Rows.timestamp(post.createdAt()))
        .bind("key", keyHash.orElse(null));
  }

  /**
   * What a constraint violation of a post's insert means: a missing author; with a key, the key
   * taken (the only unique index a new, unused id can meet); without one, a used id.
   */
  static RuntimeException insertViolation(Post post, Optional<String> keyHash, String state) {
    return switch (state) {
      case "23503" -> new NoSuchUserException(post.author());
      case "23505" ->
          keyHash.isPresent()
              ? new KeyTaken()
              : new IllegalArgumentException("post id " + post.id() + " is already used");
      default -> null;
    };
  }

  /** The insert met the author's post under the same idempotency key; it stored nothing. */
  static final class KeyTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KeyTaken() {
      super(null, null, false, false);
    }
  }

  @Override
  public Optional<Post> findById(PostId id) {
    return db.read(
        "find a post",
        h -> h.createQuery(FIND_BY_ID).bind("id", id.value()).map(Rows.POST).findOne());
  }

  @Override
  public boolean delete(PostId id) {
    return db.update(
        "delete a post",
        h -> h.createUpdate(DELETE).bind("id", id.value()).execute() > 0,
        state -> null);
  }

  @Override
  public List<Post> byAuthor(UserId author, long before, long after, int limit) {
    return byAuthor(author, before, after, limit, Order.NEWEST_FIRST);
  }

  @Override
  public List<Post> byAuthor(UserId author, long before, long after, int limit, Order order) {
    return db.read(
        "read posts",
        h ->
            h.createQuery(BY_AUTHOR.get(order))
                .bind("author", author.value())
                .bind("before", before)
                .bind("after", after)
                .bind("limit", limit)
                .map(Rows.POST)
                .list());
  }

  @Override
  public List<Post> byAuthors(Collection<UserId> authors, long before, long after, int limit) {
    return byAuthors(authors, before, after, limit, Order.NEWEST_FIRST);
  }

  @Override
  public List<Post> byAuthors(
      Collection<UserId> authors, long before, long after, int limit, Order order) {
    if (authors.isEmpty() || after >= before) {
      return List.of();
    }
    long[] ids = authors.stream().mapToLong(UserId::value).toArray();
    return db.read(
        "read a timeline",
        h ->
            h.createQuery(BY_AUTHORS.get(order))
                .bind("authors", ids)
                .bind("before", before)
                .bind("after", after)
                .bind("limit", limit)
                .map(Rows.POST)
                .list());
  }
}
