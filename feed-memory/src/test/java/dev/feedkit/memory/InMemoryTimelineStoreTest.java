package dev.feedkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.memory.InMemoryTimelineStore.Timeline;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.TimelineStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The per-owner timeline of the in-memory store, which keeps exactly the cap: the contract suite
 * allows any store to keep more for a while, this one never does; and the store's invariant that
 * a timeline holds no entry of an author its owner does not follow, on which its read relies.
 */
class InMemoryTimelineStoreTest {

  private static final int CAP = 800;
  private final AtomicLong ids = new AtomicLong(1_000);
  private final InMemoryFeedStore store = new InMemoryFeedStore();
  private final TimelineStore timelines = store.timelines();

  private UserId user(String handle) {
    UserId id = new UserId(ids.incrementAndGet());
    store.users().insert(new User(id, handle, handle, Instant.EPOCH));
    return id;
  }

  private Post post(UserId author) {
    Post post = new Post(new PostId(ids.incrementAndGet()), author, "x", Instant.EPOCH);
    timelines.insertPost(post, CAP, List.of());
    return post;
  }

  private boolean follow(UserId follower, UserId followee) {
    return timelines.insertFollow(
        new Follow(ids.incrementAndGet(), follower, followee), CAP, List.of());
  }

  private List<UserId> authorsOnTimeline(UserId owner) {
    return timelines.read(owner, Long.MAX_VALUE, 0, 1_000).posts().stream()
        .map(Post::author)
        .distinct()
        .toList();
  }

  @Test
  void unfollowDropsTheFolloweesEntriesAtOnceAndLaterWritesAddNone() {
    UserId alice = user("alice");
    UserId bob = user("bob");
    follow(bob, alice);
    Post early = post(alice);
    timelines.fanOut(early, CAP);
    Post own = post(bob);

    assertThat(store.follows().delete(bob, alice)).isTrue();
    assertThat(timelines.read(bob, Long.MAX_VALUE, 0, 10).posts())
        .as("gone before any clean-up job")
        .containsExactly(own);

    // A backfill or fan-out that read the follow before the unfollow and writes after it.
    timelines.backfill(bob, alice, CAP);
    timelines.backfillFollowers(alice, CAP);
    assertThat(timelines.read(bob, Long.MAX_VALUE, 0, 10).posts()).containsExactly(own);

    follow(bob, alice);
    assertThat(timelines.read(bob, Long.MAX_VALUE, 0, 10).posts()).containsExactly(own, early);
  }

  @Test
  void racingFollowsUnfollowsAndFanOutsLeaveNoEntryOfAnAuthorNotFollowed() throws Exception {
    UserId alice = user("alice");
    UserId bob = user("bob");
    AtomicBoolean running = new AtomicBoolean(true);
    CompletableFuture<Void> posting =
        CompletableFuture.runAsync(
            () -> {
              while (running.get()) {
                timelines.fanOut(post(alice), CAP);
              }
            });
    try {
      for (int round = 0; round < 2_000; round++) {
        follow(bob, alice);
        assertThat(store.follows().delete(bob, alice)).isTrue();
        assertThat(authorsOnTimeline(bob)).as("round %d", round).doesNotContain(alice);
      }
    } finally {
      running.set(false);
      posting.get();
    }
    assertThat(authorsOnTimeline(bob)).isEmpty();
    follow(bob, alice);
    assertThat(authorsOnTimeline(bob)).containsExactly(alice);
  }

  private static long[] ids(Timeline timeline) {
    long[] out = new long[1000];
    return Arrays.copyOf(out, timeline.copyDown(Long.MAX_VALUE, 0, out));
  }

  @Test
  void keepsTheNewestCapIdsAndRaisesTheHorizonPastTheDropped() {
    Timeline timeline = new Timeline();
    for (long id : new long[] {50, 10, 40, 20, 30, 60}) {
      timeline.add(id, 4);
    }

    assertThat(ids(timeline)).containsExactly(60, 50, 40, 30);
    assertThat(timeline.horizon()).isEqualTo(20);

    timeline.add(25, 4);
    timeline.add(40, 4);
    assertThat(ids(timeline))
        .as("at or below the horizon, and duplicates, are ignored")
        .containsExactly(60, 50, 40, 30);
    timeline.add(35, 4);
    assertThat(ids(timeline)).containsExactly(60, 50, 40, 35);
    assertThat(timeline.horizon()).isEqualTo(30);
  }

  @Test
  void mergesABackfillAndTrimsIt() {
    Timeline timeline = new Timeline();
    timeline.add(15, 5);
    timeline.add(35, 5);

    timeline.addAll(new long[] {10, 20, 30, 35, 40}, 5, 5);

    assertThat(ids(timeline)).containsExactly(40, 35, 30, 20, 15);
    assertThat(timeline.horizon()).isEqualTo(10);

    timeline.addAll(new long[] {50, 60}, 25, 5);
    assertThat(ids(timeline)).containsExactly(60, 50, 40, 35, 30);
    assertThat(timeline.horizon()).isEqualTo(25);
  }

  @Test
  void copiesRangesDownFromTheTop() {
    Timeline timeline = new Timeline();
    for (long id = 1; id <= 20; id++) {
      timeline.add(id * 10, 100);
    }
    long[] out = new long[3];

    assertThat(timeline.copyDown(95, 40, out)).isEqualTo(3);
    assertThat(out).containsExactly(90, 80, 70);
    assertThat(timeline.copyDown(60, 40, out)).isEqualTo(1);
    assertThat(out[0]).isEqualTo(50);
    assertThat(timeline.copyDown(10, 0, out)).isZero();

    timeline.remove(90);
    timeline.remove(91);
    assertThat(timeline.copyDown(101, 70, out)).isEqualTo(2);
    assertThat(out).startsWith(100, 80);
  }
}
