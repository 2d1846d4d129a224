package dev.feedkit.contract;

import dev.feedkit.Feed;
import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** What every group of the contract suite shares: the fixture and a few helpers. */
abstract class ContractGroup {

  private final FeedStoreContract contract;

  ContractGroup(FeedStoreContract contract) {
    this.contract = contract;
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

  /** Creates a user whose display name is the handle with a capital. */
  User user(String handle) {
    return feed().createUser(handle, Character.toUpperCase(handle.charAt(0)) + handle.substring(1));
  }

  /** Posts, then moves the clock on a millisecond so that posts get distinct times. */
  Post post(User author, String text) {
    Post post = feed().post(author.id(), text);
    clock().advance(Duration.ofMillis(1));
    return post;
  }

  /** The whole home timeline, read page by page, after fan-out has settled. */
  List<PostId> home(User user) {
    feed().awaitFanout();
    return walk(p -> feed().homeTimeline(user.id(), p), PageRequest.first(200)).stream()
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
