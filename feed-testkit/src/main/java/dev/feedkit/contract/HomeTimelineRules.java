package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.NoSuchUserException;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.User;
import dev.feedkit.UserId;
import org.junit.jupiter.api.Test;

abstract class HomeTimelineRules extends ContractGroup {

  HomeTimelineRules(FeedStoreContract contract) {
    super(contract);
  }

  @Test
  void homeHoldsOwnAndFollowedPostsNewestFirst() {
    User alice = user("alice");
    User bob = user("bob");
    User carol = user("carol");
    User dave = user("dave");
    feed().follow(alice.id(), bob.id());
    feed().follow(alice.id(), carol.id());

    Post b1 = post(bob, "b1");
    Post a1 = post(alice, "a1");
    Post c1 = post(carol, "c1");
    post(dave, "not followed");
    Post b2 = post(bob, "b2");

    assertThat(home(alice)).containsExactlyElementsOf(ids(b2, c1, a1, b1));
  }

  @Test
  void authorSeesOwnPostAtOnce() {
    User alice = user("alice");

    Post post = feed().post(alice.id(), "mine");

    assertThat(ids(feed().homeTimeline(alice.id(), PageRequest.first())))
        .as("own posts need no awaitFanout")
        .containsExactly(post.id());
  }

  @Test
  void emptyHomeTimeline() {
    User alice = user("alice");

    var page = feed().homeTimeline(alice.id(), PageRequest.first());

    assertThat(page.items()).isEmpty();
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void followBackfillsEarlierPosts() {
    User alice = user("alice");
    User bob = user("bob");
    Post b1 = post(bob, "before the follow");
    Post b2 = post(bob, "also before");
    Post a1 = post(alice, "alice's own");

    feed().follow(alice.id(), bob.id());

    assertThat(home(alice)).containsExactlyElementsOf(ids(a1, b2, b1));
  }

  @Test
  void unfollowRemovesBackfilledAndLaterPosts() {
    User alice = user("alice");
    User bob = user("bob");
    Post b1 = post(bob, "old");
    feed().follow(alice.id(), bob.id());
    Post b2 = post(bob, "new");
    Post a1 = post(alice, "mine");
    assertThat(home(alice)).containsExactlyElementsOf(ids(a1, b2, b1));

    feed().unfollow(alice.id(), bob.id());

    assertThat(home(alice)).containsExactlyElementsOf(ids(a1));
    assertThat(home(bob)).containsExactlyElementsOf(ids(b2, b1));
  }

  @Test
  void deletedPostLeavesEveryTimeline() {
    User alice = user("alice");
    User bob = user("bob");
    User carol = user("carol");
    feed().follow(alice.id(), bob.id());
    feed().follow(carol.id(), bob.id());
    Post keep = post(bob, "keep");
    Post gone = post(bob, "gone");
    assertThat(home(alice)).contains(gone.id());

    feed().delete(bob.id(), gone.id());

    assertThat(home(alice)).containsExactly(keep.id());
    assertThat(home(carol)).containsExactly(keep.id());
    assertThat(home(bob)).containsExactly(keep.id());
    assertThat(ids(feed().userTimeline(bob.id(), PageRequest.first()))).containsExactly(keep.id());
  }

  @Test
  void homeOfUnknownUserFails() {
    assertThatThrownBy(() -> feed().homeTimeline(UserId.of(77), PageRequest.first()))
        .isInstanceOf(NoSuchUserException.class);
    assertThatThrownBy(() -> feed().userTimeline(UserId.of(77), PageRequest.first()))
        .isInstanceOf(NoSuchUserException.class);
  }

  @Test
  void postsOfManyFolloweesMergeInOrder() {
    User reader = user("reader");
    java.util.List<Post> all = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      User author = user("author" + i);
      feed().follow(reader.id(), author.id());
    }
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 30; i += 1 + round) {
        all.add(post(feed().userByHandle("author" + i).orElseThrow(), "r" + round + " a" + i));
      }
    }
    java.util.Collections.reverse(all);

    assertThat(home(reader)).containsExactlyElementsOf(all.stream().map(Post::id).toList());
    assertThat(homePage(reader, 10))
        .containsExactlyElementsOf(all.subList(0, 10).stream().map(Post::id).toList());
  }
}
