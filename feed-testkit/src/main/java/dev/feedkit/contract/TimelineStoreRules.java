package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.Delivery;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.HomeSlice;
import dev.feedkit.spi.TimelineSlice;
import dev.feedkit.spi.TimelineStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The {@link TimelineStore} SPI called directly, as a store author needs it: fan-out under the
 * cap, horizons, removals, home reads and deliveries. Only the policies that materialize timelines
 * call it, so the group runs in their cells.
 */
@Cells(fanout = {Cells.Fanout.PUSH, Cells.Fanout.HYBRID})
abstract class TimelineStoreRules extends ContractGroup {

  /** Follow ids for follows made straight in the store, far above any id the engine makes. */
  private static final AtomicLong FOLLOW_IDS = new AtomicLong(Long.MAX_VALUE / 2);

  TimelineStoreRules(FeedStoreContract contract) {
    super(contract);
  }

  private TimelineStore timelines() {
    return store().timelines();
  }

  /** Makes {@code follower} follow {@code followee} in the store only, without the engine. */
  private void followInStore(User follower, User followee) {
    assertThat(
            store()
                .follows()
                .insert(new Follow(FOLLOW_IDS.incrementAndGet(), follower.id(), followee.id())))
        .isTrue();
  }

  /** The posts of a slice above its horizon: the part the store vouches for. */
  private static List<PostId> above(TimelineSlice slice) {
    return slice.posts().stream().map(Post::id).filter(id -> id.value() > slice.horizon()).toList();
  }

  private static List<PostId> above(List<Post> newestFirst, long horizon) {
    return newestFirst.stream().map(Post::id).filter(id -> id.value() > horizon).toList();
  }

  @Test
  void fanOutKeepsTheNewestEntriesAboveTheHorizonAndIsIdempotent() {
    TimelineStore timelines = timelines();
    User alice = user("alice");
    User bob = user("bob");
    List<Post> posted = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      posted.add(post(alice, "post " + i));
    }
    feed().awaitFanout();
    followInStore(bob, alice);

    for (Post p : posted) {
      assertThat(timelines.fanOut(p, 3)).containsExactly(bob.id());
    }
    assertThat(timelines.fanOut(posted.get(5), 3)).containsExactly(bob.id());
    TimelineSlice slice = timelines.read(bob.id(), Long.MAX_VALUE, 0, 100);

