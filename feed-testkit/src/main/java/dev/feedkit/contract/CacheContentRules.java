package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.CacheConfig;
import dev.feedkit.CacheStats;
import dev.feedkit.Feed;
import dev.feedkit.Post;
import dev.feedkit.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the cache holds: a bound on its weight, and batches of users that it serves and fills. Only
 * a cache on can hold anything, so the group runs in those cells.
 */
@Cells(cache = Cells.Cache.ON)
abstract class CacheContentRules extends ContractGroup {

  CacheContentRules(FeedStoreContract contract) {
    super(contract);
  }

  @Test
  void theCacheIsBoundedByWeight() {
    Feed small = extraFeed(store(), b -> b.cache(CacheConfig.defaults().withMaximumWeight(16_384)));
    User alice = small.createUser("alice", "Alice");
    List<Post> posted = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      posted.add(post(small, alice, "post number " + i + " " + "x".repeat(100)));
    }
    for (int round = 0; round < 3; round++) {
      for (Post p : posted) {
        assertThat(small.postById(p.id())).contains(p);
      }
    }

    CacheStats posts = small.stats().posts();
    assertThat(posts.evictions()).isPositive();
    assertThat(posts.entries()).isLessThan(posted.size());
  }

  @Test
  void aBatchOfUsersIsServedFromTheCacheAndFillsIt() {
    RecordingStore recording = new RecordingStore(store());
    Feed feed = extraFeed(recording.store(), b -> b);
    User alice = feed.createUser("alice", "Alice");
    User bob = feed.createUser("bob", "Bob");
    User carol = feed.createUser("carol", "Carol");
    feed.user(alice.id());
    recording.clear();

    assertThat(feed.users(List.of(alice.id(), bob.id(), carol.id())).values())
        .containsExactly(alice, bob, carol);
    assertThat(recording.calls())
        .as("only the misses, in one call")
        .singleElement()
        .satisfies(
            call ->
                assertThat(call)
                    .startsWith("users.findByIds ")
                    .contains(bob.id().toString(), carol.id().toString())
                    .doesNotContain(alice.id().toString()));

    recording.clear();
    assertThat(feed.user(bob.id())).contains(bob);
    assertThat(feed.users(List.of(carol.id(), alice.id())).values()).containsExactly(carol, alice);
    assertThat(recording.calls()).as("all cached now").isEmpty();
  }
}
