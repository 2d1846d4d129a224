package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.AccountsConfig;
import dev.feedkit.CacheConfig;
import dev.feedkit.Feed;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import dev.feedkit.spi.Invalidations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The PostgreSQL store's listener, the end of its invalidation channel: a node that loses it drops
 * its caches and listens again by itself, closing the store ends it, and a single-node store has
 * none. Two nodes over one database (two stores, two feeds with caches that would keep entries for
 * an hour); what they tell each other is the contract kit's "two nodes over shared data".
 */
class InvalidationListenerTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private JdbcFeedStore storeA;
  private JdbcFeedStore storeB;
  private Feed a;
  private Feed b;

  @BeforeEach
  void openNodes() throws SQLException {
    JdbcFeedStore.migrate(database.dataSource());
    database.truncateAll();
    storeA = JdbcFeedStore.builder().jdbcUrl(database.jdbcUrl()).poolSize(3).build();
    storeB = JdbcFeedStore.builder().jdbcUrl(database.jdbcUrl()).poolSize(3).build();
    a = node(storeA);
    b = node(storeB);
  }

  private static Feed node(JdbcFeedStore store) {
    return Feed.builder()
        .store(store)
        .cache(CacheConfig.defaults().withMaximumStaleness(Duration.ofHours(1)))
        .accounts(
            AccountsConfig.defaults()
                .withPasswordHashIterations(1_000)
                .withSessionCacheExpiry(Duration.ofHours(1)))
        .build();
  }

  @AfterEach
  void closeNodes() {
    a.close();
    b.close();
    storeA.close();
    storeB.close();
  }

  private static List<Post> home(Feed feed, UserId user) {
    return feed.homeTimeline(user, PageRequest.first(20)).items();
  }

  /** Polls {@code condition} until it holds; fails if it does not within the deadline. */
  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waited for: " + what).isNegative();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  @Test
  void aNodeWhoseListenerIsKilledDropsItsCachesAndListensAgain() {
    User alice = a.createUser("alice", "Alice");
    User bob = a.createUser("bob", "Bob");
    a.follow(alice.id(), bob.id());
    Post first = a.post(bob.id(), "first");
    a.awaitFanout();
    assertThat(home(b, alice.id())).containsExactly(first);
    assertThat(b.postById(first.id())).contains(first);
    int killed = storeB.listenerPid();
    assertThat(killed).isPositive();

    int terminated =
        Jdbi.create(database.dataSource())
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid = :pid")
                        .bind("pid", killed)
                        .mapTo(Integer.class)
                        .one());
    assertThat(terminated).isOne();

    await("B listens again", () -> storeB.listenerPid() != 0 && storeB.listenerPid() != killed);
    await("B dropped its caches", () -> b.stats().posts().entries() == 0);

    assertThat(b.postById(first.id())).contains(first);
    Post second = a.post(bob.id(), "second");
    a.awaitFanout();
    await("B sees the new post", () -> home(b, alice.id()).equals(List.of(second, first)));
    a.delete(bob.id(), first.id());
    await("B forgets the deleted post", () -> b.postById(first.id()).isEmpty());
  }

  @Test
  void closingAStoreEndsItsListener() {
    int pid = storeB.listenerPid();
    assertThat(pid).isPositive();

    b.close();
    storeB.close();

    assertThat(storeB.listenerPid()).isZero();
    await(
        "the listener's connection is closed",
        () ->
            Jdbi.create(database.dataSource())
                    .withHandle(
                        h ->
                            h.createQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid")
                                .bind("pid", pid)
                                .mapTo(Integer.class)
                                .one())
                == 0);
  }

  @Test
  void aSingleNodeStoreNeitherNotifiesNorListens() throws Exception {
    try (Connection listener = database.connect();
        Statement s = listener.createStatement()) {
      s.execute("LISTEN " + NotifyInvalidations.CHANNEL);
      try (JdbcFeedStore single =
              JdbcFeedStore.builder().jdbcUrl(database.jdbcUrl()).poolSize(2).singleNode().build();
          Feed feed = node(single)) {
        assertThat(single.invalidations()).isSameAs(Invalidations.none());
        User alice = feed.createUser("solo", "Solo");
        feed.post(alice.id(), "nobody needs to hear of this");
        feed.delete(alice.id(), feed.post(alice.id(), "nor of this").id());
        assertThat(single.listenerPid()).as("no LISTEN connection").isZero();
      }
      // A marker sent after those writes arrives after anything they sent.
      s.execute("NOTIFY " + NotifyInvalidations.CHANNEL + ", 'marker'");
      List<String> heard = new ArrayList<>();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (!heard.contains("marker")) {
        assertThat(System.nanoTime() - deadline).as("waited for the marker").isNegative();
        PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(250);
        for (PGNotification n : got == null ? new PGNotification[0] : got) {
          heard.add(n.getParameter());
        }
      }
      assertThat(heard).containsExactly("marker");
    }
  }
}
