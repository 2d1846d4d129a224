package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.FanoutPolicy;
import dev.feedkit.FanoutStats;
import dev.feedkit.Post;
import dev.feedkit.UserId;
import dev.feedkit.spi.Delivery;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.TimelineSlice;
import dev.feedkit.spi.TimelineStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Push and hybrid fan-out over the store's materialized, capped timelines ({@link
 * TimelineStore}); push is hybrid with no author ever pulled.
 *
 * <p>Invariant: the materialized timeline of U holds every post above U's horizon whose author is
 * U or a followee of U whose {@link Delivery} pushes. It is kept by: the author's own entry,
 * added on the author's thread; a fan-out job per post of a pushing author, idempotent by post id;
 * a backfill on the follower's thread when a follow is made; and, when an author's delivery moves
 * from {@link Delivery#PULL} back to push, a job that sets {@link Delivery#BOTH} <em>before</em>
 * backfilling every follower, so that no post or follow made meanwhile is missed, and only then
 * sets {@link Delivery#PUSH}. The move to pull needs nothing: merging an author at read time is
 * always safe. Entries that should not be there (a deleted post, an unfollowed author) are skipped
 * by the store's read, so clean-up after unfollow and delete runs in the background and may race
 * anything.
 *
 * <p>Read: the entries above the horizon, merged with the posts of the followees whose delivery
 * is merged on read (normally none under push, a few celebrities under hybrid); below the horizon,
 * where the cap trimmed the timeline, the exact merge of the posts of everyone followed. So a page
 * costs one timeline read plus one read per pulled followee, whatever the number followed, until
 * the reader pages past the cap.
 *
 * <p>Every write moves the {@link Stamps} of what it changed after changing it, so that cached
 * first pages stay right.
 */
final class MaterializedTimelines implements HomeTimelines {

  private final FeedStore store;
  private final TimelineStore timelines;
  private final FeedCache cache;
  private final FanoutPolicy policy;
  private final int cap;
  private final FanoutExecutor executor;
  /** Authors with a delivery check queued and not yet started: checks are coalesced. */
  private final Set<UserId> checksQueued = ConcurrentHashMap.newKeySet();

  MaterializedTimelines(FeedStore store, FeedCache cache, TimelineOptions options) {
    this.store = requireNonNull(store, "store");
    this.timelines = requireNonNull(store.timelines(), "store.timelines()");
    this.cache = requireNonNull(cache, "cache");
    this.policy = options.fanout();
    this.cap = options.cap();
    this.executor = new FanoutExecutor(options.fanoutThreads(), options.fanoutQueueSize());
  }

  @Override
  public HomeRead read(UserId user, long before, long after, int limit) {
    List<UserId> merged = timelines.followeesMergedOnRead(user);
    TimelineSlice slice = timelines.read(user, before, after, limit);
    long horizon = slice.horizon();
    long low = Math.max(after, horizon);
    List<Post> posts = above(slice.posts(), horizon);
    if (!merged.isEmpty() && low < before) {
      posts = Merge.newestFirst(
          List.of(posts, store.posts().byAuthors(merged, before, low, limit)), limit);
    }
    if (posts.size() < limit && horizon > after) {
      // Past the cap: the timeline promises nothing at or below the horizon.
      long below = horizon >= before - 1 ? before : horizon + 1;
      List<Post> older = store.posts().byAuthors(
          PullTimelines.authorsOf(cache, user), below, after, limit - posts.size());
      if (!older.isEmpty()) {
        List<Post> all = new ArrayList<>(posts.size() + older.size());
        all.addAll(posts);
        all.addAll(older);
        posts = all;
      }
    }
    return new HomeRead(posts, merged);
  }

  /** The leading posts, newest first, whose ids are above {@code horizon}. */
  private static List<Post> above(List<Post> posts, long horizon) {
    int n = 0;
    while (n < posts.size() && posts.get(n).id().value() > horizon) {
      n++;
    }
    return n == posts.size() ? posts : posts.subList(0, n);
  }

  @Override
  public void posted(Post post) {
    UserId author = post.author();
    timelines.addOwn(post, cap);
    cache.stamps().ownerChanged(author);
    Delivery delivery = timelines.delivery(author);
    if (delivery.mergedOnRead()) {
      cache.stamps().authorChanged(author);
    }
    if (delivery.pushes()) {
      executor.submit("fan-out of post", post.id().value(), () -> fanOut(post));
    }
  }

  private void fanOut(Post post) {
    if (store.posts().findById(post.id()).isEmpty()) {
      return; // deleted before it was delivered
    }
    cache.stamps().ownersChanged(timelines.fanOut(post, cap));
  }

  @Override
  public void deleted(Post post) {
    cache.stamps().authorChanged(post.author());
    executor.submit("timeline clean-up of deleted post", post.id().value(),
        () -> timelines.removePost(post));
  }

  @Override
  public void followed(Follow follow) {
    if (timelines.delivery(follow.followee()).pushes()) {
      timelines.backfill(follow.follower(), follow.followee(), cap);
    }
    cache.stamps().ownerChanged(follow.follower());
    checkDeliveryLater(follow.followee());
  }

  @Override
  public void unfollowed(UserId follower, UserId followee) {
    cache.stamps().ownerChanged(follower);
    executor.submit("timeline clean-up after unfollow by user", follower.value(),
        () -> timelines.removeAuthor(follower, followee));
    checkDeliveryLater(followee);
  }

  /** Queues a check of the author's delivery against their follower count, unless one is queued. */
  private void checkDeliveryLater(UserId author) {
    if (checksQueued.add(author)) {
      executor.submit("delivery check of user", author.value(), () -> {
        checksQueued.remove(author);
        checkDelivery(author);
      });
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
        cache.stamps().everythingChanged();
      }
      return;
    }
    if (delivery == Delivery.PUSH
        || delivery == Delivery.PULL
            && !timelines.changeDelivery(author, Delivery.PULL, Delivery.BOTH)) {
      return;
    }
    // BOTH: new posts and follows are pushed from here on; bring every follower up to date.
    cache.stamps().ownersChanged(timelines.backfillFollowers(author, cap));
    Delivery next =
        policy.pushes(store.users().counts(author).followers()) ? Delivery.PUSH : Delivery.PULL;
    if (timelines.changeDelivery(author, Delivery.BOTH, next)) {
      cache.stamps().everythingChanged();
    }
  }

  @Override
  public void awaitIdle() {
    executor.awaitIdle();
  }

  @Override
  public FanoutStats stats() {
    return executor.stats();
  }

  @Override
  public void close() {
    executor.close();
  }
}
