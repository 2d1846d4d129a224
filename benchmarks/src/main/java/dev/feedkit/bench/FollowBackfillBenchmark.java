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
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A follow with its backfill: an ordinary user (account 0 of the graph) follows the
 * most prolific ordinary author they do not follow, whose newest posts (up to the cap of 800) are
 * copied into the reader's timeline before {@code follow} returns; the unfollow and its clean-up
 * after each call are not measured. {@code write} is a policy, or the same-run reference: on
 * PostgreSQL, {@code bare}, the set-based insert of the author's newest 800 posts into the
 * timeline, rolled back; in memory, copying 800 ids.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FollowBackfillBenchmark {

  /** The graph: {@code quick} or {@code full} (see {@link GraphSpec}). */
  @Param("quick")
  public String profile;

  /** {@code memory} or {@code postgres}. */
  @Param({"memory", "postgres"})
  public String store;

  /** {@code push}, {@code hybrid}, or {@code reference} (bare insert or floor). */
  @Param({"reference", "push", "hybrid"})
  public String write;

  private MemoryLoader.Loaded loaded;
  private JdbcFeedStore jdbc;
  private Feed feed;
  private Connection connection;
  private PreparedStatement bare;
  private UserId reader;
  private UserId author;
  private long[] source;
  private long[] target;

  /** Loads the graph (memory) or opens the loaded database (PostgreSQL). */
  @Setup
  public void open() throws SQLException {
    Graph graph = Fixtures.graph(profile);
    // An ordinary user, not a probe reader: a backfill raises the horizon, and the follow's undo
    // leaves the timeline shorter above it, which would change what the read benchmarks measure.
    int r = 0;
    int a = prolificAuthor(graph, r);
    String policy = write.equals("reference") ? "push" : write;
    if (store.equals("memory")) {
      loaded = MemoryLoader.shared(graph, Fixtures.policy(policy, graph), Fixtures.cache(false));
      feed = loaded.feed();
      reader = loaded.ids()[r];
      author = loaded.ids()[a];
      source = new long[800];
      target = new long[800];
      return;
    }
    BenchDatabase db = Fixtures.database(graph, policy);
    reader = UserId.of(graph.userId[r]);
    author = UserId.of(graph.userId[a]);
    if (write.equals("reference")) {
      connection = db.connect();
      connection.setAutoCommit(false);
      bare =
          connection.prepareStatement(
              "INSERT INTO feedkit_home_timeline (owner_id, post_id)"
                  + " SELECT ?, id FROM feedkit_posts WHERE author_id = ?"
                  + " ORDER BY id DESC LIMIT 800 ON CONFLICT DO NOTHING");
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

  /** The ordinary author with the most posts whom {@code reader} does not follow, and who is
   * pushed under hybrid. */
  static int prolificAuthor(Graph graph, int reader) {
    int[] posts = new int[graph.accounts];
    for (int p : graph.postAuthor) {
      posts[p]++;
    }
    int[] followers = graph.followerCounts();
    int best = -1;
    for (int a = 0; a < graph.spec().users(); a++) {
      if (java.util.Arrays.binarySearch(graph.followees[reader], a) < 0
          && followers[a] < graph.spec().hybridThreshold()
          && (best < 0 || posts[a] > posts[best])) {
        best = a;
      }
    }
    return best;
  }

  /** Undoes the follow, outside the measurement. */
  @TearDown(Level.Invocation)
  public void unfollow() throws SQLException {
    if (feed != null) {
      feed.unfollow(reader, author);
      feed.awaitFanout();
    } else if (connection != null) {
      connection.rollback();
    }
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
      connection.close();
    }
  }

  /** One follow, with its backfill. */
  @Benchmark
  public Object follow() throws SQLException {
    if (write.equals("reference")) {
      if (bare != null) {
        bare.setLong(1, reader.value());
        bare.setLong(2, author.value());
        return bare.executeUpdate();
      }
      System.arraycopy(source, 0, target, 0, source.length);
      return target;
    }
    return feed.follow(reader, author);
  }
}
