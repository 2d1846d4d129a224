package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.feedkit.Feed;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.StoreException;
import dev.feedkit.User;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL ends every connection of the store's pool ({@code pg_terminate_backend}, as a
 * restart or failover would): calls fail with a clear {@link StoreException} or succeed on a
 * replacement connection, and the store recovers by itself.
 */
class ConnectionLossTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  private static final int POOL_SIZE = 3;

  private JdbcFeedStore store;
  private Feed feed;
  private User alice;
  private User bob;
  private final List<Post> posted = new ArrayList<>();

  @BeforeEach
  void openStore() throws SQLException {
    JdbcFeedStore.migrate(database.dataSource());
    database.truncateAll();
    store = JdbcFeedStore.builder().jdbcUrl(database.jdbcUrl()).poolSize(POOL_SIZE).build();
    feed = Feed.builder().store(store).build();
    alice = feed.createUser("alice", "Alice");
    bob = feed.createUser("bob", "Bob");
    feed.follow(alice.id(), bob.id());
    for (int i = 0; i < 5; i++) {
      posted.add(0, feed.post(i % 2 == 0 ? bob.id() : alice.id(), "post " + i));
    }
    // Bob's posts reach Alice's timeline in the background; they are all there before a test.
    feed.awaitFanout();
  }

  @AfterEach
  void closeStore() {
    feed.close();
    store.close();
  }

  /** Ends every connection of the store's pool; returns how many there were. */
  private static int terminateStoreConnections() {
    return Jdbi.create(database.dataSource())
        .withHandle(
            h ->
                h.createQuery(
                        """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'feedkit'""")
                    .mapTo(Integer.class)
                    .one());
  }

  /** The call's result, or null if it failed; a failure must be a clear StoreException. */
  private static <T> T attempt(Supplier<T> call) {
    try {
      return call.get();
    } catch (StoreException e) {
      assertIsConnectionLoss(e);
      return null;
    }
  }

  private static void assertIsConnectionLoss(Throwable e) {
    assertThat(e)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("connection to PostgreSQL was lost")
        .hasCauseInstanceOf(SQLException.class);
    assertThat(((SQLException) e.getCause()).getSQLState()).matches("08...|57P0.");
  }

  @Test
  void readsSurviveTheLossOfEveryConnection() {
    assertThat(terminateStoreConnections()).isPositive();

    for (int i = 0; i < POOL_SIZE + 1; i++) {
      assertThat(feed.homeTimeline(alice.id(), PageRequest.first(10)).items())
          .containsExactlyElementsOf(posted);
    }
  }

  @Test
  void writesFailClearlyOrSucceedAndTheStoreRecoversByItself() {
    assertThat(terminateStoreConnections()).isPositive();

    // Each dead connection fails at most one write, and is then replaced by the pool.
    int failures = 0;
    for (int i = 0; i < POOL_SIZE + 1; i++) {
      Post post = attempt(() -> feed.post(bob.id(), "after the loss"));
      if (post == null) {
        failures++;
      } else {
        posted.add(0, post);
      }
    }
    assertThat(failures).isLessThanOrEqualTo(POOL_SIZE);

    Post after = feed.post(bob.id(), "recovered");
    posted.add(0, after);
    feed.awaitFanout();
    assertThat(feed.homeTimeline(alice.id(), PageRequest.first(50)).items())
        .containsExactlyElementsOf(posted);
    assertThat(feed.counts(bob.id()).posts())
        .isEqualTo(posted.stream().filter(p -> p.author().equals(bob.id())).count());
  }

  @Test
  void aTransactionCutShortByTheServerFailsWholeAndTheNextCallWorks() throws Exception {
    User carol = feed.createUser("carol", "Carol");
    ExecutorService worker = Executors.newSingleThreadExecutor();
    Future<Boolean> follow;
    try (Handle blocker = Jdbi.open(database.dataSource())) {
      // An uncommitted insert of the same pair makes the store's follow wait inside its
      // transaction, after it has locked both counter rows, until its connection is ended.
      blocker.begin();
      blocker
          .createUpdate("INSERT INTO feedkit_follows VALUES (:follower, :followee, 1)")
          .bind("follower", carol.id().value())
          .bind("followee", bob.id().value())
          .execute();
      follow = worker.submit(() -> feed.follow(carol.id(), bob.id()));
      int pid = database.awaitBackendWaitingForALock("feedkit");
      Jdbi.create(database.dataSource())
          .useHandle(
              h ->
                  h.createQuery("SELECT pg_terminate_backend(:pid)")
                      .bind("pid", pid)
                      .mapTo(Boolean.class)
                      .one());
      Throwable failure = catchThrowable(() -> follow.get(30, TimeUnit.SECONDS));
      blocker.rollback();

      assertThat(failure).isInstanceOf(ExecutionException.class);
      assertIsConnectionLoss(failure.getCause());
    } finally {
      worker.shutdownNow();
    }

    assertThat(feed.isFollowing(carol.id(), bob.id())).isFalse();
    assertThat(feed.counts(carol.id()).following()).isZero();
    assertThat(feed.counts(bob.id()).followers()).isEqualTo(1);
    assertThat(feed.follow(carol.id(), bob.id())).isTrue();
    assertThat(feed.counts(bob.id()).followers()).isEqualTo(2);
  }
}
