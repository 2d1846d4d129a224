package dev.feedkit.bench;

import dev.feedkit.Feed;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.UserId;
import dev.feedkit.jdbc.JdbcFeedStore;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The first page (50 posts) of a home timeline on PostgreSQL ({@link JdbcFeedStore}) loaded with
 * a generated graph ({@link PostgresLoader}), for the probe readers who follow 10, 100 and 1,000
 * accounts. {@code read} is a policy, with the cache off or on ({@code +cache}), or a same-run
 * reference on one plain JDBC connection with prepared statements:
 * <ul>
 *   <li>{@code naive}: {@code JOIN follows ... ORDER BY id DESC LIMIT 50};
 *   <li>{@code seeds}: the seed apps' {@code author IN (...) ORDER BY created_at DESC}, without a
 *       limit, every row read (the followee list is an array parameter);
 *   <li>{@code floor}: one statement, the reader's materialized timeline joined with the posts,
 *       {@code LIMIT 50}, on the push-loaded database.
 * </ul>
 * Before measuring, every reader's first two pages are checked against the naive query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PostgresHomeReadBenchmark {

  /** The graph: {@code quick} or {@code full} (see {@link GraphSpec}). */
  @Param("quick")
  public String profile;

  /** How many accounts each probe reader follows. */
  @Param({"10", "100", "1000"})
  public int followees;

  /** A policy ({@code pull}, {@code push}, {@code hybrid}, each optionally {@code +cache}), or
   * {@code naive}, {@code seeds} or {@code floor}. */
  @Param({"naive", "seeds", "floor", "pull", "push", "hybrid", "hybrid+cache"})
  public String read;

  private static final String SEEDS =
      "SELECT id, author_id, text, created_at FROM feedkit_posts"
          + " WHERE author_id = ANY (?) ORDER BY created_at DESC";
  private static final String FLOOR =
      "SELECT p.id, p.author_id, p.text, p.created_at"
          + " FROM feedkit_home_timeline t JOIN feedkit_posts p ON p.id = t.post_id"
          + " WHERE t.owner_id = ? ORDER BY t.post_id DESC LIMIT ?";

  private JdbcFeedStore store;
  private Feed feed;
  private Connection connection;
  private PreparedStatement statement;
  private UserId[] readers;
  private Array[] followeeArrays;
  private int next;

  /** Opens the store (loading the database on first use) and checks the readers' pages. */
  @Setup
  public void open() throws SQLException {
    Graph graph = Fixtures.graph(profile);
    boolean reference = read.equals("naive") || read.equals("seeds") || read.equals("floor");
    String policy = read.replace("+cache", "");
    BenchDatabase db =
        Fixtures.database(graph, reference || policy.equals("push") ? "push" : "hybrid");
    int[] accounts =
        graph.readers[MemoryHomeReadBenchmark.indexOf(graph.spec().readerSizes(), followees)];
    readers = new UserId[accounts.length];
    for (int i = 0; i < accounts.length; i++) {
      readers[i] = UserId.of(graph.userId[accounts[i]]);
    }
    connection = db.connect();
    store = JdbcFeedStore.create(db.url());
    if (!reference) {
      feed =
          Feed.builder()
              .store(store)
              .fanout(Fixtures.policy(policy, graph))
              .cache(Fixtures.cache(read.endsWith("+cache")))
              .build();
      Fixtures.verify(feed, readers, connection);
      return;
    }
    try (Feed check =
        Feed.builder()
            .store(store)
            .fanout(Fixtures.policy("push", graph))
            .cache(Fixtures.cache(false))
            .build()) {
      Fixtures.verify(check, readers, connection);
    }
    statement =
        connection.prepareStatement(
            switch (read) {
              case "naive" -> Fixtures.NAIVE;
              case "seeds" -> SEEDS;
              default -> FLOOR;
            });
    followeeArrays = new Array[accounts.length];
    for (int i = 0; i < accounts.length; i++) {
      int[] list = graph.followees[accounts[i]];
      Long[] ids = new Long[list.length];
      for (int k = 0; k < list.length; k++) {
        ids[k] = graph.userId[list[k]];
      }
      followeeArrays[i] = connection.createArrayOf("bigint", ids);
    }
    for (int i = 0; i < readers.length; i++) {
      List<Post> page = reference(i);
      if (!read.equals("seeds")
          && !Fixtures.ids(page)
              .equals(Fixtures.naiveIds(connection, readers[i].value(), Fixtures.PAGE))) {
        throw new IllegalStateException(read + " disagrees with naive for " + readers[i]);
      }
    }
  }

  /** Closes what {@link #open()} opened. */
  @TearDown
  public void close() throws SQLException {
    if (feed != null) {
      feed.close();
    }
    store.close();
    connection.close();
  }

  /** One first page of one reader's home timeline; readers take turns. */
  @Benchmark
  public List<Post> homeTimelinePage() throws SQLException {
    int r = next;
    next = (next + 1) % readers.length;
    if (feed != null) {
      return feed.homeTimeline(readers[r], PageRequest.first(Fixtures.PAGE)).items();
    }
    return reference(r);
  }

  private List<Post> reference(int r) throws SQLException {
    if (read.equals("seeds")) {
      statement.setArray(1, followeeArrays[r]);
    } else {
      statement.setLong(1, readers[r].value());
      statement.setInt(2, Fixtures.PAGE);
    }
    List<Post> posts = new ArrayList<>(Fixtures.PAGE);
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        posts.add(
            new Post(
                PostId.of(rs.getLong(1)),
                UserId.of(rs.getLong(2)),
                rs.getString(3),
                rs.getTimestamp(4).toInstant()));
      }
    }
    return posts;
  }
}
