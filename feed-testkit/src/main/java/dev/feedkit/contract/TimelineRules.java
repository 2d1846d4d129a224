package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.Feed;
import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.spi.Delivery;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Materialized timelines: the cap and the exact fallback past it, backfill, authors crossing the
 * hybrid threshold. The rules run in every cell: the pull policy must give the same answers. The
 * {@link dev.feedkit.spi.TimelineStore} SPI called directly is {@link TimelineStoreRules}.
 */
abstract class TimelineRules extends ContractGroup {

  TimelineRules(FeedStoreContract contract) {
    super(contract);
  }

  @Test
  void pagingFarPastTheCapIsExact() {
    Feed small = extraFeed(store(), b -> b.timelineCap(5));
    User reader = small.createUser("reader", "Reader");
    List<User> authors = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      User author = small.createUser("author" + i, "Author");
      small.follow(reader.id(), author.id());
      authors.add(author);
    }
    List<Post> posted = new ArrayList<>();
    for (int round = 0; round < 15; round++) {
      for (User author : authors) {
        posted.add(post(small, author, "round " + round));
      }
      if (round % 3 == 0) {
        posted.add(post(small, reader, "mine " + round));
      }
    }
    List<Post> expected = newestFirst(posted);

    for (int limit : new int[] {1, 3, 7, 50}) {
      assertThat(home(small, reader, limit))
          .as("pages of " + limit)
          .containsExactlyElementsOf(ids(expected));
    }
    Page<Post> middle =
        small.homeTimeline(reader.id(), PageRequest.olderThan(expected.get(20).id().value(), 4));
    assertThat(ids(middle)).containsExactlyElementsOf(ids(expected.subList(21, 25)));
    Page<Post> window =
        small.homeTimeline(
            reader.id(),
            PageRequest.olderThan(expected.get(30).id().value(), 6)
                .newerThan(expected.get(34).id().value()));
    assertThat(ids(window)).containsExactlyElementsOf(ids(expected.subList(31, 34)));
  }

  @Test
  void followShowsTheFolloweesPostsAtOnceEvenPastTheCap() {
    Feed small = extraFeed(store(), b -> b.timelineCap(5));
    User reader = small.createUser("reader", "Reader");
    User author = small.createUser("author", "Author");
    List<Post> posted = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      posted.add(post(small, author, "before the follow " + i));
      if (i % 5 == 0) {
        posted.add(post(small, reader, "mine " + i));
      }
    }
    List<Post> expected = newestFirst(posted);

    small.follow(reader.id(), author.id());

    assertThat(ids(small.homeTimeline(reader.id(), PageRequest.first(3))))
        .as("no need to wait for a backfill")
        .containsExactlyElementsOf(ids(expected.subList(0, 3)));
    assertThat(home(small, reader, 4)).containsExactlyElementsOf(ids(expected));
  }

  @Test
  void unfollowAndFollowAgainKeepsEveryPost() {
    User alice = user("alice");
    User bob = user("bob");
    List<Post> posted = new ArrayList<>();
    posted.add(post(bob, "one"));
    posted.add(post(bob, "two"));

    for (int i = 0; i < 5; i++) {
      feed().follow(alice.id(), bob.id());
      feed().unfollow(alice.id(), bob.id());
    }
    feed().follow(alice.id(), bob.id());
    posted.add(post(bob, "three"));

    assertThat(home(alice)).containsExactlyElementsOf(ids(newestFirst(posted)));
  }

  @Test
  void authorCrossingTheThresholdBothWaysKeepsTimelinesExact() {
    User star = user("star");
    List<User> fans = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fans.add(user("fan" + i));
    }
    List<Post> posted = new ArrayList<>();
    posted.add(post(star, "before anyone"));
    feed().follow(fans.get(0).id(), star.id());
    feed().follow(fans.get(1).id(), star.id());
    posted.add(post(star, "two followers"));
    expectDelivery(star, Delivery.PUSH);

    for (int i = 2; i < 5; i++) {
      feed().follow(fans.get(i).id(), star.id());
    }
    expectDelivery(star, Delivery.PULL);
    for (int i = 0; i < 15; i++) {
      posted.add(post(star, "five followers " + i));
    }
    for (User fan : fans) {
      assertThat(home(fan)).as(fan.handle()).containsExactlyElementsOf(ids(newestFirst(posted)));
    }

    for (int i = 1; i < 5; i++) {
      feed().unfollow(fans.get(i).id(), star.id());
    }
    expectDelivery(star, Delivery.PUSH);
    posted.add(post(star, "one follower"));
    assertThat(home(fans.get(0))).containsExactlyElementsOf(ids(newestFirst(posted)));
    assertThat(home(fans.get(0), 4)).containsExactlyElementsOf(ids(newestFirst(posted)));
    assertThat(home(fans.get(1))).isEmpty();

    feed().follow(fans.get(1).id(), star.id());
    feed().follow(fans.get(2).id(), star.id());
    expectDelivery(star, Delivery.PULL);
    posted.add(post(star, "three again"));
    Post gone = posted.remove(posted.size() - 3);
    feed().delete(star.id(), gone.id());
    for (int i = 0; i < 3; i++) {
      assertThat(home(fans.get(i), 7)).containsExactlyElementsOf(ids(newestFirst(posted)));
    }
    assertThat(home(fans.get(3))).isEmpty();
  }

  private List<PostId> home(User user, int limit) {
    return home(feed(), user, limit);
  }

  /** Under the hybrid policy, checks the author's delivery once fan-out has settled. */
  private void expectDelivery(User author, Delivery delivery) {
    feed().awaitFanout();
    if (variant().fanout().toString().startsWith("hybrid")) {
      assertThat(store().timelines().delivery(author.id())).isEqualTo(delivery);
    }
  }
}
