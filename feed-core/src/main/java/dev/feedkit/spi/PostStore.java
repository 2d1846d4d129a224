package dev.feedkit.spi;

import dev.feedkit.NoSuchUserException;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Posts, and the post counter of {@link UserStore#counts}. A post's cursor is its id.
 *
 * <p>Implementations are safe for use by many threads at once; see {@link FeedStore} for what every
 * call promises.
 */
public interface PostStore {

  /**
   * Adds a post, and adds one to its author's post counter in the same atomic step: {@link
   * #insert(Post, Optional)} without a key.
   *
   * @param post the post; its id is new
   * @throws NoSuchUserException if the author does not exist
   */
  default void insert(Post post) {
    insert(post, Optional.empty());
  }

  /**
   * Adds a post under an idempotency key, and adds one to its author's post counter, in the same
   * atomic step, unless the author already has a post under the key.
   *
   * @param post the post; its id is new
   * @param keyHash the SHA-256 of the post's idempotency key, as 64 lower-case hex digits, if it
   *     has one; unique per author among the posts that exist
   * @throws NoSuchUserException if the author does not exist
   * @throws PostKeyTakenException if the author has a post under {@code keyHash}: nothing was
   *     stored (with concurrent inserts under one key, exactly one succeeds)
   */
  void insert(Post post, Optional<String> keyHash);

  /** Returns the post with this id, unless there is none or it was deleted. */
  Optional<Post> findById(PostId id);

  /**
   * Removes a post, and takes one from its author's post counter in the same step. A deleted
   * post is gone for every read; its id is never reused.
   *
   * @return whether the post existed
   */
  boolean delete(PostId id);

  /**
   * Returns the posts of one author: at most {@code limit} with {@code after < id < before},
   * largest id first. An unknown author has no posts.
   */
  List<Post> byAuthor(UserId author, long before, long after, int limit);

  /**
   * Returns the posts of one author with {@code after < id < before}: at most {@code limit}, from
   * the end of the range that {@code order} names, in that order.
   *
   * <p>The default answers {@link Order#OLDEST_FIRST} by walking {@link #byAuthor(UserId, long,
   * long, int)} down the whole range: exact, but in proportion to the range; a store overrides it
   * with a scan up from {@code after}.
   */
  default List<Post> byAuthor(UserId author, long before, long after, int limit, Order order) {
    if (order == Order.NEWEST_FIRST) {
      return byAuthor(author, before, after, limit);
    }
    return OldestWalk.oldest(
        before,
        limit,
        bound -> byAuthor(author, bound, after, OldestWalk.STEP),
        p -> p.id().value());
  }

  /**
   * Returns the posts of any of these authors: at most {@code limit} with {@code after < id <
   * before}, largest id first. This is the pull timeline's read, so it must not cost a round trip
   * per author: a database answers it in one statement (a per-author {@code LATERAL ... LIMIT}).
   *
   * <p>The default merges {@link #byAuthor} lists, {@code limit} from each author, with a heap: fine
   * for an in-memory store, one call per author for any other.
   *
   * @param authors distinct authors, possibly empty
   */
  default List<Post> byAuthors(Collection<UserId> authors, long before, long after, int limit) {
    List<List<Post>> lists = new ArrayList<>(authors.size());
    for (UserId author : authors) {
      lists.add(byAuthor(author, before, after, limit));
    }
    return Merge.newestFirst(lists, limit);
  }

  /**
   * Returns the posts of any of these authors with {@code after < id < before}: at most {@code
   * limit}, from the end of the range that {@code order} names, in that order; in one statement,
   * as {@link #byAuthors(Collection, long, long, int)}.
   *
   * <p>The default merges {@link #byAuthor(UserId, long, long, int, Order)} lists.
   *
   * @param authors distinct authors, possibly empty
   */
  default List<Post> byAuthors(
      Collection<UserId> authors, long before, long after, int limit, Order order) {
    if (order == Order.NEWEST_FIRST) {
      return byAuthors(authors, before, after, limit);
    }
    List<List<Post>> lists = new ArrayList<>(authors.size());
    for (UserId author : authors) {
      lists.add(byAuthor(author, before, after, limit, order));
    }
    return Merge.of(lists, limit, order);
  }
}
