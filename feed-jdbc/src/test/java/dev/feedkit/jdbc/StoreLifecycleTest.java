package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.feedkit.Feed;
import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.StoreException;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Opening, closing and reopening stores: durability, and who closes which pool. */
class StoreLifecycleTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  @BeforeEach
  void emptyDatabase() throws SQLException {
    JdbcFeedStore.migrate(database.dataSource());
    database.truncateAll();
  }

  /** Connections that stores opened themselves (they carry application name "feedkit"). */
  private static int ownPoolConnections() {
    return Jdbi.create(database.dataSource())
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND application_name = 'feedkit'")
                    .mapTo(Integer.class)
                    .one());
  }

  @Test
  void aReopenedStoreSeesEverythingWrittenBefore() {
    User alice;
    User bob;
    Post hello;
    Post hi;
    try (JdbcFeedStore store = JdbcFeedStore.create(database.jdbcUrl());
        Feed feed = Feed.builder().store(store).build()) {
      alice = feed.createUser("alice", "Alice");
      bob = feed.createUser("Bob", "Bob B.");
      feed.follow(alice.id(), bob.id());
      hello = feed.post(bob.id(), "hello, world");
      hi = feed.post(alice.id(), "hi bob ✓");
      Post gone = feed.post(alice.id(), "oops");
      feed.delete(alice.id(), gone.id());
    }

    try (JdbcFeedStore store = JdbcFeedStore.create(database.jdbcUrl());
        Feed feed = Feed.builder().store(store).workerId(1).build()) {
      assertThat(feed.user(alice.id())).contains(alice);
      assertThat(feed.userByHandle("BOB")).contains(bob);
      assertThat(feed.isFollowing(alice.id(), bob.id())).isTrue();
      assertThat(feed.counts(alice.id())).isEqualTo(new UserCounts(0, 1, 1));
      assertThat(feed.counts(bob.id())).isEqualTo(new UserCounts(1, 0, 1));
      Page<Post> home = feed.homeTimeline(alice.id(), PageRequest.first(10));
      assertThat(home.items()).containsExactly(hi, hello);
      assertThat(feed.followers(bob.id(), PageRequest.first(10)).items()).containsExactly(alice);
    }
  }

  @Test
  void aStoreClosesThePoolItOpened() {
    JdbcFeedStore store = JdbcFeedStore.builder().jdbcUrl(database.jdbcUrl()).poolSize(3).build();
    try (Feed feed = Feed.builder().store(store).build()) {
      feed.createUser("alice", "Alice");
    }
    assertThat(ownPoolConnections()).isPositive();

    store.close();
    store.close();

    // The server ends a backend a moment after its client hangs up: wait for that, not a fixed
    // time.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ownPoolConnections() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(ownPoolConnections()).isZero();
    assertThatThrownBy(() -> store.users().findByHandle("alice"))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void aClosedStoreHandsItsListenerConnectionBackToTheHostsPoolInGoodOrder() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setMaximumPoolSize(2);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      JdbcFeedStore store = JdbcFeedStore.create(pool);
      try (Feed feed = Feed.builder().store(store).build()) {
        feed.createUser("alice", "Alice");
        assertThat(store.listenerPid()).isPositive();
      }
      store.close();

      for (int i = 0; i < 2; i++) {
        try (Connection a = pool.getConnection();
            Connection b = pool.getConnection();
            Statement s = a.createStatement();
            Statement t = b.createStatement();
            ResultSet listening = s.executeQuery("SELECT count(*) FROM pg_listening_channels()");
            ResultSet other = t.executeQuery("SELECT count(*) FROM pg_listening_channels()")) {
          assertThat(listening.next() && other.next()).isTrue();
          assertThat(listening.getInt(1) + other.getInt(1))
              .as("no pooled connection still listens")
              .isZero();
        }
      }
    }
  }

  @Test
  void aStoreLeavesTheHostsDataSourceOpen() throws SQLException {
    JdbcFeedStore store = JdbcFeedStore.create(database.dataSource());
    store.users().findByHandle("alice");

    store.close();

    try (Connection connection = database.dataSource().getConnection()) {
      assertThat(connection.isValid(1)).isTrue();
    }
  }

  @Test
  void storesOnOneDatabaseShareWhatTheyWrite() {
    try (JdbcFeedStore first = JdbcFeedStore.create(database.dataSource());
        JdbcFeedStore second = JdbcFeedStore.create(database.jdbcUrl());
        Feed one = Feed.builder().store(first).workerId(1).build();
        Feed two = Feed.builder().store(second).workerId(2).build()) {
      User alice = one.createUser("alice", "Alice");
      User bob = two.createUser("bob", "Bob");
      two.follow(bob.id(), alice.id());
      Post post = one.post(alice.id(), "from node one");
      one.awaitFanout();

      assertThat(two.homeTimeline(bob.id(), PageRequest.first(5)).items()).containsExactly(post);
      assertThat(one.searchUsers("", 10)).containsExactly(alice, bob);
      assertThat(List.of(one.counts(alice.id()), two.counts(alice.id())))
          .containsOnly(new UserCounts(1, 0, 1));
    }
  }
}
