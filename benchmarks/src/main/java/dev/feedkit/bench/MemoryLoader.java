package dev.feedkit.bench;

import dev.feedkit.CacheConfig;
import dev.feedkit.FanoutPolicy;
import dev.feedkit.Feed;
import dev.feedkit.UserId;
import dev.feedkit.memory.InMemoryFeedStore;

/**
 * Loads a {@link Graph} into an {@link InMemoryFeedStore} through the public API, so that its
 * timelines are filled exactly as feedkit fills them: accounts, then every follow, then every
 * post in time order, each dated by a {@link SettableClock} set to the graph's time (so ids are
 * spread over the graph's span, as real ones are), then the fan-out awaited. After loading, the
 * clock runs with the system's time, so that new posts are the newest.
 */
final class MemoryLoader {

  private MemoryLoader() {}

  /** A loaded feed, with the feed's id of each graph account. */
  record Loaded(Graph graph, InMemoryFeedStore store, Feed feed, UserId[] ids)
      implements AutoCloseable {
    @Override
    public void close() {
      feed.close();
    }
  }

  private static final java.util.Map<String, Loaded> SHARED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A loaded feed shared by every benchmark in this JVM that asks for the same graph, policy and
   * cache (never closed): with JMH's {@code -f 0}, as the quick profile runs, it saves loading
   * the graph again for every benchmark; with forks, each fork loads its own. Benchmarks that
   * write to it leave it as they found it, or add only posts of the probe authors, whom the probe
   * readers do not follow.
   */
  static Loaded shared(Graph graph, FanoutPolicy policy, CacheConfig cache) {
    String key = graph.spec().name() + "/" + policy + "/" + cache;
    return SHARED.computeIfAbsent(key, k -> load(graph, policy, cache));
  }

  static Loaded load(Graph graph, FanoutPolicy policy, CacheConfig cache) {
    long start = Graph.END_MILLIS - graph.spec().spanMillis();
    SettableClock clock = new SettableClock(start - 86_400_000L);
    InMemoryFeedStore store = new InMemoryFeedStore();
    Feed feed = Feed.builder().store(store).clock(clock).fanout(policy).cache(cache).build();
    UserId[] ids = new UserId[graph.accounts];
    for (int a = 0; a < graph.accounts; a++) {
      ids[a] = feed.createUser(graph.handle(a), graph.handle(a)).id();
    }
    clock.set(start - 43_200_000L);
    for (int a = 0; a < graph.accounts; a++) {
      for (int followee : graph.followees[a]) {
        feed.follow(ids[a], ids[followee]);
      }
    }
    feed.awaitFanout();
    for (int p = 0; p < graph.postId.length; p++) {
      clock.set(Graph.instantOf(graph.postId[p]).toEpochMilli());
      feed.post(ids[graph.postAuthor[p]], graph.text(p));
    }
    feed.awaitFanout();
    clock.toSystemTime();
    clock.set(Long.MIN_VALUE);
    return new Loaded(graph, store, feed, ids);
  }
}
