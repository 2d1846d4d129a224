package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import dev.feedkit.CacheStats;
import dev.feedkit.Post;
import dev.feedkit.UserId;
import dev.feedkit.spi.Order;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cached first pages of home timelines, by owner.
 *
 * <p>Design: a post changes the pages of every follower of its author, whom nobody enumerates, so
 * pages are not invalidated but checked against the {@link Stamps} on every hit. A page keeps the
 * stamp taken before it was read and the authors whose changes would change it (those merged at
 * read time and those of its posts), and is served while none of them, nor its owner, nor
 * everything, has moved past that stamp, and while it is long enough or is all of the timeline. A
 * write that lands while a page is read moves a stamp past the page's, so the page is dropped at
 * its next hit, never kept stale.
 *
 * <p>Safe for use by many threads at once: Caffeine's cache and adders, no lock.
 */
final class HomePages {

  private final Stamps stamps;
  private final Cache<UserId, Page> pages;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /** Pages kept in {@code pages} (bounded and expired as its builder said), checked on stamps. */
  HomePages(Stamps stamps, Cache<UserId, Page> pages) {
    this.stamps = requireNonNull(stamps, "stamps");
    this.pages = requireNonNull(pages, "pages");
  }

  /**
   * Returns the newest {@code want} posts of {@code user}'s home timeline (fewer if it has fewer),
   * from the cache when a cached page is still right and long enough, else read from {@code
   * source} and cached.
   */
  List<Post> firstPage(UserId user, int want, HomeTimelines source) {
    Page page = pages.policy().getIfPresentQuietly(user);
    if (page != null
        && (page.posts.size() >= want || page.complete)
        && stamps.unchangedSince(page.stamp, user, page.dependencies)) {
      hits.increment();
      return page.posts.size() <= want ? page.posts : page.posts.subList(0, want);
    }
    misses.increment();
    long stamp = stamps.now();
    HomeRead read = source.read(user, Long.MAX_VALUE, 0, want, Order.NEWEST_FIRST);
    Set<UserId> dependencies = new LinkedHashSet<>(read.merged());
    for (Post p : read.posts()) {
      dependencies.add(p.author());
    }
    pages.put(
        user,
        new Page(
            List.copyOf(read.posts()),
            read.posts().size() < want,
            stamp,
            dependencies.toArray(new UserId[0])));
    return read.posts();
  }

  /** Forgets every page. */
  void dropAll() {
    pages.invalidateAll();
  }

  CacheStats stats() {
    return new CacheStats(
        hits.sum(), misses.sum(), pages.stats().evictionCount(), pages.estimatedSize());
  }

  /**
   * A cached first page: the newest posts of a home timeline, whether they are all of it, the
   * stamp taken before they were read, and the authors whose changes would change them.
   */
  record Page(List<Post> posts, boolean complete, long stamp, UserId[] dependencies) {}
}
