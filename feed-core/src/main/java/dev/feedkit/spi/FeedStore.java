package dev.feedkit.spi;

import dev.feedkit.Post;
import dev.feedkit.UserId;
import java.util.List;

/**
 * A store for feedkit: the entry point a store module implements, handing out one object per
 * kind of row.
 *
 * <h2>What every method of every part promises</h2>
 *
 * <ul>
 *   <li>Each call is atomic: it happens completely or not at all, and rows and the counters that
 *       count them ({@link UserStore#counts}) change together. A call that throws has changed
 *       nothing.
 *   <li>Each call is durable once it returns, to the degree the store promises durability.
 *   <li>Calls are safe from many threads at once, and a call's effect is visible to every call
 *       that starts after it returns.
 *   <li>Arguments are already validated by the engine (ids positive, limits 1–201, texts within
 *       the rules, batches of 1–{@value UserStore#MAX_BATCH} distinct ids). A store checks only
 *       what it alone can know: existence and uniqueness.
 *   <li>Failures of the store itself (I/O, lost connections, exhausted retries) are thrown as
 *       {@link dev.feedkit.StoreException} with the cause kept; no checked exception escapes.
 * </ul>
 *
 * <h2>Ranges</h2>
 *
 * Range reads take {@code before} and {@code after}, exclusive bounds on the cursor ({@code
 * Long.MAX_VALUE} and {@code 0} mean unbounded), and a {@code limit}; they return at most {@code
 * limit} rows with {@code after < cursor < before}, largest cursor first. A range may be empty
 * ({@code after >= before}); it then holds no rows.
 */
public interface FeedStore extends AutoCloseable {

  /** Returns the users of this store. */
  UserStore users();

  /** Returns the follows of this store. */
  FollowStore follows();

  /** Returns the posts of this store. */
  PostStore posts();

  /** Returns the materialized home timelines of this store. */
  TimelineStore timelines();

  /** Returns the credentials and sessions of this store. */
  AccountStore accounts();

  /**
   * Returns the queue of background work that writes leave for later. It lives as long as the
   * store's other data: a store that survives a restart keeps its queue too.
   */
  JobQueue jobs();

  /**
   * Reads a page of a home timeline kept by the push or hybrid policy, down to the owner's
   * horizon: at most {@code limit} posts with {@code max(after, horizon) < id < before}, largest
   * id first, each taken once, from two sources: the owner's materialized entries, as {@link
   * TimelineStore#read} finds them (posts that exist, by the owner or by someone the owner
   * follows), and the posts of the owner's {@linkplain TimelineStore#followeesMergedOnRead
   * followees merged on read}; with the horizon and those followees. The horizon is read in the
   * same snapshot as the entries or after them, as {@link TimelineStore#read} promises. Below the
   * horizon the engine reads the authors' own posts itself.
   *
   * <p>The default composes {@link TimelineStore#followeesMergedOnRead}, {@link
   * TimelineStore#read} and {@link PostStore#byAuthors}: three calls. A database answers it in one
   * statement and one round trip (the PostgreSQL store does).
   *
   * @param owner the reader
   * @param before exclusive upper bound of the post id
   * @param after exclusive lower bound of the post id
   * @param limit 1 or more
   * @return the page, the horizon and the followees merged on read
   */
  default HomeSlice readHome(UserId owner, long before, long after, int limit) {
    return composeHome(owner, before, after, limit, Order.NEWEST_FIRST);
  }

  /**
   * Reads a page of a home timeline as {@link #readHome(UserId, long, long, int)} does, from the
   * end of the range {@code max(after, horizon) < id < before} that {@code order} names, in that
   * order. The default composes {@link TimelineStore#followeesMergedOnRead}, {@link
   * TimelineStore#read(UserId, long, long, int, Order)} and {@link PostStore#byAuthors(
   * java.util.Collection, long, long, int, Order)}.
   *
   * @param owner the reader
   * @param before exclusive upper bound of the post id
   * @param after exclusive lower bound of the post id
   * @param limit 1 or more
   * @param order which end of the range to read from
   * @return the page, the horizon and the followees merged on read
   */
  default HomeSlice readHome(UserId owner, long before, long after, int limit, Order order) {
    return order == Order.NEWEST_FIRST
        ? readHome(owner, before, after, limit)
        : composeHome(owner, before, after, limit, order);
  }

  private HomeSlice composeHome(UserId owner, long before, long after, int limit, Order order) {
    List<UserId> merged = timelines().followeesMergedOnRead(owner);
    TimelineSlice slice = timelines().read(owner, before, after, limit, order);
    long horizon = slice.horizon();
    long low = Math.max(after, horizon);
    List<Post> posts = slice.posts();
    // The entries above the horizon: a prefix newest first, a suffix oldest first.
    int above = 0;
    for (Post post : posts) {
      if (post.id().value() > horizon) {
        above++;
      }
    }
    if (above < posts.size()) {
      posts =
          order == Order.NEWEST_FIRST
              ? posts.subList(0, above)
              : posts.subList(posts.size() - above, posts.size());
    }
    if (!merged.isEmpty() && low < before) {
      posts =
          Merge.of(
              List.of(posts, posts().byAuthors(merged, before, low, limit, order)), limit, order);
    }
    return new HomeSlice(posts, horizon, merged);
  }

  /**
   * Returns the channel on which feeds over this store tell each other what their writes changed,
   * so that the caches of other application nodes drop it. The default, for a store that only one
   * process uses, is {@link Invalidations#none()}.
   */
  default Invalidations invalidations() {
    return Invalidations.none();
  }

  /**
   * Releases what the store created (a connection pool it opened, say). Closing twice does
   * nothing; no other method may be called after close. The default does nothing.
   */
  @Override
  default void close() {}
}
