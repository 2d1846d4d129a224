package dev.feedkit.bench;

import dev.feedkit.jdbc.JdbcFeedStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Loads a {@link Graph} into a fresh PostgreSQL database with {@code COPY} (the driver's {@link
 * CopyManager}): feedkit's migrations first (through {@link JdbcFeedStore}), then users, their
 * counters, follows and posts, and, for the push and hybrid policies, the materialized timelines
 * as feedkit's fan-out leaves them: each account's newest {@code cap} entries among its own posts
 * and those of the followees whose posts are pushed (under hybrid, those with fewer followers
 * than the threshold), the horizon at the newest candidate left out, and the pulled authors in
 * {@code feedkit_fanout_authors}. Then {@code VACUUM ANALYZE}, as a long-running database would
 * have been, and a row in {@code bench_graph} that names what was loaded, so that a later run
 * can reuse the database.
 *
 * <p>This is the one part of the suite that knows feedkit's schema (V1–V5: timeline entries are
 * (owner, post) since V5); a schema change
 * shows up here first, as a failed load or a failed {@link #verify} of sampled readers.
 */
final class PostgresLoader {

  /** feedkit's default timeline cap, which the loaded timelines keep to. */
  static final int CAP = 800;

  private static final int FLUSH = 1 << 20;

  private PostgresLoader() {}

  /** What {@code bench_graph} says of a database, or null if it holds no loaded graph. */
  static String loaded(BenchDatabase db) {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT description FROM bench_graph")) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      return null;
    }
  }

  /** The description a load of this graph and policy writes into {@code bench_graph}. */
  static String description(Graph graph, String policy) {
    return graph.spec() + "; timelines " + policy + ", cap " + CAP + "; loader 4";
  }

  /**
   * Loads the graph.
   *
   * @param policy {@code pull} (no timelines), {@code push} or {@code hybrid}
   */
  static void load(Graph graph, BenchDatabase db, String policy) throws SQLException {
    long t0 = System.nanoTime();
    JdbcFeedStore.create(db.url()).close(); // applies the migrations
    int[] followers = graph.followerCounts();
    int[] posts = new int[graph.accounts];
    for (int author : graph.postAuthor) {
      posts[author]++;
    }
    try (Connection c = db.connect()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      copy(
          copy,
          "feedkit_users (id, handle, handle_key, display_name, created_at)",
          out -> {
            for (int a = 0; a < graph.accounts; a++) {
              String h = graph.handle(a);
              out.row(
                  graph.userId[a],
                  h,
                  h.toLowerCase(Locale.ROOT),
                  h,
                  Graph.instantOf(graph.userId[a]).toString());
            }
          });
      copy(
          copy,
          "feedkit_user_counts (user_id, followers, following, posts)",
          out -> {
            for (int a = 0; a < graph.accounts; a++) {
              out.row(graph.userId[a], followers[a], graph.followees[a].length, posts[a]);
            }
          });
      copy(
          copy,
          "feedkit_follows (follower_id, followee_id, id)",
          out -> {
            long n = 0;
            for (int a = 0; a < graph.accounts; a++) {
              for (int f : graph.followees[a]) {
                out.row(graph.userId[a], graph.userId[f], graph.followId(n++));
              }
            }
          });
      copy(
          copy,
          "feedkit_posts (author_id, id, text, created_at)",
          out -> {
            for (int p = 0; p < graph.postId.length; p++) {
              out.row(
                  graph.userId[graph.postAuthor[p]],
                  graph.postId[p],
                  graph.text(p),
                  Graph.instantOf(graph.postId[p]).toString());
            }
          });
      if (!policy.equals("pull")) {
        boolean[] pushed = new boolean[graph.accounts];
        for (int a = 0; a < graph.accounts; a++) {
          pushed[a] = policy.equals("push") || followers[a] < graph.spec().hybridThreshold();
        }
        int[][] byAuthor = postsByAuthor(graph);
        long[] horizons = new long[graph.accounts];
        copy(
            copy,
            "feedkit_home_timeline (owner_id, post_id)",
            out -> {
              int[] sources = new int[0];
              for (int a = 0; a < graph.accounts; a++) {
                int n = 1;
                if (sources.length < graph.followees[a].length + 1) {
                  sources = new int[graph.followees[a].length + 1];
                }
                sources[0] = a;
                for (int f : graph.followees[a]) {
                  if (pushed[f]) {
                    sources[n++] = f;
                  }
                }
                horizons[a] = newest(graph, byAuthor, sources, n, a, out);
              }
            });
        copy(
            copy,
            "feedkit_timeline_owners (owner_id, horizon)",
            out -> {
              for (int a = 0; a < graph.accounts; a++) {
                if (horizons[a] > 0) {
                  out.row(graph.userId[a], horizons[a]);
                }
              }
            });
        copy(
            copy,
            "feedkit_fanout_authors (author_id, delivery)",
            out -> {
              for (int a = 0; a < graph.accounts; a++) {
                if (!pushed[a]) {
                  out.row(graph.userId[a], "PULL");
                }
              }
            });
      }
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE");
        s.execute("CREATE TABLE bench_graph (description text NOT NULL)");
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_graph VALUES (?)")) {
        p.setString(1, description(graph, policy));
        p.executeUpdate();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "loaded %s (%,d accounts, %,d follows, %,d posts, timelines" + " %s) in %.1f s%n",
        db.url(),
        graph.accounts,
        graph.follows(),
        graph.postId.length,
        policy,
        (System.nanoTime() - t0) / 1e9);
  }

  /** Each account's post indices, ascending (so by id). */
  static int[][] postsByAuthor(Graph graph) {
    int[] count = new int[graph.accounts];
    for (int author : graph.postAuthor) {
      count[author]++;
    }
    int[][] byAuthor = new int[graph.accounts][];
    for (int a = 0; a < graph.accounts; a++) {
      byAuthor[a] = new int[count[a]];
    }
    Arrays.fill(count, 0);
    for (int p = 0; p < graph.postAuthor.length; p++) {
      int a = graph.postAuthor[p];
      byAuthor[a][count[a]++] = p;
    }
    return byAuthor;
  }

  /**
   * Writes the newest {@link #CAP} posts of the sources into {@code owner}'s timeline and returns
   * the horizon: the id of the newest candidate left out, or 0.
   */
  private static long newest(
      Graph graph, int[][] byAuthor, int[] sources, int n, int owner, Rows out) {
    // A max-heap of (next post index of source s), one cursor per source, from its newest post.
    int[] cursor = new int[n];
    int[] heap = new int[n];
    int size = 0;
    for (int s = 0; s < n; s++) {
      cursor[s] = byAuthor[sources[s]].length - 1;
      if (cursor[s] >= 0) {
        heap[size++] = s;
        up(heap, size - 1, cursor, byAuthor, sources);
      }
    }
    int taken = 0;
    while (size > 0) {
      int s = heap[0];
      int post = byAuthor[sources[s]][cursor[s]];
      if (taken == CAP) {
        return graph.postId[post];
      }
      out.row(graph.userId[owner], graph.postId[post]);
      taken++;
      if (--cursor[s] < 0) {
        heap[0] = heap[--size];
      }
      down(heap, 0, size, cursor, byAuthor, sources);
    }
    return 0;
  }

  private static int key(int s, int[] cursor, int[][] byAuthor, int[] sources) {
    return byAuthor[sources[s]][cursor[s]];
  }

  private static void up(int[] heap, int i, int[] cursor, int[][] byAuthor, int[] sources) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (key(heap[parent], cursor, byAuthor, sources) >= key(heap[i], cursor, byAuthor, sources)) {
        return;
      }
      int t = heap[parent];
      heap[parent] = heap[i];
      heap[i] = t;
      i = parent;
    }
  }

  private static void down(
      int[] heap, int i, int size, int[] cursor, int[][] byAuthor, int[] sources) {
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int largest = i;
      if (l < size
          && key(heap[l], cursor, byAuthor, sources)
              > key(heap[largest], cursor, byAuthor, sources)) {
        largest = l;
      }
      if (r < size
          && key(heap[r], cursor, byAuthor, sources)
              > key(heap[largest], cursor, byAuthor, sources)) {
        largest = r;
      }
      if (largest == i) {
        return;
      }
      int t = heap[largest];
      heap[largest] = heap[i];
      heap[i] = t;
      i = largest;
    }
  }

  /** Rows of one COPY, in PostgreSQL's text format. */
  interface Rows {
    void row(Object... values);
  }

  @FunctionalInterface
  private interface Writer {
    void write(Rows out) throws SQLException;
  }

  private static void copy(CopyManager copy, String table, Writer writer) throws SQLException {
    CopyIn in = copy.copyIn("COPY " + table + " FROM STDIN");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH + 4096);
    StringBuilder line = new StringBuilder(128);
    SQLException[] failure = new SQLException[1];
    try {
      writer.write(
          values -> {
            line.setLength(0);
            for (int i = 0; i < values.length; i++) {
              if (i > 0) {
                line.append('\t');
              }
              line.append(values[i]); // generated text holds no tab, newline or backslash
            }
            line.append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            buffer.write(bytes, 0, bytes.length);
            if (buffer.size() >= FLUSH) {
              try {
                in.writeToCopy(buffer.toByteArray(), 0, buffer.size());
              } catch (SQLException e) {
                failure[0] = e;
                throw new IllegalStateException(e);
              }
              buffer.reset();
            }
          });
      if (buffer.size() > 0) {
        in.writeToCopy(buffer.toByteArray(), 0, buffer.size());
      }
      in.endCopy();
    } catch (RuntimeException e) {
      if (in.isActive()) {
        in.cancelCopy();
      }
      if (failure[0] != null) {
        throw failure[0];
      }
      throw e;
    }
  }
}
