package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;
import dev.feedkit.CacheConfig;
import dev.feedkit.CacheStats;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.Invalidation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * The feed's Caffeine caches in front of the store: posts by id, users by id and by lower-case
 * handle, followee lists, and the first pages of home timelines; or, when caching is disabled, a
 * pass-through with the same methods.
 *
 * <p>Design: posts and users never change once stored, so their entries only need dropping when
 * a post is deleted. A followee list is invalidated after each follow or unfollow of its owner;
 * Caffeine computes an absent entry atomically, and an invalidation waits for a computation of
 * the same key in flight, so a list read before a write is never kept after it. Home pages are
 * different: a post changes the pages of every follower of its author, which nobody enumerates,
 * so pages are not invalidated but checked against {@link Stamps} on every hit. Caffeine runs
 * its maintenance on the calling thread (no background pool) and bounds each cache by an
 * estimate of its entries' bytes.
 *
 * <p>Every change is published through the {@link Broadcast} (even with caching off here, since
 * other nodes may cache); the changes other nodes publish arrive through {@link #apply} and drop
 * the same entries and move the same stamps as the local write did there. When some may have been
 * lost, {@link #dropAll()} empties every cache and outdates every page.
 */
final class FeedCache {

  private static final int POSTS_SHARE = 40;
  private static final int PAGES_SHARE = 30;
  private static final int USERS_SHARE = 15;
  private static final int FOLLOWEES_SHARE = 15;

  private final FeedStore store;
  private final Broadcast broadcast;
  private final boolean enabled;
  private final Stamps stamps;
  private final Cache<PostId, Post> posts;
  private final Cache<UserId, User> usersById;
  private final Cache<String, User> usersByHandle;
  private final Cache<UserId, List<UserId>> followees;
  private final Cache<UserId, HomePage> homePages;
  private final LongAdder pageHits = new LongAdder();
  private final LongAdder pageMisses = new LongAdder();

  FeedCache(FeedStore store, CacheConfig config) {
    this(store, config, Broadcast.none());
  }

  /** A cache that publishes its changes through {@code broadcast}. */
  FeedCache(FeedStore store, CacheConfig config, Broadcast broadcast) {
    this.store = requireNonNull(store, "store");
    this.broadcast = requireNonNull(broadcast, "broadcast");
    this.enabled = config.enabled();
    this.stamps = new Stamps(enabled ? Stamps.SLOT_BITS : 0, broadcast);
    if (enabled) {
      long weight = config.maximumWeight();
      posts = build(config, weight * POSTS_SHARE / 100, (PostId id, Post p) -> weigh(p));
      usersById = build(config, weight * USERS_SHARE / 200, (UserId id, User u) -> weigh(u));
      usersByHandle = build(config, weight * USERS_SHARE / 200, (String h, User u) -> weigh(u));
      followees = build(config, weight * FOLLOWEES_SHARE / 100,
          (UserId id, List<UserId> list) -> 48 + 32 * list.size());
      homePages = build(config, weight * PAGES_SHARE / 100, (UserId id, HomePage page) -> {
        long bytes = 64L + 8L * page.dependencies.length;
        for (Post p : page.posts) {
          bytes += 8 + weigh(p);
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
      });
    } else {
      posts = null;
      usersById = null;
      usersByHandle = null;
      followees = null;
      homePages = null;
    }
  }

  private static <K, V> Cache<K, V> build(CacheConfig config, long weight, Weigher<K, V> weigher) {
    return Caffeine.newBuilder()
        .maximumWeight(Math.max(1, weight))
        .weigher(weigher)
        .expireAfterWrite(config.expireAfterWrite())
        .executor(Runnable::run)
        .recordStats()
        .build();
  }

  private static int weigh(Post post) {
    return 96 + 2 * post.text().length();
  }

  private static int weigh(User user) {
    return 128 + 2 * (user.handle().length() + user.displayName().length());
  }

  /** The stamps that writes must move for cached home pages to stay right. */
  Stamps stamps() {
    return stamps;
  }

  /** Returns the post with this id, unless there is none or it was deleted. */
  Optional<Post> post(PostId id) {
    if (!enabled) {
      return store.posts().findById(id);
    }
    return Optional.ofNullable(posts.get(id, key -> store.posts().findById(key).orElse(null)));
  }

  /** A post was deleted from the store. */
  void postDeleted(PostId id) {
    if (enabled) {
      posts.invalidate(id);
    }
    broadcast.publish(Invalidation.Kind.POSTS_DELETED, List.of(id.value()));
  }

  /** Returns the user with this id. */
  Optional<User> user(UserId id) {
    if (!enabled) {
      return store.users().findById(id);
    }
    return Optional.ofNullable(
        usersById.get(id, key -> store.users().findById(key).orElse(null)));
  }

  /** Returns the user with this valid handle, in any case. */
  Optional<User> userByHandle(String handle) {
    if (!enabled) {
      return store.users().findByHandle(handle);
    }
    return Optional.ofNullable(usersByHandle.get(Rules.canonicalHandle(handle),
        key -> store.users().findByHandle(key).orElse(null)));
  }

  /** Returns the ids of everyone {@code user} follows, in no particular order. */
  List<UserId> followees(UserId user) {
    if (!enabled) {
      return store.follows().followeeIds(user);
    }
    return followees.get(user, key -> List.copyOf(store.follows().followeeIds(key)));
  }

  /** A follow of {@code follower} was made or ended in the store. */
  void followsChanged(UserId follower) {
    if (enabled) {
      followees.invalidate(follower);
    }
    broadcast.publish(Invalidation.Kind.FOLLOWEES_CHANGED, List.of(follower.value()));
  }

  /** Applies a change another node made; publishes nothing. */
  void apply(Invalidation invalidation) {
    if (!enabled) {
      return;
    }
    switch (invalidation.kind()) {
      case POSTS_DELETED -> invalidation.ids().forEach(id -> posts.invalidate(new PostId(id)));
      case FOLLOWEES_CHANGED ->
          invalidation.ids().forEach(id -> followees.invalidate(new UserId(id)));
      default -> stamps.apply(invalidation);
    }
  }

  /** Other nodes' changes may have been missed: forgets everything cached. */
  void dropAll() {
    if (!enabled) {
      return;
    }
    stamps.markEverything();
    posts.invalidateAll();
    usersById.invalidateAll();
    usersByHandle.invalidateAll();
    followees.invalidateAll();
    homePages.invalidateAll();
  }

  /**
   * Returns the newest {@code want} posts of {@code user}'s home timeline (fewer if it has fewer),
   * from the cache when a cached page is still right and long enough.
   *
   * @param compute reads the newest {@code n} posts from the timelines
   */
  List<Post> firstPage(UserId user, int want, IntFunction<HomeRead> compute) {
    if (!enabled) {
      return compute.apply(want).posts();
    }
    HomePage page = homePages.policy().getIfPresentQuietly(user);
    if (page != null
        && (page.posts.size() >= want || page.complete)
        && stamps.unchangedSince(page.stamp, user, page.dependencies)) {
      pageHits.increment();
      return page.posts.size() <= want ? page.posts : page.posts.subList(0, want);
    }
    pageMisses.increment();
    long stamp = stamps.now();
    HomeRead read = compute.apply(want);
    Set<UserId> dependencies = new LinkedHashSet<>(read.merged());
    for (Post p : read.posts()) {
      dependencies.add(p.author());
    }
    homePages.put(user, new HomePage(List.copyOf(read.posts()), read.posts().size() < want,
        stamp, dependencies.toArray(new UserId[0])));
    return read.posts();
  }

  CacheStats postStats() {
    return enabled ? stats(posts) : CacheStats.EMPTY;
  }

  CacheStats userStats() {
    if (!enabled) {
      return CacheStats.EMPTY;
    }
    CacheStats byId = stats(usersById);
    CacheStats byHandle = stats(usersByHandle);
    return new CacheStats(byId.hits() + byHandle.hits(), byId.misses() + byHandle.misses(),
        byId.evictions() + byHandle.evictions(), byId.entries() + byHandle.entries());
  }

  CacheStats followeeStats() {
    return enabled ? stats(followees) : CacheStats.EMPTY;
  }

  CacheStats homePageStats() {
    if (!enabled) {
      return CacheStats.EMPTY;
    }
    return new CacheStats(pageHits.sum(), pageMisses.sum(),
        homePages.stats().evictionCount(), homePages.estimatedSize());
  }

  private static CacheStats stats(Cache<?, ?> cache) {
    com.github.benmanes.caffeine.cache.stats.CacheStats s = cache.stats();
    return new CacheStats(s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize());
  }

  /**
   * A cached first page: the newest posts of a home timeline, whether they are all of it, the
   * stamp taken before they were read, and the authors whose changes would change them.
   */
  private record HomePage(List<Post> posts, boolean complete, long stamp, UserId[] dependencies) {}
}
