package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.AccountsConfig;
import dev.feedkit.FanoutPolicy;
import dev.feedkit.Feed;
import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.StoreException;
import dev.feedkit.User;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** Each test migrates a schema of its own in the class's database. */
class MigrationsTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  private static final List<String> TABLES =
      List.of(
          "feedkit_credentials",
          "feedkit_fanout_authors",
          "feedkit_follows",
          "feedkit_home_timeline",
          "feedkit_posts",
          "feedkit_sessions",
          "feedkit_timeline_owners",
          "feedkit_user_counts",
          "feedkit_users");

  /** A data source whose connections work in a new, empty schema named after the test. */
  private static DataSource emptySchema(TestInfo test) throws SQLException {
    return emptySchema(test, "");
  }

  private static DataSource emptySchema(TestInfo test, String suffix) throws SQLException {
    String schema = test.getTestMethod().orElseThrow().getName().toLowerCase() + suffix;
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(database.jdbcUrl());
    dataSource.setCurrentSchema(schema);
    return dataSource;
  }

  private static List<String> tables(DataSource dataSource) {
    return Jdbi.create(dataSource)
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")
                    .mapTo(String.class)
                    .list());
  }

  private static List<String> appliedVersions(DataSource dataSource, String historyTable) {
    return Jdbi.create(dataSource)
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT version FROM "
                            + historyTable
                            + " WHERE success ORDER BY installed_rank")
                    .mapTo(String.class)
                    .list());
  }

  @Test
  void applyingTwiceDoesNothing(TestInfo test) throws SQLException {
    DataSource dataSource = emptySchema(test);

    int first = JdbcFeedStore.migrate(dataSource);
    int second = JdbcFeedStore.migrate(dataSource);

    assertThat(first).isPositive();
    assertThat(second).isZero();
    assertThat(appliedVersions(dataSource, JdbcFeedStore.HISTORY_TABLE)).hasSize(first);
    assertThat(tables(dataSource)).containsAll(TABLES).contains(JdbcFeedStore.HISTORY_TABLE);
  }

  /** Several rounds, since the race between migrators depends on timing. */
  @Test
  void concurrentMigratorsApplyEachMigrationOnce(TestInfo test) throws Exception {
    int migrators = 4;
    ExecutorService pool = Executors.newFixedThreadPool(migrators);
    try {
      for (int round = 0; round < 5; round++) {
        DataSource dataSource = emptySchema(test, "_" + round);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < migrators; i++) {
          Callable<Integer> migrate =
              () -> {
                start.await();
                return JdbcFeedStore.migrate(dataSource);
              };
          results.add(pool.submit(migrate));
        }
        start.countDown();
        int applied = 0;
        for (Future<Integer> result : results) {
          applied += result.get(60, TimeUnit.SECONDS);
        }

        List<String> versions = appliedVersions(dataSource, JdbcFeedStore.HISTORY_TABLE);
        assertThat(versions)
            .as("round " + round)
            .isNotEmpty()
            .doesNotHaveDuplicates()
            .hasSize(applied);
        assertThat(tables(dataSource)).as("round " + round).containsAll(TABLES);
        assertThat(JdbcFeedStore.migrate(dataSource)).isZero();
        try (JdbcFeedStore store =
                JdbcFeedStore.builder().dataSource(dataSource).migrate(false).build();
            Feed feed = Feed.builder().store(store).build()) {
          User alice = feed.createUser("alice", "Alice");
          assertThat(feed.user(alice.id())).contains(alice);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSchemaWithTheHostsTablesGetsEveryFeedkitMigration(TestInfo test) throws SQLException {
    DataSource dataSource = emptySchema(test);
    Jdbi.create(dataSource)
        .useHandle(
            h -> h.execute("CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL)"));

    int applied = JdbcFeedStore.migrate(dataSource);

    assertThat(applied).isPositive();
    assertThat(tables(dataSource)).containsAll(TABLES).contains("orders");
  }

  @Test
  void aHostsOwnFlywayRunAppliesThemWithTheDocumentedSettings(TestInfo test) throws SQLException {
    DataSource dataSource = emptySchema(test);

    // The host's own migrations, in its own history table...
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/host-migration")
        .load()
        .migrate();
    // ...and feedkit's, as docs/POSTGRESQL.md tells a host to run them.
    Flyway.configure()
        .dataSource(dataSource)
        .locations(JdbcFeedStore.MIGRATIONS)
        .table(JdbcFeedStore.HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();

    assertThat(tables(dataSource))
        .containsAll(TABLES)
        .contains("host_things", "flyway_schema_history", JdbcFeedStore.HISTORY_TABLE);
    assertThat(JdbcFeedStore.migrate(dataSource)).isZero();
    try (JdbcFeedStore store =
            JdbcFeedStore.builder().dataSource(dataSource).migrate(false).build();
        Feed feed = Feed.builder().store(store).build()) {
      assertThat(feed.createUser("alice", "Alice").handle()).isEqualTo("alice");
    }
  }

  @Test
  void aSchemaAtVersion1IsUpgradedInPlace(TestInfo test) throws SQLException {
    DataSource dataSource = emptySchema(test);
    Flyway.configure()
        .dataSource(dataSource)
        .locations(JdbcFeedStore.MIGRATIONS)
        .table(JdbcFeedStore.HISTORY_TABLE)
        .target("1")
        .load()
        .migrate();
    User bob;
    try (JdbcFeedStore store =
            JdbcFeedStore.builder().dataSource(dataSource).migrate(false).build();
        Feed feed = Feed.builder().store(store).build()) {
      bob = feed.createUser("bob", "Bob");
    }
    assertThat(tables(dataSource)).doesNotContain("feedkit_credentials", "feedkit_sessions");

    assertThat(JdbcFeedStore.migrate(dataSource)).isEqualTo(5);

    assertThat(appliedVersions(dataSource, JdbcFeedStore.HISTORY_TABLE))
        .containsExactly("1", "2", "3", "4", "5", "6");
    try (JdbcFeedStore store =
            JdbcFeedStore.builder().dataSource(dataSource).migrate(false).build();
        Feed feed =
            Feed.builder()
                .store(store)
                .accounts(AccountsConfig.defaults().withPasswordHashIterations(1_000))
                .build()) {
      assertThat(feed.user(bob.id())).contains(bob);
      assertThat(store.accounts().findCredential(bob.id())).as("bob has no password").isEmpty();
      User alice = feed.accounts().signUp("alice", "correct horse battery staple", "Alice");
      assertThat(feed.accounts().logIn("alice", "correct horse battery staple", "c").userId())
          .isEqualTo(alice.id());
    }
  }

  /**
   * Before version 3 only the pull policy ran on PostgreSQL, so an upgraded database has posts in
   * no materialized timeline; a feed that materializes them (the default) must still show them.
   */
  private static long oldPostIds = 1_000;

  /** A post written into a version 2 schema as that version wrote them, counted. */
  private static Post postAtVersion2(DataSource dataSource, User author, String text)
      throws SQLException {
    long id = ++oldPostIds;
    Post post =
        new Post(
            new dev.feedkit.PostId(id),
            author.id(),
            text,
            java.time.Instant.ofEpochMilli(1_700_000_000_000L + id));
    try (Connection c = dataSource.getConnection();
        java.sql.PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO feedkit_posts"
                    + " (author_id, id, text, created_at) VALUES (?, ?, ?, ?)");
        java.sql.PreparedStatement count =
            c.prepareStatement(
                "UPDATE feedkit_user_counts SET posts = posts + 1 WHERE user_id = ?")) {
      insert.setLong(1, author.id().value());
      insert.setLong(2, id);
      insert.setString(3, text);
      insert.setObject(
          4, java.time.OffsetDateTime.ofInstant(post.createdAt(), java.time.ZoneOffset.UTC));
      insert.executeUpdate();
      count.setLong(1, author.id().value());
      count.executeUpdate();
    }
    return post;
  }

  @Test
  void aSchemaAtVersion2WithPostsIsUpgradedAndItsTimelinesStayExact(TestInfo test)
      throws SQLException {
    DataSource dataSource = emptySchema(test);
    Flyway.configure()
        .dataSource(dataSource)
        .locations(JdbcFeedStore.MIGRATIONS)
        .table(JdbcFeedStore.HISTORY_TABLE)
        .target("2")
        .load()
        .migrate();
    User alice;
    User bob;
    User carol;
    List<Post> expected = new ArrayList<>();
    try (JdbcFeedStore store = open(dataSource);
        Feed feed = Feed.builder().store(store).fanout(FanoutPolicy.pull()).build()) {
      alice = feed.createUser("alice", "Alice");
      bob = feed.createUser("bob", "Bob");
      carol = feed.createUser("carol", "Carol");
      feed.follow(alice.id(), bob.id());
    }
    // Posts as version 2 stored them (today's store writes columns version 2 does not have).
    for (int i = 0; i < 3; i++) {
      expected.add(0, postAtVersion2(dataSource, bob, "bob before the upgrade " + i));
    }
    expected.add(0, postAtVersion2(dataSource, alice, "alice before the upgrade"));
    expected.add(0, postAtVersion2(dataSource, carol, "carol before the upgrade"));

    assertThat(JdbcFeedStore.migrate(dataSource)).isEqualTo(4);

    try (JdbcFeedStore store = open(dataSource);
        Feed feed = Feed.builder().store(store).workerId(1).timelineCap(2).build()) {
      expected.add(0, feed.post(bob.id(), "bob after the upgrade"));
      expected.add(0, feed.post(alice.id(), "alice after the upgrade"));
      feed.awaitFanout();
      assertThat(homeTimeline(feed, alice))
          .containsExactlyElementsOf(
              expected.stream().filter(p -> !p.author().equals(carol.id())).toList());

      feed.follow(alice.id(), carol.id());

      assertThat(homeTimeline(feed, alice)).containsExactlyElementsOf(expected);
      assertThat(homeTimeline(feed, carol))
          .extracting(Post::text)
          .containsExactly("carol before the upgrade");
    }
  }

  private static JdbcFeedStore open(DataSource dataSource) {
    return JdbcFeedStore.builder().dataSource(dataSource).migrate(false).build();
  }

  /** The whole home timeline, read in pages of two. */
  private static List<Post> homeTimeline(Feed feed, User user) {
    List<Post> posts = new ArrayList<>();
    Optional<PageRequest> next = Optional.of(PageRequest.first(2));
    while (next.isPresent()) {
      Page<Post> page = feed.homeTimeline(user.id(), next.get());
      posts.addAll(page.items());
      next = page.next();
    }
    return posts;
  }

  @Test
  void anotherHistoryTableCanBeNamed(TestInfo test) throws SQLException {
    DataSource dataSource = emptySchema(test);

    JdbcFeedStore.builder()
        .dataSource(dataSource)
        .historyTable("social_schema_history")
        .build()
        .close();

    assertThat(tables(dataSource))
        .contains("social_schema_history")
        .doesNotContain(JdbcFeedStore.HISTORY_TABLE);
    assertThat(appliedVersions(dataSource, "social_schema_history")).isNotEmpty();
  }

  @Test
  void aStoreOnAnUnmigratedSchemaSaysWhatIsMissing(TestInfo test) throws SQLException {
    DataSource dataSource = emptySchema(test);

    try (JdbcFeedStore store =
            JdbcFeedStore.builder().dataSource(dataSource).migrate(false).build();
        Feed feed = Feed.builder().store(store).build()) {
      assertThatThrownBy(() -> feed.createUser("alice", "Alice"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("apply the migrations")
          .hasCauseInstanceOf(SQLException.class);
    }
  }
}
