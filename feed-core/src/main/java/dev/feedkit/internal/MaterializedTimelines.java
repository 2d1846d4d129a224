package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.FanoutPolicy;
import dev.feedkit.FanoutStats;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.UserId;
import dev.feedkit.spi.Delivery;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.HomeSlice;
import dev.feedkit.spi.Job;
import dev.feedkit.spi.Order;
import dev.feedkit.spi.TimelineStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Push and hybrid fan-out over the store's materialized, capped timelines ({@link
 * TimelineStore}); push is hybrid with no author ever pulled.
 *
 * <p>Invariant: the materialized timeline of U holds every post above U's horizon whose author is
 * U or a followee of U whose {@link Delivery} pushes, once the post's fan-out job has run. It is
 * kept by: the author's own entry, stored in the same atomic step as the post and its fan-out job
 * ({@link TimelineStore#insertPost}), so an acknowledged post is always on its author's timeline
 * and always owed to the followers'; the fan-out job, idempotent by post id; a backfill in the
 * same atomic step as a follow ({@link TimelineStore#insertFollow}); and, when an author's
 * delivery moves from {@link Delivery#PULL} back to push, a job that sets {@link Delivery#BOTH}
 * <em>before</em> backfilling every follower, so that no post or follow made meanwhile is missed,
 * and only then sets {@link Delivery#PUSH}. The move to pull needs nothing: merging an author at
 * read time is always safe. Entries that should not be there (a deleted post, an unfollowed
 * author) are skipped by the store's read, so clean-up after unfollow and delete runs as jobs and
 * may race anything.
 *
 * <p>Every job is stored with the write that makes it, in the store's {@link
 * dev.feedkit.spi.JobQueue}, and run by the {@link JobWorkers} of whichever feed over the store
 * claims it first; so no crash, restart or failing store loses work, and nothing a write did needs
 * undoing when its background part fails: that part is retried until it succeeds.
 *
 * <p>Read: the entries above the horizon, merged with the posts of the followees whose delivery
 * is merged on read (normally none under push, a few celebrities under hybrid), in one store call
 * ({@link FeedStore#readHome}: one statement in PostgreSQL); below the horizon, where the cap
 * trimmed the timeline, the exact merge of the posts of everyone followed. So a page costs one
 * store call, whatever the number followed, until the reader pages past the cap. A page of the
 * oldest entries of a range ({@link Order#OLDEST_FIRST}) reads the same two sources from the
 * other end, the authors' posts first when the range starts below the horizon.
 *
 * <p>Every write reports what it changed to the {@link Changes} after changing it, so that cached
 * first pages and other nodes' caches stay right.
 */
final class MaterializedTimelines implements HomeTimelines {

  private final FeedStore store;
  private final TimelineStore timelines;
  private final Followees followees;
  private final Changes changes;
  private final FanoutPolicy policy;
  private final int cap;
  private final boolean pushesAlways;
  private final JobWorkers workers;

  MaterializedTimelines(
      FeedStore store, Followees followees, Changes changes, TimelineOptions options) {
    this.store = requireNonNull(store, "store");
    this.timelines = requireNonNull(store.timelines(), "store.timelines()");
    this.followees = requireNonNull(followees, "followees");
    this.changes = requireNonNull(changes, "changes");
    this.policy = options.fanout();
    this.cap = options.cap();
    this.pushesAlways = policy.pushes(Long.MAX_VALUE);
    this.workers = new JobWorkers(store.jobs(), this::run, options.tuning());
  }

  @Override
  public HomeRead read(UserId user, long before, long after, int limit, Order order) {
    HomeSlice slice = store.readHome(user, before, after, limit, order);
    long horizon = slice.horizon();
    List<Post> posts = slice.posts();
    boolean newest = order == Order.NEWEST_FIRST;
    if (horizon > after && (posts.size() < limit || !newest)) {
      // Past the cap: the timeline promises nothing at or below the horizon, where the authors'
      // own posts are merged instead. Newest first, they continue the page; oldest first, they
      // come before it.
      long below = horizon >= before - 1 ? before : horizon + 1;
      int wanted = newest ? limit - posts.size() : limit;
      List<Post> older =
          store.posts().byAuthors(followees.authorsOf(user), below, after, wanted, order);
      if (!older.isEmpty()) {
        List<Post> all = new ArrayList<>(posts.size() + older.size());
        all.addAll(newest ? posts : older);
        all.addAll(newest ? older : posts);
        posts = all.size() > limit ? all.subList(0, limit) : all;
      }
    }
    return new HomeRead(posts, slice.merged());
  }

  @Override
  public void post(Post post, Optional<String> keyHash) {
    UserId author = post.author();
    Delivery delivery =
        timelines.insertPost(
            post,
            keyHash,
            cap,
            List.of(new Job(Job.Kind.FAN_OUT, post.id().value(), author.value())));
    changes.timelineChanged(author);
    if (delivery.mergedOnRead()) {
      changes.postAdded(author);
    }
    workers.wake();
  }

  @Override
  public boolean delete(Post post) {
    long id = post.id().value();
    boolean deleted =
        timelines.deletePost(
            post.id(), List.of(new Job(Job.Kind.REMOVE_POST, id, post.author().value())));
    if (deleted) {
      changes.postDeleted(post);
      workers.wake();
    }
    return deleted;
  }

  @Override
  public boolean follow(Follow follow) {
    boolean added = timelines.insertFollow(follow, cap, deliveryChecks(follow.followee()));
    if (added) {
      changes.followChanged(follow.follower());
      workers.wake();
    }
    return added;
  }

  @Override
  public boolean unfollow(UserId follower, UserId followee) {
    List<Job> jobs = new ArrayList<>(2);
    jobs.add(new Job(Job.Kind.REMOVE_AUTHOR, follower.value(), followee.value()));
    jobs.addAll(deliveryChecks(followee));
    boolean removed = timelines.deleteFollow(follower, followee, jobs);
    if (removed) {
      changes.followChanged(follower);
      workers.wake();
    }
    return removed;
  }

  /**
   * The delivery check a change of {@code author}'s follower count calls for: one under hybrid,
   * none under push, where every author pushes.
   */
  private List<Job> deliveryChecks(UserId author) {
    return pushesAlways ? List.of() : List.of(new Job(Job.Kind.CHECK_DELIVERY, author.value(), 0));
  }

  /** Runs one background job; idempotent, as every kind must be. */
  private void run(Job job) {
    switch (job.kind()) {
      case FAN_OUT -> fanOut(new PostId(job.subject()));
      case REMOVE_POST -> timelines.removePost(new PostId(job.subject()), new UserId(job.object()));
      case REMOVE_AUTHOR ->
          timelines.removeAuthor(new UserId(job.subject()), new UserId(job.object()));
      case CHECK_DELIVERY -> checkDelivery(new UserId(job.subject()));
    }
  }

  /**
   * Copies a post into its author's followers' timelines if the author's delivery pushes now.
   * Deciding at run time rather than when the post was made is what keeps a delivery switch
   * exact: an author who moved to pull meanwhile is merged on read; one who moved back through
   * {@link Delivery#BOTH} is pushed, and their backfill covers the posts made while they pulled.
   */
  private void fanOut(PostId id) {
    Optional<Post> post = store.posts().findById(id);
    if (post.isEmpty()) {
      return; // deleted before it was delivered
    }
    UserId author = post.get().author();
    Delivery delivery = timelines.delivery(author);
    if (delivery.pushes()) {
      changes.timelinesChanged(timelines.fanOut(post.get(), cap));
    }
    if (delivery.mergedOnRead()) {
      // The delivery that post() saw was read before the post committed; one that moved to
      // pull since then, after pages merging this author were cached without the post, is
      // seen here, after the commit.
      changes.postAdded(author);
    }
  }

  /** Moves the author to pull or back to push if their follower count says so. Idempotent. */
  private void checkDelivery(UserId author) {
    Delivery delivery = timelines.delivery(author);
    if (delivery == Delivery.PUSH && policy.pushes(Long.MAX_VALUE)) {
      return; // the push policy: nobody is ever pulled
    }
    if (!policy.pushes(store.users().counts(author).followers())) {
      if (delivery != Delivery.PULL && timelines.changeDelivery(author, delivery, Delivery.PULL)) {
        changes.deliveryChanged();
      }
      return;
    }
    if (delivery == Delivery.PUSH
        || delivery == Delivery.PULL
            && !timelines.changeDelivery(author, Delivery.PULL, Delivery.BOTH)) {
      return;
    }
    // BOTH: new posts and follows are pushed from here on; bring every follower up to date.
    changes.timelinesChanged(timelines.backfillFollowers(author, cap));
    Delivery next =
        policy.pushes(store.users().counts(author).followers()) ? Delivery.PUSH : Delivery.PULL;
    if (timelines.changeDelivery(author, Delivery.BOTH, next)) {
      changes.deliveryChanged();
    }
  }

  @Override
  public void awaitIdle() {
    workers.awaitIdle();
  }

  @Override
  public FanoutStats stats() {
    return workers.stats();
  }

  @Override
  public void close() {
    workers.close();
  }
}
