package dev.feedkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.AccountsConfig;
import dev.feedkit.CacheConfig;
import dev.feedkit.FanoutPolicy;
import dev.feedkit.Feed;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.Session;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.FollowStore;
import dev.feedkit.spi.Invalidation;
import dev.feedkit.spi.Invalidations;
import dev.feedkit.spi.JobQueue;
import dev.feedkit.spi.PostStore;
import dev.feedkit.spi.TimelineStore;
import dev.feedkit.spi.UserStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's side of invalidation across nodes: two feeds with long-lived caches over one store,
 * joined by an in-memory channel that delivers each invalidation at once, behave as one feed.
 */
@DisplayName("Invalidation across nodes (engine side)")
class CrossNodeInvalidationTest {

  private static final CacheConfig LONG_CACHE =
      CacheConfig.defaults().withMaximumStaleness(Duration.ofHours(1));
  private static final AccountsConfig ACCOUNTS =
      AccountsConfig.defaults()
          .withPasswordHashIterations(1_000)
          .withSessionCacheExpiry(Duration.ofHours(1));
  private static final String PASSWORD = "correct horse battery";

  private final InMemoryFeedStore data = new InMemoryFeedStore();
  private final SharedChannel channel = new SharedChannel();
  private final List<Feed> feeds = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeFeeds() {
    feeds.forEach(Feed::close);
  }

  private Feed node(FanoutPolicy fanout, Invalidations invalidations) {
    Feed feed =
        Feed.builder()
            .store(new SharedStore(data, invalidations))
            .cache(LONG_CACHE)
            .accounts(ACCOUNTS)
            .fanout(fanout)
            .build();
    feeds.add(feed);
    return feed;
  }

  private Feed node(FanoutPolicy fanout) {
    return node(fanout, channel);
  }

  private static List<Post> home(Feed feed, UserId user) {
    return feed.homeTimeline(user, PageRequest.first(20)).items();
  }

  @Test
  void withoutAChannelTheOtherFeedServesItsCache() {
    Feed a = node(FanoutPolicy.pull(), Invalidations.none());
    Feed b = node(FanoutPolicy.pull(), Invalidations.none());
    User bob = a.createUser("bob", "Bob");
    Post post = a.post(bob.id(), "hello");
    assertThat(b.postById(post.id())).isPresent();

    a.delete(bob.id(), post.id());

    assertThat(b.postById(post.id())).as("stale until expiry").isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pull", "push"})
  void deletedPostDisappearsFromTheOtherFeed(String policy) {
    Feed a = node(fanout(policy));
    Feed b = node(fanout(policy));
    User alice = a.createUser("alice", "Alice");
    User bob = a.createUser("bob", "Bob");
    a.follow(alice.id(), bob.id());
    Post post = a.post(bob.id(), "soon gone");
    a.awaitFanout();
    assertThat(b.postById(post.id())).isPresent();
    assertThat(home(b, alice.id())).containsExactly(post);

    a.delete(bob.id(), post.id());
    a.awaitFanout();

    assertThat(b.postById(post.id())).isEmpty();
    assertThat(home(b, alice.id())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pull", "push"})
  void followsAndPostsShowInTheOtherFeedsCachedHomePage(String policy) {
    Feed a = node(fanout(policy));
    Feed b = node(fanout(policy));
    User alice = a.createUser("alice", "Alice");
    User bob = a.createUser("bob", "Bob");
    Post early = a.post(bob.id(), "early");
    assertThat(home(b, alice.id())).isEmpty();

    a.follow(alice.id(), bob.id());
    a.awaitFanout();
    assertThat(home(b, alice.id())).containsExactly(early);

    Post later = a.post(bob.id(), "later");
    a.awaitFanout();
    assertThat(home(b, alice.id())).containsExactly(later, early);

    a.unfollow(alice.id(), bob.id());
    a.awaitFanout();
    assertThat(home(b, alice.id())).isEmpty();
  }

  @Test
  void revokedSessionsAreRefusedByTheOtherFeed() {
    Feed a = node(FanoutPolicy.pull());
    Feed b = node(FanoutPolicy.pull());
    User alice = a.accounts().signUp("alice", PASSWORD, "Alice");
    Session one = a.accounts().logIn("alice", PASSWORD, "client");
    Session two = a.accounts().logIn("alice", PASSWORD, "client");
    Session three = a.accounts().logIn("alice", PASSWORD, "client");
    Session four = a.accounts().logIn("alice", PASSWORD, "client");
    for (Session s : List.of(one, two, three, four)) {
      assertThat(b.accounts().authenticate(s.token())).contains(alice.id());
    }

    a.accounts().logOut(one.token());
    assertThat(b.accounts().authenticate(one.token())).isEmpty();
    assertThat(b.accounts().authenticate(two.token())).contains(alice.id());

    a.accounts().changePassword(two.token(), PASSWORD, PASSWORD + " again");
    assertThat(b.accounts().authenticate(three.token())).isEmpty();
    assertThat(b.accounts().authenticate(two.token())).contains(alice.id());

    a.accounts().logOutEverywhere(alice.id());
    assertThat(b.accounts().authenticate(two.token())).isEmpty();

    assertThat(channel.published)
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
    Feed b = node(FanoutPolicy.pull());
    User alice = b.createUser("alice", "Alice");
    Post post = b.post(alice.id(), "cached");
    b.postById(post.id());
    b.user(alice.id());
    home(b, alice.id());
    assertThat(b.stats().posts().entries()).isPositive();

    channel.missAll();

    assertThat(b.stats().posts().entries()).isZero();
    assertThat(b.stats().users().entries()).isZero();
    assertThat(b.stats().homeTimelines().entries()).isZero();
  }

  private static FanoutPolicy fanout(String policy) {
    return policy.equals("push") ? FanoutPolicy.push() : FanoutPolicy.pull();
  }

  /** Delivers every invalidation to every subscriber at once, on the publishing thread. */
  private static final class SharedChannel implements Invalidations {
    final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    final List<Invalidation> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Invalidation invalidation) {
      published.add(invalidation);
      subscribers.forEach(s -> s.invalidated(invalidation));
    }

    @Override
    public Subscription subscribe(Subscriber subscriber) {
      subscribers.add(subscriber);
      return () -> subscribers.remove(subscriber);
    }

    void missAll() {
      subscribers.forEach(Subscriber::missed);
    }
  }

  /** One node's view of the shared data, with the channel of the test. */
  private record SharedStore(FeedStore data, Invalidations invalidations) implements FeedStore {
    @Override
    public UserStore users() {
      return data.users();
    }

    @Override
    public FollowStore follows() {
      return data.follows();
    }

    @Override
    public PostStore posts() {
      return data.posts();
    }

    @Override
    public TimelineStore timelines() {
      return data.timelines();
    }

    @Override
    public AccountStore accounts() {
      return data.accounts();
    }

    @Override
    public JobQueue jobs() {
      return data.jobs();
    }
  }
}
