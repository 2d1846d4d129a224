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

/**
 * What the feed reads through in front of its store: posts by id, users by id and by handle,
 * followee lists, and (through the decorator it makes) the first pages of home timelines. {@link
 * #of} gives the Caffeine caches ({@link CaffeineFeedCache}) or, when caching is disabled, a
 * pass-through that keeps nothing ({@link DisabledFeedCache}), so that no caller asks whether
 * caching is on.
 *
 * <p>Purely local: {@link Changes} tells it what writes changed, this feed's and other nodes'
 * alike. The defaults suit a cache that keeps nothing: changes are ignored, statistics empty.
 * Implementations are safe for use by many threads at once.
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
  default void postDeleted(PostId id) {}

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
  default void followsChanged(UserId follower) {}

  /** Changes may have been missed: forgets everything cached and outdates every page. */
  default void dropAll() {}

  /**
   * Returns {@code timelines} with their first pages cached here ({@link CachedHomeTimelines}), or
   * {@code timelines} themselves if nothing is cached.
   */
  HomeTimelines cached(HomeTimelines timelines);

  /** The statistics of the post cache. */
  default CacheStats postStats() {
    return CacheStats.EMPTY;
  }

  /** The statistics of the user caches, by id and by handle together. */
  default CacheStats userStats() {
    return CacheStats.EMPTY;
  }

  /** The statistics of the followee-list cache. */
  default CacheStats followeeStats() {
    return CacheStats.EMPTY;
  }

  /** The statistics of the home-page cache. */
  default CacheStats homePageStats() {
    return CacheStats.EMPTY;
  }
}
