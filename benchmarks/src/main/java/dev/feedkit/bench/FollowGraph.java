package dev.feedkit.bench;

import dev.feedkit.CacheConfig;
import dev.feedkit.FanoutPolicy;
import dev.feedkit.Feed;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.memory.InMemoryFeedStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A generated follow graph on the in-memory store, for home-timeline reads: {@value #AUTHORS}
 * ordinary authors with {@value #POSTS_PER_AUTHOR} posts each, {@value #CELEBRITIES} celebrities
 * followed by a crowd of {@value #CROWD} fans (so above the hybrid threshold of {@value
 * #HYBRID_THRESHOLD}), and {@value #READERS} readers who each follow every celebrity and enough
 * ordinary authors, picked at random, to follow {@code followees} accounts in all. Posts are made
 * round by round after the follows, so every timeline interleaves its authors, and fan-out has
 * settled before the graph is handed out. The seed is fixed: every run builds the same graph.
 */
final class FollowGraph {

  static final int AUTHORS = 2_000;
  static final int POSTS_PER_AUTHOR = 20;
  static final int CELEBRITIES = 3;
  static final int CROWD = 200;
  static final int HYBRID_THRESHOLD = 100;
  static final int READERS = 16;
  static final long SEED = 20_260_101L;

  final InMemoryFeedStore store;
  final Feed feed;
  final List<UserId> readers;

  private FollowGraph(InMemoryFeedStore store, Feed feed, List<UserId> readers) {
    this.store = store;
    this.feed = feed;
    this.readers = readers;
  }

  /** The policy a benchmark parameter names: pull, push or hybrid. */
  static FanoutPolicy policy(String name) {
    return switch (name) {
      case "pull" -> FanoutPolicy.pull();
      case "push" -> FanoutPolicy.push();
      case "hybrid" -> FanoutPolicy.hybrid(HYBRID_THRESHOLD);
      default -> throw new IllegalArgumentException("no fan-out policy called " + name);
    };
  }

  /**
   * Builds the graph under a policy, with the cache off, so that reads measure the timelines
   * themselves rather than a cached page.
   */
  static FollowGraph build(FanoutPolicy policy, int followees) {
    if (followees <= CELEBRITIES || followees - CELEBRITIES > AUTHORS) {
      throw new IllegalArgumentException(
          "followees must be between "
              + (CELEBRITIES + 1)
              + " and "
              + (AUTHORS + CELEBRITIES)
              + ", was "
              + followees);
    }
    Random random = new Random(SEED);
    InMemoryFeedStore store = new InMemoryFeedStore();
    Feed feed = Feed.builder().store(store).fanout(policy).cache(CacheConfig.disabled()).build();

    List<UserId> authors = new ArrayList<>(AUTHORS);
    for (int i = 0; i < AUTHORS; i++) {
      authors.add(user(feed, "author" + i));
    }
    List<UserId> celebrities = new ArrayList<>();
    for (int i = 0; i < CELEBRITIES; i++) {
      celebrities.add(user(feed, "celebrity" + i));
    }
    for (int i = 0; i < CROWD; i++) {
      UserId fan = user(feed, "fan" + i);
      for (UserId celebrity : celebrities) {
        feed.follow(fan, celebrity);
      }
    }
    List<UserId> readers = new ArrayList<>(READERS);
    for (int i = 0; i < READERS; i++) {
      UserId reader = user(feed, "reader" + i);
      readers.add(reader);
      for (UserId celebrity : celebrities) {
        feed.follow(reader, celebrity);
      }
      List<UserId> shuffled = new ArrayList<>(authors);
      Collections.shuffle(shuffled, random);
      for (UserId author : shuffled.subList(0, followees - CELEBRITIES)) {
        feed.follow(reader, author);
      }
    }
    for (int round = 0; round < POSTS_PER_AUTHOR; round++) {
      for (UserId author : authors) {
        feed.post(author, "post " + round + " by " + author);
      }
      for (UserId celebrity : celebrities) {
        feed.post(celebrity, "celebrity post " + round);
      }
    }
    feed.awaitFanout();
    return new FollowGraph(store, feed, List.copyOf(readers));
  }

  private static UserId user(Feed feed, String handle) {
    User user = feed.createUser(handle, handle);
    return user.id();
  }
}
