package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.NoSuchUserException;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import dev.feedkit.spi.Delivery;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.Job;
import dev.feedkit.spi.TimelineSlice;
import dev.feedkit.spi.TimelineStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the contract suite cannot see of {@link JdbcTimelineStore}: the lock that orders an
 * unfollow's clean-up after a backfill of the same timeline, staged exactly (another connection
 * runs the backfill's own statements and holds its transaction open until the store's call is
 * seen waiting for the lock), a fan-out racing a delete of its post, staged the same way, and how
 * far batched trims let a timeline grow.
 */
class JdbcTimelineStoreTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final UserId ALICE = UserId.of(1);
  private static final UserId BOB = UserId.of(2);

  private static Jdbi jdbi;

  private JdbcFeedStore store;
  private TimelineStore timelines;
  private ExecutorService worker;
  private long nextId = 1_000;

  @BeforeAll
  static void migrate() {
    JdbcFeedStore.migrate(database.dataSource());
    jdbi = Jdbi.create(database.dataSource());
  }

  @BeforeEach
  void aliceAndBob() throws SQLException {
    database.truncateAll();
    // The store's own pool names its connections "feedkit", which tells them apart from ours.
    store = JdbcFeedStore.builder().jdbcUrl(database.jdbcUrl()).poolSize(2).migrate(false).build();
    timelines = store.timelines();
    worker = Executors.newSingleThreadExecutor();
    createUser(ALICE);
    createUser(BOB);
  }

  @AfterEach
  void closeStore() {
    worker.shutdownNow();
    store.close();
  }

  private void createUser(UserId id) {
    store.users().insert(new User(id, "user" + id.value(), "User", NOW));
  }

  private Post post(UserId author) {
    Post post = new Post(new PostId(nextId++), author, "post", NOW);
    store.posts().insert(post);
    return post;
  }

  private void follow(UserId follower, UserId followee) {
    assertThat(store.follows().insert(new Follow(nextId++, follower, followee))).isTrue();
  }

  private static String sql(String name) {
    return Database.sql(JdbcTimelineStore.class, name);
  }

  private static int entries(UserId owner) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT count(*) FROM feedkit_home_timeline WHERE owner_id = :owner")
                .bind("owner", owner.value())
                .mapTo(Integer.class)
                .one());
  }

  private static int entriesOf(Post post) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT count(*) FROM feedkit_home_timeline WHERE post_id = :post")
                .bind("post", post.id().value())
                .mapTo(Integer.class)
                .one());
  }

  @Test
  void aFanOutOfAPostDeletedAndCleanedUpSinceItsJobFoundItLeavesNoEntries() {
    Post post = post(BOB);
    follow(ALICE, BOB);
    // The post's fan-out job has found the post; before it fans out, the post is deleted and the
    // delete's clean-up job runs.
    assertThat(store.posts().delete(post.id())).isTrue();
    timelines.removePost(post.id(), BOB);

    assertThat(timelines.fanOut(post, 10)).isEmpty();

    assertThat(entriesOf(post)).as("entries left for a deleted post").isZero();
  }

  @Test
  void aDeleteWaitsForAFanOutOfThePostSoThatItsCleanUpComesAfter() throws Exception {
    Post post = post(BOB);
    follow(ALICE, BOB);
    Future<Boolean> delete;
    try (Handle fanOut = jdbi.open()) {
      fanOut.begin();
      assertThat(
              fanOut
                  .createQuery(sql("fanOut"))
                  .bind("author", BOB.value())
                  .bind("post", post.id().value())
                  .mapTo(Long.class)
                  .list())
          .containsExactly(ALICE.value());

      delete = worker.submit(() -> timelines.deletePost(post.id(), List.of()));
      database.awaitBackendWaitingForALock("feedkit");
      fanOut.commit();
    }
    assertThat(delete.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(entriesOf(post)).as("the fan-out committed first").isEqualTo(1);
    timelines.removePost(post.id(), BOB);
    assertThat(entriesOf(post)).isZero();
  }

  @Test
  void aFanOutWaitsForADeleteOfThePostAndThenAddsNothing() throws Exception {
    Post post = post(BOB);
    follow(ALICE, BOB);
    Future<List<UserId>> fanOut;
    try (Handle delete = jdbi.open()) {
      delete.begin();
      assertThat(delete.execute("DELETE FROM feedkit_posts WHERE id = ?", post.id().value()))
          .isEqualTo(1);

      fanOut = worker.submit(() -> timelines.fanOut(post, 10));
      database.awaitBackendWaitingForALock("feedkit");
      delete.commit();
    }
    assertThat(fanOut.get(30, TimeUnit.SECONDS)).isEmpty();
    assertThat(entriesOf(post)).isZero();
  }

  @Test
  void anUnfollowCleanUpWaitsForABackfillOfTheSameTimelineAndSparesTheAuthorFollowedAgain()
      throws Exception {
    Post post = post(BOB);
    follow(ALICE, BOB);
    timelines.backfill(ALICE, BOB, 10);
    assertThat(store.follows().delete(ALICE, BOB)).isTrue();

    Future<?> cleanUp;
    try (Handle refollow = jdbi.open()) {
      // Alice follows Bob again, and the backfill of that follow holds her timeline's lock.
      refollow.begin();
      refollow.createUpdate(sql("lockOwner")).bind("owner", ALICE.value()).execute();
      refollow.execute(
          "INSERT INTO feedkit_follows VALUES (?, ?, ?)", ALICE.value(), BOB.value(), nextId++);
      refollow
          .createUpdate(sql("backfill"))
          .bind("owner", ALICE.value())
          .bind("author", BOB.value())
          .bind("cap", 10)
          .execute();

      cleanUp = worker.submit(() -> timelines.removeAuthor(ALICE, BOB));
      database.awaitBackendWaitingForALock("feedkit");
      refollow.commit();
    }
    cleanUp.get(30, TimeUnit.SECONDS);

    assertThat(timelines.read(ALICE, Long.MAX_VALUE, 0, 10).posts())
        .as("the clean-up saw the new follow")
        .containsExactly(post);
    assertThat(entries(ALICE)).isEqualTo(1);
  }

  @Test
  void anUnfollowRemovesTheAuthorsEntriesAtOnceAndQueuesNoCleanUp() {
    Post post = post(BOB);
    follow(ALICE, BOB);
    timelines.fanOut(post, 10);
    assertThat(entriesOf(post)).isEqualTo(1);

    assertThat(
            timelines.deleteFollow(
                ALICE, BOB, List.of(new Job(Job.Kind.REMOVE_AUTHOR, ALICE.value(), BOB.value()))))
        .isTrue();

    assertThat(entriesOf(post)).as("removed by the unfollow itself").isZero();
    assertThat(store.jobs().stats().pending()).as("the clean-up is done, not queued").isZero();
  }

  @Test
  void anUnfollowWaitsForAFanOutOfTheAuthorInFlightAndThenRemovesItsEntry() throws Exception {
    Post post = post(BOB);
    follow(ALICE, BOB);
    Future<Boolean> unfollow;
    try (Handle fanOut = jdbi.open()) {
      fanOut.begin();
      assertThat(
              fanOut
                  .createQuery(sql("fanOutLock"))
                  .bind("author", BOB.value())
                  .bind("post", post.id().value())
                  .mapTo(Long.class)
                  .list())
          .containsExactly(post.id().value());
      assertThat(
              fanOut
                  .createQuery(sql("fanOut"))
                  .bind("author", BOB.value())
                  .bind("post", post.id().value())
                  .mapTo(Long.class)
                  .list())
          .containsExactly(ALICE.value());

      unfollow = worker.submit(() -> timelines.deleteFollow(ALICE, BOB, List.of()));
      database.awaitBackendWaitingForALock("feedkit");
      fanOut.commit();
    }
    assertThat(unfollow.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(entriesOf(post)).as("the unfollow removed the entry committed before it").isZero();
  }

  @Test
  void aFanOutWaitsForAnUnfollowOfTheAuthorAndThenLeavesTheFormerFollowerOut() throws Exception {
    Post post = post(BOB);
    follow(ALICE, BOB);
    Future<List<UserId>> fanOut;
    try (Handle unfollow = jdbi.open()) {
      unfollow.begin();
      unfollow
          .createQuery(sql("unfollowLock"))
          .bind("author", BOB.value())
          .mapTo(Long.class)
          .list();
      assertThat(
              unfollow.execute("DELETE FROM feedkit_follows WHERE follower_id = ?", ALICE.value()))
          .isEqualTo(1);

      fanOut = worker.submit(() -> timelines.fanOut(post, 10));
      database.awaitBackendWaitingForALock("feedkit");
      unfollow.commit();
    }
    assertThat(fanOut.get(30, TimeUnit.SECONDS)).doesNotContain(ALICE);
    assertThat(entriesOf(post)).as("no entry for the former follower").isZero();
  }

  @Test
  void fanOutLetsTimelinesGrowPastTheCapOnlyBrieflyAndKeepsThemCompleteAboveTheHorizon() {
    int cap = 40;
    List<UserId> followers = new ArrayList<>();
    for (long id = 10; id < 30; id++) {
      UserId follower = UserId.of(id);
      createUser(follower);
      follow(follower, BOB);
      followers.add(follower);
    }
    List<Post> posted = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Post post = post(BOB);
      assertThat(timelines.fanOut(post, cap)).containsExactlyInAnyOrderElementsOf(followers);
      posted.add(0, post);
    }

    for (UserId follower : followers) {
      assertThat(entries(follower))
          .as("entries of " + follower)
          .isBetween(cap, cap + 12 * (cap / JdbcTimelineStore.TRIM_SLACK));
      TimelineSlice slice = timelines.read(follower, Long.MAX_VALUE, 0, 500);
      List<Post> above = posted.stream().filter(p -> p.id().value() > slice.horizon()).toList();
      assertThat(above)
          .as("posts above the horizon of " + follower)
          .hasSizeGreaterThanOrEqualTo(cap);
      assertThat(slice.posts())
          .as("timeline of " + follower)
          .startsWith(above.toArray(Post[]::new));
    }
  }

  @Test
  void aBackfillTrimsAtOnce() {
    for (int i = 0; i < 30; i++) {
      post(BOB);
    }
    follow(ALICE, BOB);

    timelines.backfill(ALICE, BOB, 20);
    timelines.backfill(ALICE, BOB, 20);

    assertThat(entries(ALICE)).isEqualTo(20);
  }

  @Test
  void theDeliveryOfAMissingUserCannotChange() {
    assertThatThrownBy(() -> timelines.changeDelivery(UserId.of(99), Delivery.PUSH, Delivery.PULL))
        .isInstanceOf(NoSuchUserException.class);
    assertThat(timelines.delivery(UserId.of(99))).isEqualTo(Delivery.PUSH);
  }

  @Test
  void aboutOneWriteInTheSlackTrims() {
    int cap = 800;
    int trimmed = 0;
    int writes = 100_000;
    for (long owner = 1; owner <= 100; owner++) {
      for (long post = 1; post <= writes / 100; post++) {
        long id = (post << 22) | 7;
        boolean trims = JdbcTimelineStore.trims(owner, id, cap);
        assertThat(JdbcTimelineStore.trims(owner, id, cap)).isEqualTo(trims);
        trimmed += trims ? 1 : 0;
      }
    }
    double expected = (double) writes / (cap / JdbcTimelineStore.TRIM_SLACK);
    assertThat((double) trimmed).isBetween(expected * 0.9, expected * 1.1);
    assertThat(JdbcTimelineStore.trims(1, 1, 2 * JdbcTimelineStore.TRIM_SLACK - 1))
        .as("small caps trim on every write")
        .isTrue();
  }
}
