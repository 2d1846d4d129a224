package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.AccountsConfig;
import dev.feedkit.CacheConfig;
import dev.feedkit.Feed;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.Session;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.Invalidation;
import dev.feedkit.spi.Invalidations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes: two feeds, each over its own store from {@link
 * FeedStoreContract#createNodeStore}, over the same data, with caches that would keep entries for
 * an hour. What one node writes, the other stops serving from its caches as soon as the store's
 * invalidation channel tells it; a node that may have missed some drops every cache; and without
 * the channel, the caches stay stale, which is what the channel is for. Only a cache can be stale,
 * so the group runs in the cells with the cache on.
 */
@Cells(cache = Cells.Cache.ON)
abstract class TwoNodeRules extends ContractGroup {

  private static final CacheConfig LONG_CACHE =
      CacheConfig.defaults().withMaximumStaleness(Duration.ofHours(1));
  private static final AccountsConfig ACCOUNTS =
      FeedStoreContract.TEST_ACCOUNTS.withSessionCacheExpiry(Duration.ofHours(1));
  private static final String PASSWORD = "correct horse battery";

  TwoNodeRules(FeedStoreContract contract) {
    super(contract);
  }

  /**
   * A node's channel as its feed sees it, watched: what the feed publishes, who listens, and what
   * they have heard (recorded once the feed has applied it).
   */
  private static final class WatchedChannel implements Invalidations {
    final Invalidations channel;
    final List<Invalidation> published = new CopyOnWriteArrayList<>();
    final List<Invalidation> heard = new CopyOnWriteArrayList<>();
    final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    WatchedChannel(Invalidations channel) {
      this.channel = channel;
    }

    @Override
    public void publish(Invalidation invalidation) {
      published.add(invalidation);
      channel.publish(invalidation);
    }

    @Override
    public Subscription subscribe(Subscriber subscriber) {
      subscribers.add(subscriber);
      Subscription subscription =
          channel.subscribe(
              new Subscriber() {
                @Override
                public void invalidated(Invalidation invalidation) {
                  subscriber.invalidated(invalidation);
                  heard.add(invalidation);
                }

                @Override
                public void missed() {
                  subscriber.missed();
                }
              });
      return () -> {
        subscribers.remove(subscriber);
        subscription.close();
      };
    }

    void missAll() {
      subscribers.forEach(Subscriber::missed);
    }
  }

  /** A node, with its store's channel or with none; the node's feed is closed after the test. */
  private Node node(int workerId, boolean withChannel) {
    FeedStore store = contract().nodeStore();
    WatchedChannel channel =
        new WatchedChannel(withChannel ? store.invalidations() : Invalidations.none());
    Feed feed =
        extraFeed(
            new NodeStore(store, channel),
            b -> b.workerId(workerId).cache(LONG_CACHE).accounts(ACCOUNTS));
    return new Node(feed, channel);
  }

  private record Node(Feed feed, WatchedChannel channel) {

    /**
     * Whether this node has heard everything {@code other} has published so far. The rules read
     * this node only then, never between the invalidations of one write (a follow sends two, the
     * owner's pages and the owner's followee list), which a node hears one at a time.
     */
    boolean heardAllOf(Node other) {
      // Counted by origin: a write repeated later sends an equal invalidation again.
      Map<Long, Long> sent = byOrigin(other.channel.published);
      Map<Long, Long> got = byOrigin(channel.heard);
      return sent.entrySet().stream()
          .allMatch(e -> got.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private static Map<Long, Long> byOrigin(List<Invalidation> invalidations) {
      return invalidations.stream()
          .collect(Collectors.groupingBy(Invalidation::origin, Collectors.counting()));
    }
  }

  private Node nodeA;
  private Node nodeB;
  private Feed a;
  private Feed b;

  /** Opens nodes A and B, each with its store's channel (some rules open other nodes instead). */
  private void openTwoNodes() {
    nodeA = node(1, true);
    nodeB = node(2, true);
    a = nodeA.feed();
    b = nodeB.feed();
  }

  private static List<Post> home(Feed feed, UserId user) {
    return feed.homeTimeline(user, PageRequest.first(20)).items();
  }

  @Test
  void withoutAChannelTheOtherNodeServesItsCache() {
    a = node(1, false).feed();
    b = node(2, false).feed();
    User bob = a.createUser("bob", "Bob");
    Post post = a.post(bob.id(), "hello");
    assertThat(b.postById(post.id())).isPresent();

    a.delete(bob.id(), post.id());

    assertThat(b.postById(post.id())).as("stale until expiry").isPresent();
  }

  @Test
  void aPostDeletedOnOneNodeLeavesTheOtherNodesCaches() {
    openTwoNodes();
    User alice = a.createUser("alice", "Alice");
    User bob = a.createUser("bob", "Bob");
    a.follow(alice.id(), bob.id());
    Post post = a.post(bob.id(), "soon gone");
    a.awaitFanout();
    assertThat(b.postById(post.id())).contains(post);
    assertThat(home(b, alice.id())).containsExactly(post);

    a.delete(bob.id(), post.id());
    a.awaitFanout();

    awaitCondition(
        "B forgets the post", () -> nodeB.heardAllOf(nodeA) && b.postById(post.id()).isEmpty());
    awaitCondition(
        "B's home page drops the post",
        () -> nodeB.heardAllOf(nodeA) && home(b, alice.id()).isEmpty());
  }

  @Test
  void followsUnfollowsAndPostsOnOneNodeShowInTheOtherNodesHomePage() {
    openTwoNodes();
    User alice = a.createUser("alice", "Alice");
    User bob = a.createUser("bob", "Bob");
    Post early = a.post(bob.id(), "early");
    assertThat(home(b, alice.id())).isEmpty();

    a.follow(alice.id(), bob.id());
    a.awaitFanout();
    awaitCondition(
        "B sees the follow",
        () -> nodeB.heardAllOf(nodeA) && home(b, alice.id()).equals(List.of(early)));

    Post later = a.post(bob.id(), "later");
    a.awaitFanout();
    awaitCondition(
        "B sees the post",
        () -> nodeB.heardAllOf(nodeA) && home(b, alice.id()).equals(List.of(later, early)));

    a.unfollow(alice.id(), bob.id());
    a.awaitFanout();
    awaitCondition(
        "B sees the unfollow", () -> nodeB.heardAllOf(nodeA) && home(b, alice.id()).isEmpty());
  }

  @Test
  void sessionsRevokedOnOneNodeAreRefusedByTheOtherAndOnlyTheirHashesAreSent() {
    openTwoNodes();
    User alice = a.accounts().signUp("alice", PASSWORD, "Alice");
    Session one = a.accounts().logIn("alice", PASSWORD, "client");
    Session two = a.accounts().logIn("alice", PASSWORD, "client");
    Session three = a.accounts().logIn("alice", PASSWORD, "client");
    Session four = a.accounts().logIn("alice", PASSWORD, "client");
    for (Session s : List.of(one, two, three, four)) {
      assertThat(b.accounts().authenticate(s.token())).contains(alice.id());
    }

    a.accounts().logOut(one.token());
    awaitCondition(
        "B refuses the logged-out session",
        () -> nodeB.heardAllOf(nodeA) && b.accounts().authenticate(one.token()).isEmpty());
    assertThat(b.accounts().authenticate(two.token())).contains(alice.id());

    a.accounts().changePassword(two.token(), PASSWORD, PASSWORD + " again");
    awaitCondition(
        "B refuses the other sessions after the password change",
        () -> nodeB.heardAllOf(nodeA) && b.accounts().authenticate(three.token()).isEmpty());
    assertThat(b.accounts().authenticate(two.token())).contains(alice.id());

    a.accounts().logOutEverywhere(alice.id());
    awaitCondition(
        "B refuses every session after log-out everywhere",
        () -> nodeB.heardAllOf(nodeA) && b.accounts().authenticate(two.token()).isEmpty());

    assertThat(nodeA.channel().published)
        .filteredOn(i -> i.tokenHash().isPresent())
        .isNotEmpty()
        .allSatisfy(
            i ->
                assertThat(i.tokenHash().get())
                    .matches("[0-9a-f]{64}")
                    .isNotIn(one.token(), two.token(), three.token(), four.token()));
  }

  @Test
  void missedInvalidationsDropEveryCache() {
    nodeB = node(2, true);
    b = nodeB.feed();
    User alice = b.createUser("alice", "Alice");
    Post post = b.post(alice.id(), "cached");
    b.postById(post.id());
    b.user(alice.id());
    home(b, alice.id());
    assertThat(b.stats().posts().entries()).isPositive();

    nodeB.channel().missAll();

    assertThat(b.stats().posts().entries()).isZero();
    assertThat(b.stats().users().entries()).isZero();
    assertThat(b.stats().homeTimelines().entries()).isZero();
  }
}