    List<Post> expected = newestFirst(posted);
    assertThat(slice.horizon()).isLessThan(expected.get(2).id().value());
    assertThat(above(slice)).containsExactlyElementsOf(above(expected, slice.horizon()));
    assertThat(slice.posts()).doesNotHaveDuplicates();
  }

  @Test
  void backfillRaisesTheHorizonWhenTheAuthorHasMorePostsThanTheCap() {
    TimelineStore timelines = timelines();
    User alice = user("alice");
    User bob = user("bob");
    User carol = user("carol");
    List<Post> posted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      posted.add(post(alice, "post " + i));
    }
    feed().awaitFanout();
    followInStore(bob, alice);
    followInStore(carol, alice);
    List<Post> expected = newestFirst(posted);

    timelines.backfill(bob.id(), alice.id(), 2);
    TimelineSlice slice = timelines.read(bob.id(), Long.MAX_VALUE, 0, 100);

    assertThat(slice.horizon())
        .isGreaterThanOrEqualTo(expected.get(2).id().value())
        .isLessThan(expected.get(1).id().value());
    assertThat(above(slice)).containsExactlyElementsOf(ids(expected.subList(0, 2)));

    assertThat(timelines.backfillFollowers(alice.id(), 10))
        .containsExactlyInAnyOrder(bob.id(), carol.id());
    TimelineSlice carols = timelines.read(carol.id(), Long.MAX_VALUE, 0, 100);
    assertThat(above(carols)).containsExactlyElementsOf(above(expected, carols.horizon()));
    assertThat(carols.horizon()).isLessThan(expected.get(4).id().value());
  }

  @Test
  void readSkipsDeletedPostsAndAuthorsNoLongerFollowed() {
    TimelineStore timelines = timelines();
    User alice = user("alice");
    User bob = user("bob");
    User carol = user("carol");
    feed().follow(bob.id(), alice.id());
    feed().follow(bob.id(), carol.id());
    Post a1 = post(alice, "a1");
    Post c1 = post(carol, "c1");
    Post c2 = post(carol, "c2");
    Post own = post(bob, "mine");
    feed().awaitFanout();
    assertThat(timelines.read(bob.id(), Long.MAX_VALUE, 0, 10).posts())
        .containsExactly(own, c2, c1, a1);

    assertThat(store().follows().delete(bob.id(), alice.id())).isTrue();
    assertThat(store().posts().delete(c2.id())).isTrue();

    assertThat(timelines.read(bob.id(), Long.MAX_VALUE, 0, 2).posts()).containsExactly(own, c1);
    assertThat(timelines.read(bob.id(), own.id().value(), a1.id().value() - 1, 10).posts())
        .containsExactly(c1);
  }

  @Test
  void removeAuthorSparesAnAuthorFollowedAgain() {
    TimelineStore timelines = timelines();
    User alice = user("alice");
    User bob = user("bob");
    feed().follow(bob.id(), alice.id());
    Post a1 = post(alice, "a1");
    feed().awaitFanout();

    timelines.removeAuthor(bob.id(), alice.id());
    assertThat(timelines.read(bob.id(), Long.MAX_VALUE, 0, 10).posts())
        .as("bob still follows alice")
        .containsExactly(a1);

    assertThat(store().follows().delete(bob.id(), alice.id())).isTrue();
    timelines.removeAuthor(bob.id(), alice.id());
    followInStore(bob, alice);
    TimelineSlice slice = timelines.read(bob.id(), Long.MAX_VALUE, 0, 10);
    assertThat(slice.posts()).as("removed, not merely hidden").isEmpty();
  }

  @Test
  void removePostRemovesItFromEveryTimeline() {
    TimelineStore timelines = timelines();
    User alice = user("alice");
    User bob = user("bob");
    feed().follow(bob.id(), alice.id());
    Post a1 = post(alice, "a1");
    Post a2 = post(alice, "a2");
    feed().awaitFanout();

    timelines.removePost(a2.id(), alice.id());

    assertThat(timelines.read(bob.id(), Long.MAX_VALUE, 0, 10).posts()).containsExactly(a1);
    assertThat(timelines.read(alice.id(), Long.MAX_VALUE, 0, 10).posts()).containsExactly(a1);
  }

  @Test
  void readHomeMergesTheEntriesWithTheFolloweesMergedOnReadOnce() {
    TimelineStore timelines = timelines();
    User alice = user("alice");
    User star = user("star");
    User puller = user("puller");
    User bob = user("bob");
    User carol = user("carol");
    for (User followee : List.of(alice, star, puller)) {
      feed().follow(bob.id(), followee.id());
    }
    Post s1 = post(star, "s1");
    feed().awaitFanout();
    assertThat(timelines.changeDelivery(star.id(), Delivery.PUSH, Delivery.BOTH)).isTrue();
    assertThat(timelines.changeDelivery(puller.id(), Delivery.PUSH, Delivery.PULL)).isTrue();
    Post a1 = post(alice, "a1");
    Post p1 = post(puller, "p1");
    Post own = post(bob, "mine");
    Post s2 = post(star, "s2");
    post(carol, "not followed");
    feed().awaitFanout();

    HomeSlice home = store().readHome(bob.id(), Long.MAX_VALUE, 0, 10);
    assertThat(home.posts())
        .as("star's posts are both entries and merged, and appear once")
        .containsExactly(s2, own, p1, a1, s1);
    assertThat(home.merged()).containsExactlyInAnyOrder(star.id(), puller.id());
    assertThat(home.horizon()).isZero();
    assertThat(store().readHome(bob.id(), Long.MAX_VALUE, 0, 2).posts()).containsExactly(s2, own);
    assertThat(store().readHome(bob.id(), s2.id().value(), a1.id().value(), 10).posts())
        .containsExactly(own, p1);
    assertThat(store().readHome(carol.id(), Long.MAX_VALUE, 0, 10).merged()).isEmpty();

    assertThat(store().follows().delete(bob.id(), alice.id())).isTrue();
    assertThat(store().posts().delete(own.id())).isTrue();
    assertThat(store().posts().delete(s2.id())).isTrue();
    assertThat(store().readHome(bob.id(), Long.MAX_VALUE, 0, 10).posts())
        .as("deleted posts and authors no longer followed are skipped")
        .containsExactly(p1, s1);
  }

  @Test
  void readHomeStopsAtTheHorizon() {
    TimelineStore timelines = timelines();
    User alice = user("alice");
    User puller = user("puller");
    User bob = user("bob");
    List<Post> posted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      posted.add(post(alice, "alice " + i));
      posted.add(post(puller, "puller " + i));
    }
    feed().awaitFanout();
    followInStore(bob, alice);
    followInStore(bob, puller);
    assertThat(timelines.changeDelivery(puller.id(), Delivery.PUSH, Delivery.PULL)).isTrue();
    timelines.backfill(bob.id(), alice.id(), 2);

    HomeSlice home = store().readHome(bob.id(), Long.MAX_VALUE, 0, 100);
    TimelineSlice entries = timelines.read(bob.id(), Long.MAX_VALUE, 0, 100);
    assertThat(home.horizon())
        .isEqualTo(entries.horizon())
        .isGreaterThanOrEqualTo(posted.get(4).id().value())
        .isLessThan(posted.get(6).id().value());
    assertThat(ids(home.posts()))
        .containsExactlyElementsOf(above(newestFirst(posted), home.horizon()));
    assertThat(home.merged()).containsExactly(puller.id());
    assertThat(store().readHome(bob.id(), home.horizon() + 1, 0, 100).posts())
        .as("nothing at or below the horizon")
        .isEmpty();
  }

  @Test
  void insertPostReturnsTheAuthorsDelivery() {
    TimelineStore timelines = timelines();
    User star = user("star");
    Post first = post(star, "first");
    feed().awaitFanout();
    Post pushed =
        new Post(new PostId(first.id().value() + 1), star.id(), "pushed", first.createdAt());
    assertThat(timelines.insertPost(pushed, 10, List.of())).isEqualTo(Delivery.PUSH);

    assertThat(timelines.changeDelivery(star.id(), Delivery.PUSH, Delivery.PULL)).isTrue();
    Post pulled =
        new Post(new PostId(first.id().value() + 2), star.id(), "pulled", first.createdAt());
    assertThat(timelines.insertPost(pulled, 10, List.of())).isEqualTo(Delivery.PULL);
    assertThat(store().posts().byAuthor(star.id(), Long.MAX_VALUE, 0, 10))
        .containsExactly(pulled, pushed, first);
  }

  @Test
  void deliveryChangesByCompareAndSet() {
    TimelineStore timelines = timelines();
    User star = user("star");
    User fan = user("fan");
    User other = user("other");
    feed().follow(fan.id(), star.id());
    feed().awaitFanout();
    UserId id = star.id();
    assertThat(timelines.delivery(id)).isEqualTo(Delivery.PUSH);
    assertThat(timelines.followeesMergedOnRead(fan.id())).isEmpty();

    assertThat(timelines.changeDelivery(id, Delivery.PUSH, Delivery.PULL)).isTrue();
    assertThat(timelines.changeDelivery(id, Delivery.PUSH, Delivery.BOTH)).isFalse();
    assertThat(timelines.delivery(id)).isEqualTo(Delivery.PULL);
    assertThat(timelines.followeesMergedOnRead(fan.id())).containsExactly(id);
    assertThat(timelines.followeesMergedOnRead(other.id())).isEmpty();

    assertThat(timelines.changeDelivery(id, Delivery.PULL, Delivery.BOTH)).isTrue();
    assertThat(timelines.followeesMergedOnRead(fan.id())).containsExactly(id);
    assertThat(timelines.changeDelivery(id, Delivery.PULL, Delivery.PUSH)).isFalse();
    assertThat(timelines.changeDelivery(id, Delivery.BOTH, Delivery.PUSH)).isTrue();
    assertThat(timelines.delivery(id)).isEqualTo(Delivery.PUSH);
    assertThat(timelines.followeesMergedOnRead(fan.id())).isEmpty();
  }
}
