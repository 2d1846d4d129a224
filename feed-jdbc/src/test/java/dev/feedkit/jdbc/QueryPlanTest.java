package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.jdbc.testing.PostgresDatabase;
import dev.feedkit.spi.Order;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement of the store finds its rows through an index range scan. The test fills a
 * database large enough that PostgreSQL's planner prefers an index wherever one fits (2,000
 * users, 100 posts each, about 24 follows each and one user following and followed by everyone;
 * a password each and 10 sessions each, expiring over the next two weeks; a home timeline each,
 * of the newest 5 posts of each followee and their own, and half of the users pulled or on their
 * way back to push, far more than a real store has, so that looking one up must use the index),
 * runs {@code VACUUM ANALYZE}, and reads the plans of the store's own statements: none scans a
 * feedkit table sequentially, each uses the index the schema made for it, and ordered pages come
 * in index order, without a sort (but for the top-N of the merged timeline). Two kinds of
 * statement are exempt by design, as {@link #SORTS} and {@link #WHOLE_TABLES} list: writes to
 * many timelines sort the followers by id, and the followees merged on read are found by reading
 * the (small) table of pulled authors whole.
 *
 * <p>On much smaller tables the planner rightly reads a few pages sequentially instead; that is
 * why the data is this size, and why list reads are checked for the user with many follows.
 */
class QueryPlanTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  private static final long EVERYONES_FRIEND = 98;

  /** Statements that sort by design, and what they put in an order that no index holds. */
  private static final Map<String, String> SORTS =
      Map.of(
          "JdbcTimelineStore/fanOut", "followers by id, the order in which timelines are written",
          "JdbcTimelineStore/backfillFollowers",
              "followers by id, the order in which they are locked");

  /** Statements that read a table whole by design, and that table. */
  private static final Map<String, String> WHOLE_TABLES =
      Map.of(
          "JdbcTimelineStore/followeesMergedOnRead", "feedkit_fanout_authors",
          "JdbcTimelineStore/readHome", "feedkit_fanout_authors",
          "JdbcJobQueue/stats", "feedkit_jobs");

  private static Jdbi jdbi;

  @BeforeAll
  static void fill() {
    JdbcFeedStore.migrate(database.dataSource());
    jdbi = Jdbi.create(database.dataSource());
    jdbi.useHandle(
        h -> {
          h.execute(
              "INSERT INTO feedkit_users"
                  + " SELECT g, 'user' || g, 'user' || g, 'User ' || g, now()"
                  + " FROM generate_series(1, 2000) g");
          h.execute(
              "INSERT INTO feedkit_user_counts (user_id) SELECT g FROM generate_series(1, 2000) g");
          h.execute(
              "INSERT INTO feedkit_follows SELECT u, 98, u"
                  + " FROM generate_series(1, 2000) u WHERE u <> 98");
          h.execute(
              "INSERT INTO feedkit_follows SELECT 98, f, 10000 + f"
                  + " FROM generate_series(1, 2000) f WHERE f <> 98 ON CONFLICT DO NOTHING");
          h.execute(
              "INSERT INTO feedkit_follows SELECT u, (u + 97 * k) % 2000 + 1, 100000 + u * 100 + k"
                  + " FROM generate_series(1, 2000) u, generate_series(1, 20) k"
                  + " WHERE (u + 97 * k) % 2000 + 1 <> u ON CONFLICT DO NOTHING");
          h.execute(
              "INSERT INTO feedkit_posts SELECT a, a * 100000 + n, 'post ' || n, now()"
                  + " FROM generate_series(1, 2000) a, generate_series(1, 100) n");
          h.execute(
              "INSERT INTO feedkit_credentials SELECT g, 'hash-' || g"
                  + " FROM generate_series(1, 2000) g");
          h.execute(
              "INSERT INTO feedkit_sessions"
                  + " SELECT sha256(int8send(u * 100 + k)), u, now() - interval '1 day',"
                  + " now() + make_interval(mins => u * 10 + k)"
                  + " FROM generate_series(1, 2000) u, generate_series(1, 10) k");
          h.execute(
              "INSERT INTO feedkit_home_timeline"
                  + " SELECT f.follower_id, f.followee_id * 100000 + n"
                  + " FROM feedkit_follows f, generate_series(96, 100) n");
          h.execute(
              "INSERT INTO feedkit_home_timeline"
                  + " SELECT u, u * 100000 + n"
                  + " FROM generate_series(1, 2000) u, generate_series(96, 100) n");
          h.execute(
              "INSERT INTO feedkit_timeline_owners"
                  + " SELECT u, u * 100000 + 90 FROM generate_series(1, 2000) u");
          h.execute(
              "INSERT INTO feedkit_fanout_authors"
                  + " SELECT a, CASE WHEN a % 4 = 1 THEN 'PULL' ELSE 'BOTH' END"
                  + " FROM generate_series(1, 2000, 2) a");
          h.execute(
              "INSERT INTO feedkit_jobs (kind, subject, object, run_at, leased_until, leased_by)"
                  + " SELECT 'FAN_OUT', g, 1, now() + make_interval(secs => g % 50),"
                  + " CASE WHEN g % 3 = 0 THEN now() + interval '1 minute' END,"
                  + " CASE WHEN g % 3 = 0 THEN 'node' END"
                  + " FROM generate_series(1, 20000) g");
          h.execute("VACUUM ANALYZE");
        });
  }

  static Stream<Arguments> statements() {
    Map<String, Object> user = Map.of("id", 42L);
    Map<String, Object> page =
        Map.of("user", EVERYONES_FRIEND, "before", Long.MAX_VALUE, "after", 0L, "limit", 51);
    Map<String, Object> posts =
        Map.of("author", 42L, "before", Long.MAX_VALUE, "after", 0L, "limit", 51);
    Instant now = Instant.now();
    long[] followees = new long[24];
    for (int i = 0; i < followees.length; i++) {
      followees[i] = 1 + 83L * i;
    }
    Stream<Arguments> newestFirst =
        Stream.of(
            statement(JdbcUserStore.class, "findById", user, "feedkit_users_pkey"),
            statement(
                JdbcUserStore.class,
                "findByHandle",
                Map.of("handleKey", "user42"),
                "feedkit_users_handle_key"),
            statement(
                JdbcUserStore.class,
                "searchByHandlePrefix",
                Map.of("from", "user4", "to", "user4\u007f", "limit", 20),
                "feedkit_users_handle_key"),
            statement(JdbcUserStore.class, "counts", user, "feedkit_user_counts_pkey"),
            statement(
                JdbcUserStore.class, "findByIds", Map.of("ids", followees), "feedkit_users_pkey"),
            statement(
                JdbcUserStore.class,
                "countsByIds",
                Map.of("ids", followees),
                "feedkit_user_counts_pkey"),
            statement(
                JdbcFollowStore.class,
                "exists",
                Map.of("follower", 42L, "followee", 98L),
                "feedkit_follows_pkey"),
            statement(
                JdbcFollowStore.class,
                "followStates",
                Map.of("user", EVERYONES_FRIEND, "ids", followees),
                "feedkit_follows_pkey"),
            statement(JdbcFollowStore.class, "followers", page, "feedkit_follows_by_followee"),
            statement(JdbcFollowStore.class, "following", page, "feedkit_follows_by_follower"),
            statement(
                JdbcFollowStore.class,
                "followeeIds",
                Map.of("user", 42L),
                "feedkit_follows_by_follower"),
            statement(
                JdbcFollowStore.class,
                "lockUsers",
                Map.of("a", 42L, "b", 98L),
                "feedkit_user_counts_pkey"),
            statement(
                JdbcFollowStore.class,
                "insert",
                Map.of("follower", 42L, "followee", 99L, "id", 1L),
                "feedkit_user_counts_pkey"),
            statement(
                JdbcFollowStore.class,
                "delete",
                Map.of("follower", 42L, "followee", 98L),
                "feedkit_follows_pkey",
                "feedkit_user_counts_pkey"),
            statement(
                JdbcPostStore.class, "findById", Map.of("id", 4_200_007L), "feedkit_posts_id"),
            statement(
                JdbcPostStore.class,
                "findByKey",
                Map.of("author", 42L, "key", "ab".repeat(32)),
                "feedkit_posts_idempotency_key"),
            statement(JdbcPostStore.class, "byAuthor", posts, "feedkit_posts_pkey"),
            statement(
                JdbcPostStore.class,
                "byAuthors",
                Map.of("authors", followees, "before", Long.MAX_VALUE, "after", 0L, "limit", 51),
                "feedkit_posts_pkey"),
            statement(
                JdbcPostStore.class,
                "delete",
                Map.of("id", 4_200_007L),
                "feedkit_posts_id",
                "feedkit_user_counts_pkey"),
            statement(
                JdbcAccountStore.class,
                "findCredentialByHandle",
                Map.of("handleKey", "user42"),
                "feedkit_users_handle_key",
                "feedkit_credentials_pkey"),
            statement(
                JdbcAccountStore.class,
                "findCredentialById",
                Map.of("user", 42L),
                "feedkit_credentials_pkey"),
            statement(
                JdbcAccountStore.class,
                "replacePasswordHash",
                Map.of("user", 42L, "expected", "hash-42", "replacement", "hash-43"),
                "feedkit_credentials_pkey"),
            statement(
                JdbcAccountStore.class,
                "insertSession",
                Map.of(
                    "tokenHash",
                    tokenHash(1),
                    "user",
                    42L,
                    "passwordHash",
                    "hash-42",
                    "createdAt",
                    Rows.timestamp(now),
                    "expiresAt",
                    Rows.timestamp(now.plusSeconds(60))),
                "feedkit_credentials_pkey"),
            statement(
                JdbcAccountStore.class,
                "findSession",
                Map.of("tokenHash", tokenHash(4201)),
                "feedkit_sessions_pkey"),
            statement(
                JdbcAccountStore.class,
                "renewSession",
                Map.of("tokenHash", tokenHash(4201), "expiresAt", Rows.timestamp(now)),
                "feedkit_sessions_pkey"),
            statement(
                JdbcAccountStore.class,
                "deleteSession",
                Map.of("tokenHash", tokenHash(4201)),
                "feedkit_sessions_pkey"),
            statement(
                JdbcAccountStore.class,
                "deleteSessions",
                Map.of("user", 42L),
                "feedkit_sessions_by_user"),
            statement(
                JdbcAccountStore.class,
                "deleteOtherSessions",
                Map.of("user", 42L, "keep", tokenHash(4201)),
                "feedkit_sessions_by_user"),
            statement(
                JdbcAccountStore.class,
                "deleteSessionsExpiredBy",
                Map.of("now", Rows.timestamp(now.plus(Duration.ofMinutes(200)))),
                "feedkit_sessions_by_expiry"),
            statement(
                JdbcTimelineStore.class,
                "insertPost",
                Map.of(
                    "author",
                    42L,
                    "id",
                    4_300_001L,
                    "text",
                    "new",
                    "createdAt",
                    Rows.timestamp(now),
                    "kinds",
                    new String[] {"FAN_OUT"},
                    "subjects",
                    new long[] {4_300_001L},
                    "objects",
                    new long[] {42L},
                    "key",
                    "ab".repeat(32)),
                "feedkit_user_counts_pkey"),
            statement(
                JdbcTimelineStore.class,
                "deletePost",
                Map.of(
                    "id",
                    4_200_007L,
                    "kinds",
                    new String[] {"REMOVE_POST"},
                    "subjects",
                    new long[] {4_200_007L},
                    "objects",
                    new long[] {42L}),
                "feedkit_posts_id",
                "feedkit_user_counts_pkey"),
            statement(
                JdbcTimelineStore.class,
                "deliveryForShare",
                Map.of("author", 41L),
                "feedkit_fanout_authors_pkey"),
            statement(
                JdbcJobQueue.class,
                "add",
                Map.of(
                    "kinds",
                    new String[] {"FAN_OUT"},
                    "subjects",
                    new long[] {4_300_001L},
                    "objects",
                    new long[] {42L})),
            statement(
                JdbcJobQueue.class,
                "claim",
                Map.of("worker", "node", "max", 1, "leaseMillis", 30_000L),
                "feedkit_jobs_due",
                "feedkit_jobs_pkey"),
            statement(JdbcJobQueue.class, "complete", Map.of("id", 42L), "feedkit_jobs_pkey"),
            statement(
                JdbcJobQueue.class,
                "retry",
                Map.of("id", 42L, "delayMillis", 100L),
                "feedkit_jobs_pkey"),
            statement(
                JdbcJobQueue.class,
                "release",
                Map.of("ids", new long[] {42L, 43L}, "worker", "node"),
                "feedkit_jobs_pkey"),
            statement(JdbcJobQueue.class, "newestId", Map.of(), "feedkit_jobs_pkey"),
            statement(
                JdbcJobQueue.class, "pendingAtOrBelow", Map.of("id", 42L), "feedkit_jobs_pkey"),
            statement(JdbcJobQueue.class, "stats", Map.of()),
            statement(
                JdbcTimelineStore.class,
                "fanOut",
                Map.of("author", 42L, "post", 4_300_001L),
                "feedkit_follows_by_followee"),
            statement(
                JdbcTimelineStore.class,
                "trim",
                Map.of("owners", new long[] {42L, EVERYONES_FRIEND}, "cap", 20),
                "feedkit_home_timeline_pkey"),
            statement(JdbcTimelineStore.class, "lockOwner", Map.of("owner", 42L)),
            statement(
                JdbcTimelineStore.class,
                "backfill",
                Map.of("owner", 42L, "author", 98L, "cap", 20),
                "feedkit_posts_pkey",
                "feedkit_timeline_owners_pkey"),
            statement(
                JdbcTimelineStore.class,
                "backfillFollowers",
                Map.of("author", 42L, "cap", 20),
                "feedkit_follows_by_followee",
                "feedkit_posts_pkey"),
            statement(
                JdbcTimelineStore.class,
                "removeAuthor",
                Map.of("owner", 42L, "author", 98L),
                "feedkit_home_timeline_pkey",
                "feedkit_follows_(pkey|by_follower)"),
            statement(
                JdbcTimelineStore.class,
                "removePost",
                Map.of("post", 4_200_098L),
                "feedkit_home_timeline_by_post"),
            statement(
                JdbcTimelineStore.class,
                "read",
                Map.of(
                    "owner", EVERYONES_FRIEND, "before", Long.MAX_VALUE, "after", 0L, "limit", 51),
                "feedkit_timeline_owners_pkey",
                "feedkit_home_timeline_pkey",
                "feedkit_posts_id"),
            statement(
                JdbcTimelineStore.class,
                "readHome",
                Map.of(
                    "owner", EVERYONES_FRIEND, "before", Long.MAX_VALUE, "after", 0L, "limit", 51),
                "feedkit_timeline_owners_pkey",
                "feedkit_home_timeline_pkey",
                "feedkit_posts_id",
                "feedkit_follows_pkey",
                "feedkit_posts_pkey"),
            statement(
                JdbcTimelineStore.class,
                "delivery",
                Map.of("author", 41L),
                "feedkit_fanout_authors_pkey"),
            statement(
                JdbcTimelineStore.class, "insertDelivery", Map.of("author", 42L, "update", "PULL")),
            statement(
                JdbcTimelineStore.class,
                "deleteDelivery",
                Map.of("author", 41L, "expected", "PULL"),
                "feedkit_fanout_authors_pkey"),
            statement(
                JdbcTimelineStore.class,
                "updateDelivery",
                Map.of("author", 41L, "expected", "PULL", "update", "BOTH"),
                "feedkit_fanout_authors_pkey"),
            statement(
                JdbcTimelineStore.class,
                "followeesMergedOnRead",
                Map.of("owner", 42L),
                "feedkit_follows_(pkey|by_follower)"));
    List<Arguments> all = newestFirst.toList();
    // The statements read in either order, once more oldest first.
    Stream<Arguments> oldestFirst =
        all.stream()
            .filter(
                a -> Database.sql((Class<?>) a.get()[1], (String) a.get()[2]).contains("{order}"))
            .map(
                a -> {
                  Object[] args = a.get().clone();
                  args[0] = args[0] + " oldest first";
                  args[5] = Order.OLDEST_FIRST;
                  return Arguments.of(args);
                });
    return Stream.concat(all.stream(), oldestFirst);
  }

  /** The statement as the store runs it in {@code order}. */
  private static String statementText(Class<?> owner, String name, Order order) {
    if (owner == JdbcTimelineStore.class && (name.equals("read") || name.equals("readHome"))) {
      return JdbcTimelineStore.timelineRead(name).get(order);
    }
    String sql = Database.sql(owner, name);
    return sql.contains("{order}") ? Database.ordered(owner, name).get(order) : sql;
  }

  /** The token hash of the {@code n}th session that {@link #fill()} made. */
  private static byte[] tokenHash(long n) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(8).putLong(n).array());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Arguments statement(
      Class<?> owner, String name, Map<String, Object> binds, String... indexes) {
    return Arguments.of(
        owner.getSimpleName() + "/" + name,
        owner,
        name,
        binds,
        List.of(indexes),
        Order.NEWEST_FIRST);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statements")
  void readsThroughItsIndex(
      String label,
      Class<?> owner,
      String name,
      Map<String, Object> binds,
      List<String> indexes,
      Order order) {
    String sql = statementText(owner, name, order);
    String direction = order == Order.NEWEST_FIRST ? " Backward" : "";
    String ends = order == Order.NEWEST_FIRST ? "newest" : "oldest";
    List<String> plan =
        jdbi.withHandle(
            h -> {
              Query explain = h.createQuery("EXPLAIN " + sql);
              binds.forEach(explain::bind);
              return explain.mapTo(String.class).list();
            });
    String text = String.join("\n", plan);

    String whole = WHOLE_TABLES.get(label.replace(" oldest first", ""));
    String scans = whole == null ? text : text.replace("Seq Scan on " + whole + " ", "");
    assertThat(scans).as(label + " plan:\n" + text).doesNotContain("Seq Scan");
    for (String index : indexes) {
      assertThat(text)
          .as(label + " plan:\n" + text)
          .containsPattern(
              "(Index (Only )?Scan( Backward)? using|Bitmap Index Scan on) " + index + " ");
    }
    if (name.equals("read") || name.equals("readHome")) {
      assertThat(text)
          .as(label + " reads the owner's " + ends + " entries in index order:\n" + text)
          .containsPattern("Index (Only )?Scan" + direction + " using feedkit_home_timeline_pkey ");
    }
    if (name.equals("byAuthors") || name.equals("readHome")) {
      assertThat(text)
          .as(label + " reads each author's " + ends + " posts in index order:\n" + text)
          .containsPattern("Index (Only )?Scan" + direction + " using feedkit_posts_pkey ");
    } else if (sql.contains("ORDER BY") && !SORTS.containsKey(label.replace(" oldest first", ""))) {
      assertThat(text)
          .as(label + " reads its order from the index:\n" + text)
          .doesNotContain("Sort");
    }
  }
}
