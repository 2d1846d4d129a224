package dev.feedkit.internal;

import dev.feedkit.CacheConfig;
import dev.feedkit.CacheStats;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.FeedStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * What the feed reads through in front of its store: posts by id, users by id and by handle,
 * followee lists, and the first pages of home timelines. {@link #of} gives the Caffeine caches
 * ({@link CaffeineFeedCache}) or, when caching is disabled, a pass-through that keeps nothing
 * ({@link DisabledFeedCache}), so that no caller asks whether caching is on.
 *
 * <p>Purely local: {@link Changes} tells it what writes changed, this feed's and other nodes'
 * alike. Implementations are safe for use by many threads at once.
 */
interface FeedCache {

  /** The caches {@code config} asks for over {@code store}. */
  static FeedCache of(FeedStore store, CacheConfig config) {
    return config.enabled() ? new CaffeineFeedCache(store, config) : new DisabledFeedCache(store);
  }

  /** The stamps cached home pages are checked against, which {@link Changes} moves. */
  Stamps stamps();

  /** Returns the post with this id, unless there is none or it was deleted. */
  Optional<Post> post(PostId id);

  /** A post was deleted from the store: forgets it. */
  void postDeleted(PostId id);

  /** Returns the user with this id. */
  Optional<User> user(UserId id);

  /**
   * Returns the users with these distinct ids that exist, in a map of unspecified order; the
   * ones not cached are read from the store in one batch.
   */
  Map<UserId, User> users(Set<UserId> ids);

  /** Returns the user with this valid handle, in any case. */
  Optional<User> userByHandle(String handle);

  /** Returns the ids of everyone {@code user} follows, in no particular order. */
  List<UserId> followees(UserId user);

  /** A follow of {@code follower} was made or ended in the store: forgets their followees. */
  void followsChanged(UserId follower);

  /** Changes may have been missed: forgets everything cached and outdates every page. */
  void dropAll();

  /**
   * Returns the newest {@code want} posts of {@code user}'s home timeline (fewer if it has fewer),
   * from the cache when a cached page is still right and long enough.
   *
   * @param compute reads the newest {@code n} posts from the timelines
   */
  List<Post> firstPage(UserId user, int want, IntFunction<HomeRead> compute);

  /** The statistics of the post cache. */
  CacheStats postStats();

  /** The statistics of the user caches, by id and by handle together. */
  CacheStats userStats();

  /** The statistics of the followee-list cache. */
  CacheStats followeeStats();

  /** The statistics of the home-page cache. */
  CacheStats homePageStats();
}
