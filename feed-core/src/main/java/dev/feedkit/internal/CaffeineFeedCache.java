package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.Weigher;
import dev.feedkit.CacheConfig;
import dev.feedkit.CacheStats;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.FeedStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link FeedCache} of a feed that caches: Caffeine caches in front of the store, of posts by
 * id, users by id and by lower-case handle, followee lists, and the first pages of home
 * timelines.
 *
 * <p>Design: posts and users never change once stored, so their entries only need dropping when
 * a post is deleted. A followee list is invalidated after each follow or unfollow of its owner;
 * Caffeine computes an absent entry atomically, and an invalidation waits for a computation of
 * the same key in flight, so a list read before a write is never kept after it. Home pages are
 * kept in {@link HomePages}, checked against {@link Stamps} rather than invalidated, and served
 * through the policy's decorator ({@link #cached}); their share of the weight is set here with the
 * others'. Caffeine runs
 * its maintenance on the calling thread and bounds each cache by an estimate of its entries'
 * bytes.
 *
 * <p>Time: the local writes and the invalidations heard from other nodes keep every entry right,
 * except after an invalidation lost without {@link #dropAll()} (a node that died between its
 * write and its notification). Entries that can go stale that way (posts, followee lists, pages)
 * therefore expire {@link CacheConfig#maximumStaleness()} after they were loaded; posts and
 * followee lists read after {@link CacheConfig#refreshAfterWrite()} are reloaded on the refresh
 * executor while the old entry is still served, so a steady reader never misses. Caffeine drops
 * a reload's result when the entry was invalidated or replaced while it ran, so a reload never
 * brings back what a write removed; a reload that fails drops the entry. Users never change, and
 * are only evicted by weight or dropped with everything else.
 *
 * <p>Purely local: {@link Changes} drops entries for this feed's writes and for other nodes' alike,
 * and publishes what they changed. When some may have been lost, {@link #dropAll()} empties every
 * cache and outdates every page.
 */
final class CaffeineFeedCache implements FeedCache {

  private static final int POSTS_SHARE = 40;
  private static final int PAGES_SHARE = 30;
  private static final int USERS_SHARE = 15;
  private static final int FOLLOWEES_SHARE = 15;
  private static final Logger LOG = LoggerFactory.getLogger(CaffeineFeedCache.class);

  private final FeedStore store;
  private final Stamps stamps;

  private final LoadingCache<PostId, Post> posts;
  private final Cache<UserId, User> usersById;
  private final Cache<String, User> usersByHandle;
  private final LoadingCache<UserId, List<UserId>> followees;
  private final HomePages homePages;

  /** A cache over {@code store} as {@code config} says, on the system ticker. */
  CaffeineFeedCache(FeedStore store, CacheConfig config) {
    this(store, config, Ticker.systemTicker(), ForkJoinPool.commonPool());
  }

  /**
   * A cache that tells time by {@code ticker}, and reloads entries in the background on {@code
   * refreshes}.
   */
  CaffeineFeedCache(FeedStore store, CacheConfig config, Ticker ticker, Executor refreshes) {
    this.store = requireNonNull(store, "store");
    requireNonNull(ticker, "ticker");
    requireNonNull(refreshes, "refreshes");
    if (!config.enabled()) {
      throw new IllegalArgumentException("a disabled config caches nothing; see FeedCache.of");
    }
    this.stamps = new Stamps(Stamps.SLOT_BITS);
    long weight = config.maximumWeight();
    posts =
        builder(config, ticker, weight * POSTS_SHARE / 100, (PostId id, Post p) -> weigh(p))
            .build(reloadedOn(refreshes, id -> store.posts().findById(id).orElse(null)));
    usersById = builder(weight * USERS_SHARE / 200, (UserId id, User u) -> weigh(u)).build();
    usersByHandle = builder(weight * USERS_SHARE / 200, (String h, User u) -> weigh(u)).build();
    followees =
        builder(
                config,
                ticker,
                weight * FOLLOWEES_SHARE / 100,
                (UserId id, List<UserId> list) -> 48 + 32 * list.size())
            .build(reloadedOn(refreshes, id -> List.copyOf(store.follows().followeeIds(id))));
    homePages =
        new HomePages(
            stamps,
            builder(
                    weight * PAGES_SHARE / 100,
                    (UserId id, HomePages.Page page) -> {
                      long bytes = 64L + 8L * page.dependencies().length;
                      for (Post p : page.posts()) {
                        bytes += 8 + weigh(p);
                      }
                      return (int) Math.min(Integer.MAX_VALUE, bytes);
                    })
                .ticker(ticker)
                .expireAfterWrite(config.maximumStaleness())
                .build());
  }

  /** A builder of a cache bounded by weight only. */
  private static <K, V> Caffeine<K, V> builder(long weight, Weigher<K, V> weigher) {
    return Caffeine.newBuilder()
        .maximumWeight(Math.max(1, weight))
        .weigher(weigher)
        .executor(Runnable::run)
        .recordStats();
  }

  /** A builder of a cache whose entries expire, and are reloaded if the config says so. */
  private static <K, V> Caffeine<K, V> builder(
      CacheConfig config, Ticker ticker, long weight, Weigher<K, V> weigher) {
    Caffeine<K, V> builder =
        builder(weight, weigher).ticker(ticker).expireAfterWrite(config.maximumStaleness());
    Duration refresh = config.refreshAfterWrite();
    return refresh.isZero() ? builder : builder.refreshAfterWrite(refresh);
  }

  /**
   * A loader whose background reloads run on {@code refreshes} rather than on the reading thread
   * (the caches' own executor, on which their maintenance runs); a reload that fails drops the
   * entry, so the next read goes to the store and sees the failure.
   */
  private static <K, V> CacheLoader<K, V> reloadedOn(Executor refreshes, Function<K, V> load) {
    return new CacheLoader<>() {
      @Override
      public V load(K key) {
        return load.apply(key);
      }

      @Override
      public CompletableFuture<V> asyncReload(K key, V oldValue, Executor executor) {
        return CompletableFuture.supplyAsync(
            () -> {
              try {
                return load.apply(key);
              } catch (RuntimeException e) {
                LOG.debug("could not reload a cache entry; dropping it", e);
                return null;
              }
            },
            refreshes);
      }
    };
  }

  private static int weigh(Post post) {
    return 96 + 2 * post.text().length();
  }

  private static int weigh(User user) {
    return 128 + 2 * (user.handle().length() + user.displayName().length());
  }

  @Override
  public Stamps stamps() {
    return stamps;
  }

  @Override
  public Optional<Post> post(PostId id) {
    return Optional.ofNullable(posts.get(id));
  }

  @Override
  public void postDeleted(PostId id) {
    posts.invalidate(id);
  }

  @Override
  public Optional<User> user(UserId id) {
    return Optional.ofNullable(usersById.get(id, key -> store.users().findById(key).orElse(null)));
  }

  @Override
  public Map<UserId, User> users(Set<UserId> ids) {
    return usersById.getAll(ids, missing -> store.users().findByIds(List.copyOf(missing)));
  }

  @Override
  public Optional<User> userByHandle(String handle) {
    return Optional.ofNullable(
        usersByHandle.get(
            Rules.canonicalHandle(handle), key -> store.users().findByHandle(key).orElse(null)));
  }

  @Override
  public List<UserId> followees(UserId user) {
    return followees.get(user);
  }

  @Override
  public void followsChanged(UserId follower) {
    followees.invalidate(follower);
  }

  @Override
  public void dropAll() {
    stamps.everythingChanged();
    posts.invalidateAll();
    usersById.invalidateAll();
    usersByHandle.invalidateAll();
    followees.invalidateAll();
    homePages.dropAll();
  }

  @Override
  public HomeTimelines cached(HomeTimelines timelines) {
    return new CachedHomeTimelines(timelines, homePages);
  }

  @Override
  public CacheStats postStats() {
    return stats(posts);
  }

  @Override
  public CacheStats userStats() {
    CacheStats byId = stats(usersById);
    CacheStats byHandle = stats(usersByHandle);
    return new CacheStats(
        byId.hits() + byHandle.hits(),
        byId.misses() + byHandle.misses(),
        byId.evictions() + byHandle.evictions(),
        byId.entries() + byHandle.entries());
  }

  @Override
  public CacheStats followeeStats() {
    return stats(followees);
  }

  @Override
  public CacheStats homePageStats() {
    return homePages.stats();
  }

  private static CacheStats stats(Cache<?, ?> cache) {
    com.github.benmanes.caffeine.cache.stats.CacheStats s = cache.stats();
    return new CacheStats(s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize());
  }
}
