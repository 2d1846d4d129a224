package dev.feedkit.bench;

import dev.feedkit.CacheConfig;
import dev.feedkit.FanoutPolicy;
import dev.feedkit.Feed;
import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the benchmarks share: the generated graph of a profile (made once per JVM), the loaded
 * PostgreSQL databases ({@code feedkit_bench_<profile>_<push|hybrid>} on the server named by the
 * system property {@code feedkit.bench.server}, loaded on first use and reused while their
 * {@code bench_graph} row matches), the policies, and the check that a feed's pages match the
 * naive query before anything is measured.
 */
final class Fixtures {

  /** The server the benchmark databases live on. */
  static final String SERVER =
      System.getProperty(
          "feedkit.bench.server", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

  /** The page size of every home read. */
  static final int PAGE = 50;

  private static final ConcurrentHashMap<String, Graph> GRAPHS = new ConcurrentHashMap<>();

  private Fixtures() {}

  static Graph graph(String profile) {
    return GRAPHS.computeIfAbsent(profile, p -> Graph.generate(GraphSpec.named(p)));
  }

  /** The policy of a name: pull, push or hybrid (at the graph's threshold). */
  static FanoutPolicy policy(String name, Graph graph) {
    return switch (name) {
      case "pull" -> FanoutPolicy.pull();
      case "push" -> FanoutPolicy.push();
      case "hybrid" -> FanoutPolicy.hybrid(graph.spec().hybridThreshold());
      default -> throw new IllegalArgumentException("no fan-out policy called " + name);
    };
  }

  static CacheConfig cache(boolean on) {
    return on ? CacheConfig.defaults() : CacheConfig.disabled();
  }

  /**
   * The database holding the graph with the timelines of a policy (push or hybrid; pull reads
   * either), loading it unless it already holds exactly that.
   */
  static synchronized BenchDatabase database(Graph graph, String timelines) {
    String name = "feedkit_bench_" + graph.spec().name() + "_" + timelines;
    BenchDatabase existing = BenchDatabase.existing(SERVER, name);
    if (PostgresLoader.description(graph, timelines).equals(PostgresLoader.loaded(existing))) {
      return existing;
    }
    BenchDatabase db = BenchDatabase.create(SERVER, name);
    try {
      PostgresLoader.load(graph, db, timelines);
    } catch (SQLException e) {
      throw new IllegalStateException("could not load " + name, e);
    }
    return db;
  }

  /** The naive page: {@code JOIN follows ... ORDER BY id DESC LIMIT n}, with the reader's own. */
  static final String NAIVE =
      "SELECT p.id, p.author_id, p.text, p.created_at"
          + " FROM feedkit_posts p JOIN feedkit_follows f ON p.author_id = f.followee_id"
          + " WHERE f.follower_id = ? ORDER BY p.id DESC LIMIT ?";

  /** Ids of the naive page of a reader who posts nothing. */
  static List<Long> naiveIds(Connection c, long reader, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(NAIVE)) {
      s.setLong(1, reader);
      s.setInt(2, limit);
      List<Long> ids = new ArrayList<>(limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  /** Checks every reader's first page (and the one after it) against the naive query. */
  static void verify(Feed feed, UserId[] readers, Connection c) throws SQLException {
    for (UserId reader : readers) {
      Page<Post> first = feed.homeTimeline(reader, PageRequest.first(PAGE));
      List<Long> got = new ArrayList<>(ids(first.items()));
      first.next().ifPresent(next -> got.addAll(ids(feed.homeTimeline(reader, next).items())));
      List<Long> want = naiveIds(c, reader.value(), 2 * PAGE);
      if (!got.equals(want)) {
        throw new IllegalStateException(
            "reader " + reader + ": the feed's first two pages differ" + " from the naive query's");
      }
    }
  }

  static List<Long> ids(List<Post> posts) {
    List<Long> ids = new ArrayList<>(posts.size());
    for (Post p : posts) {
      ids.add(p.id().value());
    }
    return ids;
  }
}
