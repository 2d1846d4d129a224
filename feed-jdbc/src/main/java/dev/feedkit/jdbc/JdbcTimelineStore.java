package dev.feedkit.jdbc;

import dev.feedkit.NoSuchUserException;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.UserId;
import dev.feedkit.spi.Delivery;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.HomeSlice;
import dev.feedkit.spi.Job;
import dev.feedkit.spi.Order;
import dev.feedkit.spi.TimelineSlice;
import dev.feedkit.spi.TimelineStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materialized home timelines of a {@link JdbcFeedStore}, in {@code feedkit_home_timeline}
 * (entries by owner), {@code feedkit_timeline_owners} (horizons) and {@code
 * feedkit_fanout_authors} (the authors who are not {@link Delivery#PUSH}).
 *
 * <p>Design notes:
 * <ul>
 *   <li>Every write is set-based: a post's fan-out is one {@code INSERT ... SELECT} from the
 *       follows, a backfill one {@code INSERT ... SELECT ... LIMIT} from the author's posts, a
 *       trim one statement over all the timelines it trims. Entries are keyed by (owner, post) and
 *       inserted with {@code ON CONFLICT DO NOTHING}, so every write may be repeated.
 *   <li>Trims are batched: a timeline may grow past the cap by about a {@value #TRIM_SLACK}th of
 *       it before it is trimmed back. Each write of a post into a timeline trims that timeline
 *       with a chance of one in that slack ({@link #trims}), decided by a hash of the owner and the
 *       post (so the growth is geometric: on average a slack's worth, more than three with a
 *       chance of e^-3 = 5%; a trim of one timeline costs about as much as inserting a few
 *       hundred entries, and a lower slack would let the average timeline grow by more), so
 *       that a retried fan-out trims the same timelines; a backfill, which may add a whole
 *       cap's worth at once, always trims. A trim raises the horizon in the same statement
 *       as it deletes, so a reader never sees entries gone below an old horizon.
 *   <li>Locks: the owner's {@code feedkit_timeline_owners} row orders the writes to one timeline
 *       that must not interleave: a backfill, an unfollow's clean-up, a trim. Statements that
 *       take many of them take them in ascending owner order. Fan-out and own-post inserts take
 *       none, and commit before their trim begins, so that an insert waiting for another's
 *       uncommitted entry never holds an owner's lock that the other waits for. What deadlocks
 *       remain possible (a trim racing a delete's clean-up over the same entries) are rolled back
 *       by PostgreSQL and run again by {@link Database}.
 *   <li>A read is one statement: entries newest first from the primary key, each probed for its
 *       post and its author's follow, and the horizon, in one snapshot. A home page ({@link
 *       #readHome}) is one statement too: those entries, the posts of the followees merged on
 *       read, the horizon and who those followees are.
 * </ul>
 *
 * <p>Safe for use by many threads at once: every call is a statement or a transaction of its own.
 */
final class JdbcTimelineStore implements TimelineStore {

  /** A timeline is trimmed back to its cap after growing past it by about cap / this. */
  static final int TRIM_SLACK = 2;

  private static final String INSERT_POST = sql("insertPost");
  private static final String DELETE_POST = sql("deletePost");
  private static final String DELIVERY_FOR_SHARE = sql("deliveryForShare");
  private static final String FAN_OUT_LOCK = sql("fanOutLock");
  private static final String FAN_OUT = sql("fanOut");
  private static final String AUTHOR_SHARE = sql("authorShare");
  private static final String UNFOLLOW_LOCK = sql("unfollowLock");
  private static final String TRIM = sql("trim");
  private static final String LOCK_OWNER = sql("lockOwner");
  private static final String BACKFILL = sql("backfill");
  private static final String BACKFILL_FOLLOWERS = sql("backfillFollowers");
  private static final String REMOVE_AUTHOR = sql("removeAuthor");
  private static final String REMOVE_POST = sql("removePost");
  private static final Map<Order, String> READ = timelineRead("read");
  private static final Map<Order, String> READ_HOME = timelineRead("readHome");
  private static final String DELIVERY = sql("delivery");
  private static final String INSERT_DELIVERY = sql("insertDelivery");
  private static final String DELETE_DELIVERY = sql("deleteDelivery");
  private static final String UPDATE_DELIVERY = sql("updateDelivery");
  private static final String FOLLOWEES_MERGED_ON_READ = sql("followeesMergedOnRead");

  private static final Comparator<Post> OLDEST_FIRST =
      Comparator.comparingLong(p -> p.id().value());
  private static final Map<Order, Comparator<Post>> SORT =
      Map.of(Order.NEWEST_FIRST, OLDEST_FIRST.reversed(), Order.OLDEST_FIRST, OLDEST_FIRST);

  private static final Logger LOG = LoggerFactory.getLogger(JdbcTimelineStore.class);

  private final Database db;
  private final JdbcPostStore posts;

  JdbcTimelineStore(Database db, JdbcPostStore posts) {
    this.db = db;
    this.posts = posts;
  }

  private static String sql(String name) {
    return Database.sql(JdbcTimelineStore.class, name);
  }

  /**
   * A read of entries in both orders, with {@code {above}}, the entries' lower bound, written as
   * {@code :after} newest first, and oldest first as {@code :after} and above the horizon (see
   * {@code read.sql}).
   */
  static Map<Order, String> timelineRead(String name) {
    Map<Order, String> byOrder = Database.ordered(JdbcTimelineStore.class, name);
    byOrder.replaceAll(
        (order, sql) ->
            sql.replace(
                "{above}",
                order == Order.NEWEST_FIRST
                    ? ":after"
                    : ":after AND t.post_id + 0 > (SELECT horizon FROM h)"));
    return byOrder;
  }

  @Override
  public Delivery insertPost(Post post, Optional<String> keyHash, int cap, List<Job> jobs) {
    long author = post.author().value();
    long id = post.id().value();
    Delivery delivery =
        Delivery.valueOf(
            posts.insertOnce(
                post,
                keyHash,
                () ->
                    db.update(
                        "store a post",
                        h ->
                            JdbcPostStore.bindPost(
                                    JdbcJobQueue.bindJobs(h.createQuery(INSERT_POST), jobs),
                                    post,
                                    keyHash)
                                .mapTo(String.class)
                                .one(),
                        state -> JdbcPostStore.insertViolation(post, keyHash, state))));
    if (trims(author, id, cap)) {
      trimLater("trim a timeline", new long[] {author}, cap);
    }
    return delivery;
  }

  @Override
  public boolean deletePost(PostId post, List<Job> jobs) {
    return db.update(
        "delete a post",
        h ->
            JdbcJobQueue.bindJobs(h.createUpdate(DELETE_POST), jobs)
                    .bind("id", post.value())
                    .execute()
                > 0,
        state -> null);
  }

  @Override
  public boolean insertFollow(Follow follow, int cap, List<Job> jobs) {
    long owner = follow.follower().value();
    long author = follow.followee().value();
    return db.transaction(
        "follow",
        h -> {
          if (!JdbcFollowStore.insert(h, follow)) {
            return false;
          }
          boolean pulled =
              h.createQuery(DELIVERY_FOR_SHARE)
                  .bind("author", author)
                  .mapTo(String.class)
                  .findOne()
                  .map(Delivery::valueOf)
                  .filter(delivery -> !delivery.pushes())
                  .isPresent();
          if (!pulled) {
            lockOwner(h, owner);
            h.createUpdate(BACKFILL)
                .bind("owner", owner)
                .bind("author", author)
                .bind("cap", cap)
                .execute();
            trim(h, new long[] {owner}, cap);
          }
          JdbcJobQueue.add(h, jobs);
          return true;
        },
        state -> null);
  }

  @Override
  public boolean deleteFollow(UserId follower, UserId followee, List<Job> jobs) {
    // The former followee's entries leave the follower's timeline in this transaction, after
    // every fan-out of the followee in flight (unfollowLock.sql), so reads need not check that
    // an entry's author is still followed; the clean-up job is done here, not queued.
    List<Job> rest = Job.except(Job.Kind.REMOVE_AUTHOR, jobs);
    return db.transaction(
        "unfollow",
        h -> {
          if (!JdbcFollowStore.delete(h, follower, followee)) {
            return false;
          }
          JdbcJobQueue.add(h, rest);
          return true;
        },
        state -> null);
  }

  /**
   * Removes a former followee's entries from the former follower's timeline, inside the
   * transaction of {@code h} that has just removed their follow (and holds both users' counter
   * rows): after every fan-out or backfill of the followee in flight, which it waits for.
   */
  static void removeUnfollowed(Handle h, UserId owner, UserId author) {
    h.createQuery(UNFOLLOW_LOCK).bind("author", author.value()).mapTo(Long.class).list();
    h.createUpdate(REMOVE_AUTHOR)
        .bind("owner", owner.value())
        .bind("author", author.value())
        .execute();
  }

  @Override
  public List<UserId> fanOut(Post post, int cap) {
    long id = post.id().value();
    long[] followers =
        db.transaction(
            "fan out a post",
            h -> {
              boolean exists =
                  !h.createQuery(FAN_OUT_LOCK)
                      .bind("author", post.author().value())
                      .bind("post", id)
                      .mapTo(Long.class)
                      .list()
                      .isEmpty();
              return exists
                  ? longs(
                      h.createQuery(FAN_OUT)
                          .bind("author", post.author().value())
                          .bind("post", id)
                          .mapTo(Long.class)
                          .list())
                  : new long[0];
            },
            state -> null);
    long[] trimmed =
        Arrays.stream(followers).filter(owner -> trims(owner, id, cap)).sorted().toArray();
    if (trimmed.length > 0) {
      trim("trim timelines after a fan-out", trimmed, cap);
    }
    return userIds(followers);
  }

  @Override
  public void backfill(UserId owner, UserId author, int cap) {
    db.transaction(
        "copy a followee's posts into a timeline",
        h -> {
          lockOwner(h, owner.value());
          h.createUpdate(BACKFILL)
              .bind("owner", owner.value())
              .bind("author", author.value())
              .bind("cap", cap)
              .execute();
          return trim(h, new long[] {owner.value()}, cap);
        },
        state -> null);
  }

  @Override
  public List<UserId> backfillFollowers(UserId author, int cap) {
    long[] owners =
        db.transaction(
            "copy an author's posts into their followers' timelines",
            h -> {
              h.createQuery(AUTHOR_SHARE).bind("author", author.value()).mapTo(Long.class).list();
              long[] filled =
                  longs(
                      h.createQuery(BACKFILL_FOLLOWERS)
                          .bind("author", author.value())
                          .bind("cap", cap)
                          .mapTo(Long.class)
                          .list());
              Arrays.sort(filled);
              if (filled.length > 0) {
                trim(h, filled, cap);
              }
              return filled;
            },
            state -> null);
    return userIds(owners);
  }

  @Override
  public void removeAuthor(UserId owner, UserId author) {
    db.transaction(
        "remove an unfollowed author's posts from a timeline",
        h -> {
          lockOwner(h, owner.value());
          return h.createUpdate(REMOVE_AUTHOR)
              .bind("owner", owner.value())
              .bind("author", author.value())
              .execute();
        },
        state -> null);
  }

  @Override
  public void removePost(PostId post, UserId author) {
    db.update(
        "remove a deleted post from timelines",
        h -> h.createUpdate(REMOVE_POST).bind("post", post.value()).execute(),
        state -> null);
  }

  @Override
  public TimelineSlice read(UserId owner, long before, long after, int limit) {
    return read(owner, before, after, limit, Order.NEWEST_FIRST);
  }

  @Override
  public TimelineSlice read(UserId owner, long before, long after, int limit, Order order) {
    List<SliceRow> rows =
        db.read(
            "read a timeline",
            h ->
                h.createQuery(READ.get(order))
                    .bind("owner", owner.value())
                    .bind("before", before)
                    .bind("after", after)
                    .bind("limit", limit)
                    .map(
                        (rs, ctx) -> {
                          long horizon = rs.getLong("horizon");
                          rs.getLong("id");
                          return new SliceRow(
                              horizon, rs.wasNull() ? null : Rows.POST.map(rs, ctx));
                        })
                    .list());
    return new TimelineSlice(
        posts(rows, SliceRow::post, order), rows.isEmpty() ? 0 : rows.get(0).horizon);
  }

  /** The posts of a read's rows (a row without one stands for the horizon alone), in order. */
  private static <R> List<Post> posts(List<R> rows, Function<R, Post> post, Order order) {
    List<Post> posts = new ArrayList<>(rows.size());
    for (R row : rows) {
      Post p = post.apply(row);
      if (p != null) {
        posts.add(p);
      }
    }
    posts.sort(SORT.get(order));
    return posts;
  }

  /** A row of {@code read.sql}: the horizon, and a post unless the timeline had none. */
  private record SliceRow(long horizon, Post post) {}

  /** {@link dev.feedkit.spi.FeedStore#readHome}, in one statement. */
  HomeSlice readHome(UserId owner, long before, long after, int limit, Order order) {
    List<HomeRow> rows =
        db.read(
            "read a home timeline",
            h ->
                h.createQuery(READ_HOME.get(order))
                    .bind("owner", owner.value())
                    .bind("before", before)
                    .bind("after", after)
                    .bind("limit", limit)
                    .map(
                        (rs, ctx) -> {
                          long horizon = rs.getLong("horizon");
                          Long[] merged = (Long[]) rs.getArray("merged").getArray();
                          rs.getLong("id");
                          return new HomeRow(
                              horizon, merged, rs.wasNull() ? null : Rows.POST.map(rs, ctx));
                        })
                    .list());
    if (rows.isEmpty()) {
      return new HomeSlice(List.of(), 0, List.of());
    }
    List<Post> posts = posts(rows, HomeRow::post, order);
    Long[] ids = rows.get(0).merged;
    List<UserId> merged = new ArrayList<>(ids.length);
    for (Long id : ids) {
      merged.add(new UserId(id));
    }
    return new HomeSlice(posts, rows.get(0).horizon, merged);
  }

  /** A row of {@code readHome.sql}: the horizon, the merged authors, and a post or none. */
  private record HomeRow(long horizon, Long[] merged, Post post) {}

  @Override
  public Delivery delivery(UserId author) {
    return db.read(
            "read an author's delivery",
            h ->
                h.createQuery(DELIVERY)
                    .bind("author", author.value())
                    .mapTo(String.class)
                    .findOne())
        .map(Delivery::valueOf)
        .orElse(Delivery.PUSH);
  }

  @Override
  public boolean changeDelivery(UserId author, Delivery expected, Delivery update) {
    if (expected == update) {
      return delivery(author) == expected;
    }
    return db.update(
        "change an author's delivery",
        h -> {
          Update change;
          if (expected == Delivery.PUSH) {
            change = h.createUpdate(INSERT_DELIVERY).bind("update", update.name());
          } else if (update == Delivery.PUSH) {
            change = h.createUpdate(DELETE_DELIVERY).bind("expected", expected.name());
          } else {
            change =
                h.createUpdate(UPDATE_DELIVERY)
                    .bind("expected", expected.name())
                    .bind("update", update.name());
          }
          return change.bind("author", author.value()).execute() == 1;
        },
        state -> state.equals("23503") ? new NoSuchUserException(author) : null);
  }

  @Override
  public List<UserId> followeesMergedOnRead(UserId owner) {
    return db.read(
        "list the followees merged on read",
        h ->
            h.createQuery(FOLLOWEES_MERGED_ON_READ)
                .bind("owner", owner.value())
                .map((rs, ctx) -> new UserId(rs.getLong(1)))
                .list());
  }

  /**
   * Whether writing {@code post} into {@code owner}'s timeline also trims it: for about one write
   * in {@code cap / TRIM_SLACK} (every write for caps below {@code 2 * TRIM_SLACK}), chosen by a
   * hash of both ids so that a repeated write decides the same.
   */
  static boolean trims(long owner, long post, int cap) {
    int every = Math.max(1, cap / TRIM_SLACK);
    if (every == 1) {
      return true;
    }
    long h = owner * 0x9E3779B97F4A7C15L ^ post;
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    return Long.remainderUnsigned(h, every) == 0;
  }

  /**
   * Trims the timelines of {@code owners} after a write that has committed: a failure is logged,
   * not thrown, since the write stands and a later write trims again.
   */
  private void trimLater(String what, long[] owners, int cap) {
    try {
      trim(what, owners, cap);
    } catch (RuntimeException e) {
      LOG.debug("could not {}; a later write trims it: {}", what, e.toString());
    }
  }

  /** Trims the timelines of {@code owners} (distinct, ascending), as a statement of its own. */
  private void trim(String what, long[] owners, int cap) {
    db.update(what, h -> trim(h, owners, cap), state -> null);
  }

  private static int trim(Handle h, long[] owners, int cap) {
    return h.createUpdate(TRIM).bind("owners", owners).bind("cap", cap).execute();
  }

  private static void lockOwner(Handle h, long owner) {
    h.createUpdate(LOCK_OWNER).bind("owner", owner).execute();
  }

  private static long[] longs(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  private static List<UserId> userIds(long[] ids) {
    List<UserId> users = new ArrayList<>(ids.length);
    for (long id : ids) {
      users.add(new UserId(id));
    }
    return users;
  }
}
