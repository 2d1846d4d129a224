package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.CacheStats;
import dev.feedkit.FeedStats;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cache: every write makes stale answers go away at once (or, for deliveries to other users'
 * timelines, once fan-out has settled), and its counts are visible. The freshness tests run in
 * every cell, so that the cells with the cache off prove the same answers; what the cache holds
 * is {@link CacheContentRules}.
 */
abstract class CacheRules extends ContractGroup {

  CacheRules(FeedStoreContract contract) {
    super(contract);
  }

  private List<Post> firstPage(User user) {
    return feed().homeTimeline(user.id(), PageRequest.first(20)).items();
  }

  @Test
  void aCachedFirstPageSeesNewPostsOfFollowees() {
    User alice = user("alice");
    User bob = user("bob");
    feed().follow(alice.id(), bob.id());
    Post b1 = post(bob, "b1");
    feed().awaitFanout();
    assertThat(firstPage(alice)).containsExactly(b1);
    assertThat(firstPage(alice)).containsExactly(b1);

    Post b2 = post(bob, "b2");
    Post a1 = post(alice, "a1");
    assertThat(firstPage(alice)).as("own posts at once").startsWith(a1);
    feed().awaitFanout();

    assertThat(firstPage(alice)).containsExactly(a1, b2, b1);
  }

  @Test
  void aCachedFirstPageSeesNewPostsOfAPulledAuthor() {
    User star = user("star");
    List<User> fans = new ArrayList<>();
    for (int i = 0; i < FeedVariant.HYBRID_THRESHOLD + 2; i++) {
      User fan = user("fan" + i);
      feed().follow(fan.id(), star.id());
      fans.add(fan);
    }
    Post s1 = post(star, "s1");
    feed().awaitFanout();
    for (User fan : fans) {
      assertThat(firstPage(fan)).containsExactly(s1);
    }

    Post s2 = post(star, "s2");
    feed().awaitFanout();

    for (User fan : fans) {
      assertThat(firstPage(fan)).containsExactly(s2, s1);
    }
  }

  @Test
  void deleteUnfollowAndFollowShowAtOnceOnCachedPages() {
    User alice = user("alice");
    User bob = user("bob");
    User carol = user("carol");
    feed().follow(alice.id(), bob.id());
    Post b1 = post(bob, "b1");
    Post b2 = post(bob, "b2");
    Post c1 = post(carol, "c1");
    feed().awaitFanout();
    assertThat(firstPage(alice)).containsExactly(b2, b1);
    assertThat(feed().postById(b2.id())).contains(b2);

    feed().delete(bob.id(), b2.id());
    assertThat(firstPage(alice)).containsExactly(b1);
    assertThat(firstPage(bob)).containsExactly(b1);
    assertThat(feed().postById(b2.id())).isEmpty();

    feed().follow(alice.id(), carol.id());
    assertThat(firstPage(alice)).containsExactly(c1, b1);

    feed().unfollow(alice.id(), bob.id());
    assertThat(firstPage(alice)).containsExactly(c1);
    assertThat(feed().isFollowing(alice.id(), bob.id())).isFalse();
  }

  @Test
  void longerAndOlderPagesAreRightAfterAShortOneWasCached() {
    User alice = user("alice");
    List<Post> posted = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      posted.add(post(alice, "p" + i));
    }
    java.util.Collections.reverse(posted);
    assertThat(feed().homeTimeline(alice.id(), PageRequest.first(5)).items())
        .containsExactlyElementsOf(posted.subList(0, 5));

    assertThat(feed().homeTimeline(alice.id(), PageRequest.first(25)).items())
        .containsExactlyElementsOf(posted.subList(0, 25));
    assertThat(feed().homeTimeline(alice.id(), PageRequest.first(3)).items())
        .containsExactlyElementsOf(posted.subList(0, 3));
    var page = feed().homeTimeline(alice.id(), PageRequest.first(40));
    assertThat(page.items()).containsExactlyElementsOf(posted);
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void statsCountHitsAndMissesWhenTheCacheIsOn() {
    User alice = user("alice");
    Post post = post(alice, "hello");
    feed().awaitFanout();
    feed().postById(post.id());
    feed().postById(post.id());
    feed().user(alice.id());
    feed().user(alice.id());
    feed().userByHandle("ALICE");
    feed().userByHandle("alice");
    firstPage(alice);
    firstPage(alice);

    FeedStats stats = feed().stats();
    if (!variant().caches()) {
      assertThat(List.of(stats.posts(), stats.users(), stats.followees(), stats.homeTimelines()))
          .containsOnly(CacheStats.EMPTY);
      return;
    }
    assertThat(stats.posts().hits()).isGreaterThanOrEqualTo(1);
    assertThat(stats.posts().misses()).isGreaterThanOrEqualTo(1);
    assertThat(stats.users().hits()).isGreaterThanOrEqualTo(2);
    assertThat(stats.homeTimelines().hits()).isEqualTo(1);
    assertThat(stats.homeTimelines().misses()).isEqualTo(1);
    assertThat(stats.homeTimelines().hitRate()).isEqualTo(0.5);
  }
}
