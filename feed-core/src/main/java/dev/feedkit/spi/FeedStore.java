package dev.feedkit.spi;

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
