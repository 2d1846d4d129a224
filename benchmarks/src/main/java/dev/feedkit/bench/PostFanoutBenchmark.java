package dev.feedkit.bench;

import dev.feedkit.Feed;
import dev.feedkit.UserId;
import dev.feedkit.jdbc.JdbcFeedStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
 * A post and its whole fan-out ({@code feed.post} then {@code feed.awaitFanout()}), by a probe
 * author with 10, 1,000 or 10,000 followers (100,000 in the full profile), on either store,
 * loaded with the generated graph, cache off. {@code write} is a policy ({@code push}; {@code
 * hybrid}, at the profile's threshold, pulls the authors at or above it, whose post then costs
 * only its own insert), or the same-run reference: on PostgreSQL, {@code bare}, the set-based
 * {@code INSERT ... SELECT} of one entry per follower from the follows, rolled back; in memory,
 * {@code floor}, writing one id into each of the followers' arrays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PostFanoutBenchmark {

  /** The graph: {@code quick} or {@code full} (see {@link GraphSpec}). */
  @Param("quick")
  public String profile;

  /** {@code memory} or {@code postgres}. */
  @Param({"memory", "postgres"})
  public String store;

  /** The probe author's follower count. */
  @Param({"10", "1000", "10000"})
  public int followers;

  /** {@code push}, {@code hybrid}, or {@code reference} (bare insert or floor). */
  @Param({"reference", "push", "hybrid"})
  public String write;

  private MemoryLoader.Loaded loaded;
  private JdbcFeedStore jdbc;
  private Feed feed;
  private Connection connection;
  private PreparedStatement bare;
  private UserId author;
  private long[][] floor;
  private int posts;

  /** Loads the graph (memory) or opens the loaded database (PostgreSQL). */
  @Setup
  public void open() throws SQLException {
    Graph graph = Fixtures.graph(profile);
    int probe =
        graph.probeAuthors[MemoryHomeReadBenchmark.indexOf(graph.spec().audiences(), followers)];
    String policy = write.equals("reference") ? "push" : write;
    if (store.equals("memory")) {
      loaded = MemoryLoader.shared(graph, Fixtures.policy(policy, graph), Fixtures.cache(false));
      feed = loaded.feed();
      author = loaded.ids()[probe];
      floor = new long[followers][800];
      return;
    }
    BenchDatabase db = Fixtures.database(graph, policy);
    author = UserId.of(graph.userId[probe]);
    if (write.equals("reference")) {
      connection = db.connect();
      connection.setAutoCommit(false);
      bare =
          connection.prepareStatement(
              "INSERT INTO feedkit_home_timeline (owner_id, post_id)"
                  + " SELECT follower_id, ? FROM feedkit_follows WHERE followee_id = ?"
                  + " ORDER BY follower_id ON CONFLICT DO NOTHING");
      return;
    }
    jdbc = JdbcFeedStore.create(db.url());
    feed =
        Feed.builder()
            .store(jdbc)
            .fanout(Fixtures.policy(policy, graph))
            .cache(Fixtures.cache(false))
            .build();
  }

  /** Closes what {@link #open()} opened. */
  @TearDown
  public void close() throws SQLException {
    if (loaded == null && feed != null) {
      feed.close(); // a shared memory feed stays open for the next benchmark
    }
    if (jdbc != null) {
      jdbc.close();
    }
    if (connection != null) {
      connection.rollback();
      connection.close();
    }
  }

  /** One post, delivered. */
  @Benchmark
  public Object post() throws SQLException {
    int n = posts++;
    if (write.equals("reference")) {
      if (bare != null) {
        bare.setLong(1, Long.MAX_VALUE - n);
        bare.setLong(2, author.value());
        int rows = bare.executeUpdate();
        connection.rollback();
        return rows;
      }
      int slot = n % 800;
      for (long[] timeline : floor) {
        timeline[slot] = n;
      }
      return floor;
    }
    Object post = feed.post(author, "a benchmark post, number " + n);
    feed.awaitFanout();
    return post;
  }
}
