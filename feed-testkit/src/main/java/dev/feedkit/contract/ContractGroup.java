package dev.feedkit.contract;

import dev.feedkit.Feed;
import dev.feedkit.FeedBuilder;
import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.FeedStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * What every group of the contract suite shares: the fixture and a few helpers. A group runs once
 * in each cell of the matrix that its {@link Cells} admits (every cell without one), with a fresh
 * store and feed for each test.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(GroupCells.class)
abstract class ContractGroup {

  private final FeedStoreContract contract;

  @Parameter FeedVariant variant;

  ContractGroup(FeedStoreContract contract) {
    this.contract = contract;
  }

  @BeforeEach
  void openFeed() {
    contract.open(variant);
  }

  Feed feed() {
    return contract.feed();
  }

  MutableClock clock() {
    return contract.clock();
  }

  FeedStoreContract contract() {
    return contract;
  }

  FeedStore store() {
    return contract.store();
  }

  FeedVariant variant() {
    return variant;
  }

  /** Another feed over the test's store (or a wrapper of it), with changed options. */
  Feed extraFeed(FeedStore over, UnaryOperator<FeedBuilder> options) {
    return contract.extraFeed(over, options);
  }

  /**
   * Waits until {@code condition} holds, for what other threads or nodes do, without sleeping: it
   * yields between checks; fails after 30 seconds.
   */
  static void awaitCondition(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.yield();
    }
  }

  /** Creates a user whose display name is the handle with a capital. */
  User user(String handle) {
    return feed().createUser(handle, Character.toUpperCase(handle.charAt(0)) + handle.substring(1));
  }

  /** Posts, then moves the clock on a millisecond so that posts get distinct times. */
  Post post(User author, String text) {
    return post(feed(), author, text);
  }

  /** Posts through {@code feed}, then moves the clock on a millisecond. */
  Post post(Feed feed, User author, String text) {
    Post post = feed.post(author.id(), text);
    clock().advance(Duration.ofMillis(1));
    return post;
  }

  /** A copy of {@code posts}, oldest first as they were posted, turned newest first. */
  static List<Post> newestFirst(List<Post> posts) {
    List<Post> copy = new ArrayList<>(posts);
    Collections.reverse(copy);
    return copy;
  }

  static List<PostId> ids(List<Post> posts) {
    return posts.stream().map(Post::id).toList();
  }

  /** The whole home timeline, read page by page, after fan-out has settled. */
  List<PostId> home(User user) {
    return home(feed(), user, 200);
  }

  /** The whole home timeline in {@code feed}, read in pages of {@code limit}, after fan-out. */
  static List<PostId> home(Feed feed, User user, int limit) {
    feed.awaitFanout();
    return walk(p -> feed.homeTimeline(user.id(), p), PageRequest.first(limit)).stream()
        .map(Post::id)
        .toList();
  }

  /** The first page of the home timeline, after fan-out has settled. */
  List<PostId> homePage(User user, int limit) {
    feed().awaitFanout();
    return ids(feed().homeTimeline(user.id(), PageRequest.first(limit)));
  }

  static List<PostId> ids(Page<Post> page) {
    return page.items().stream().map(Post::id).toList();
  }

  static List<PostId> ids(Post... posts) {
    List<PostId> ids = new ArrayList<>();
    for (Post p : posts) {
      ids.add(p.id());
    }
    return ids;
  }

  static List<UserId> userIds(Page<User> page) {
    return page.items().stream().map(User::id).toList();
  }

  /** Reads every page from {@code first} on and returns all entries in order. */
  /**
   * Reads every page upwards from a request that {@linkplain PageRequest#takesOldest() takes the
   * oldest} entries, following {@link Page#next()}, and returns all entries newest first.
   */
  static <T> List<T> walkUp(Function<PageRequest, Page<T>> read, PageRequest first) {
    List<List<T>> pages = new ArrayList<>();
    Optional<PageRequest> next = Optional.of(first);
    while (next.isPresent()) {
      Page<T> page = read.apply(next.get());
      pages.add(page.items());
      next = page.next();
      if (pages.size() > 100_000) {
        throw new AssertionError("paging does not end");
      }
    }
    List<T> all = new ArrayList<>();
    for (int i = pages.size() - 1; i >= 0; i--) {
      all.addAll(pages.get(i));
    }
    return all;
  }

  static <T> List<T> walk(Function<PageRequest, Page<T>> read, PageRequest first) {
    List<T> all = new ArrayList<>();
    Optional<PageRequest> next = Optional.of(first);
    int pages = 0;
    while (next.isPresent()) {
      Page<T> page = read.apply(next.get());
      all.addAll(page.items());
      next = page.next();
      if (++pages > 100_000) {
        throw new AssertionError("paging does not end");
      }
    }
    return all;
  }
}
