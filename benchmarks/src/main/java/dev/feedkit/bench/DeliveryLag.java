package dev.feedkit.bench;

import dev.feedkit.CacheConfig;
import dev.feedkit.FanoutPolicy;
import dev.feedkit.FanoutStats;
import dev.feedkit.Feed;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.UserId;
import dev.feedkit.jdbc.JdbcFeedStore;
import dev.feedkit.memory.InMemoryFeedStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Delivery lag and post cost: how long {@code feed.post} takes, and how long after it returns
 * the post is on the home timeline of the last of its author's followers, for authors with about
 * 1,000 and 10,000 followers, on PostgreSQL ({@link JdbcFeedStore}) and in memory, under the
 * default hybrid policy with the cache off. It uses only the public API to build the graph and
 * post, so it measures any fan-out engine behind that API.
 *
 * <p>The graph: {@code max(sizes)} followers; the author of size {@code n} is followed by the
 * first {@code n} of them. Every follower also follows a "filler" account with {@code --fill}
 * posts (800, the default timeline cap), followed before the authors, so that each follower's
 * materialized timeline is full, as a real reader's is, and the fan-out pays its trims. "10,000"
 * followers is 9,999 by default: the largest audience the default hybrid threshold (10,000)
 * still pushes to; at 10,000 the author would be merged on read and there would be no fan-out.
 *
 * <p>On PostgreSQL the database is vacuumed and analyzed once the graph is built, as one in
 * service would be.
 *
 * <p>Per post, one at a time: the cost is the call's latency; the lag runs from its return to
 * <ul>
 *   <li><b>visible</b> (PostgreSQL only): the post's entry is committed in the timeline of the
 *       follower with the largest id (polled by primary key), then confirmed in every follower's
 *       timeline by a count on {@code feedkit_home_timeline};
 *   <li><b>done</b>: the feed's {@link Feed#stats()} show no fan-out work pending (for
 *       PostgreSQL this includes the trims that follow the insert), then confirmed through the
 *       public API on the last follower's home timeline, and on every follower's after the run.
 * </ul>
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.feedkit.bench.DeliveryLag \
 *     --store both --sizes 1000,9999 --warmup 10 --posts 100
 * }</pre>
 */
public final class DeliveryLag {

  private static final String USAGE =
      String.join(
          "\n",
          "usage: DeliveryLag [options]",
          "  --store memory|jdbc|both   which stores (both)",
          "  --sizes N,N,...            follower counts of the measured authors (1000,9999)",
          "  --fill N                   posts of the filler account every follower follows (800)",
          "  --warmup N                 posts per author before measuring (10)",
          "  --posts N                  measured posts per author (100)",
          "  --server URL               PostgreSQL server, as a JDBC URL whose database is replaced",
          "                             (jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres)",
          "  --database NAME            the benchmark database, made and dropped (feedkit_bench_lag)",
          "  --out DIR                  where delivery-lag.md and .json go (benchmarks/results)");

  private DeliveryLag() {}

  /** Options, parsed from the command line. */
  record Options(
      List<String> stores,
      int[] sizes,
      int fill,
      int warmup,
      int posts,
      String server,
      String database,
      Path out) {

    static Options parse(String[] args) {
      List<String> stores = List.of("memory", "jdbc");
      int[] sizes = {1_000, 9_999};
      int fill = 800;
      int warmup = 10;
      int posts = 100;
      String server = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
      String database = "feedkit_bench_lag";
      Path out = Path.of("benchmarks/results");
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("-h") || flag.equals("--help")) {
          throw new UsageException("");
        }
        if (i + 1 >= args.length) {
          throw new UsageException(flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--store" ->
              stores =
                  switch (value) {
                    case "both" -> List.of("memory", "jdbc");
                    case "memory", "jdbc" -> List.of(value);
                    default ->
                        throw new UsageException(
                            "--store must be memory, jdbc or both, was " + value);
                  };
          case "--sizes" ->
              sizes =
                  Arrays.stream(value.split(","))
                      .mapToInt(s -> positive("--sizes", s))
                      .sorted()
                      .toArray();
          case "--fill" -> fill = positive("--fill", value);
          case "--warmup" -> warmup = number("--warmup", value, 0);
          case "--posts" -> posts = positive("--posts", value);
          case "--server" -> server = value;
          case "--database" -> database = value;
          case "--out" -> out = Path.of(value);
          default -> throw new UsageException("unknown option " + flag);
        }
      }
      return new Options(stores, sizes, fill, warmup, posts, server, database, out);
    }

    private static int positive(String flag, String value) {
      return number(flag, value, 1);
    }

    private static int number(String flag, String value, int least) {
      try {
        int n = Integer.parseInt(value.trim());
        if (n < least) {
          throw new UsageException(flag + " must be >= " + least + ", was " + value);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new UsageException(flag + " must be a number, was " + value);
      }
    }
  }

  /** A command-line mistake; its message is printed above the usage. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** The samples of one store and audience size. */
  record Row(
      String store,
      int followers,
      Percentiles cost,
      Percentiles visible,
      Percentiles done,
      Percentiles bare) {}

  /**
   * Runs the measurement and writes the results.
   *
   * @param args see the usage text ({@code --help})
   */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (UsageException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println(e.getMessage());
      }
      System.err.println(USAGE);
      System.exit(e.getMessage().isEmpty() ? 0 : 2);
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (String store : options.stores()) {
      rows.addAll(store.equals("memory") ? runMemory(options) : runJdbc(options));
    }
    write(options, rows);
  }

  private static List<Row> runMemory(Options options) throws Exception {
    InMemoryFeedStore store = new InMemoryFeedStore();
    try (Feed feed = feed(store)) {
      return measure("memory", feed, options, null);
    }
  }

  private static List<Row> runJdbc(Options options) throws Exception {
    BenchDatabase db = BenchDatabase.create(options.server(), options.database());
    try (JdbcFeedStore store = JdbcFeedStore.create(db.url());
        Connection probe = db.connect()) {
      try (Feed feed = feed(store)) {
        return measure("PostgreSQL", feed, options, probe);
      }
    } finally {
      db.drop();
    }
  }

  private static Feed feed(dev.feedkit.spi.FeedStore store) {
    return Feed.builder()
        .store(store)
        .fanout(FanoutPolicy.hybrid())
        .cache(CacheConfig.disabled())
        .build();
  }

  private static List<Row> measure(String storeName, Feed feed, Options options, Connection sql)
      throws Exception {
    int[] sizes = options.sizes();
    int most = sizes[sizes.length - 1];
    long start = System.nanoTime();
    UserId filler = feed.createUser("filler", "Filler").id();
    for (int i = 0; i < options.fill(); i++) {
      feed.post(filler, "filler post " + i);
    }
    UserId[] authors = new UserId[sizes.length];
    for (int s = 0; s < sizes.length; s++) {
      authors[s] = feed.createUser("author" + s, "Author with " + sizes[s]).id();
    }
    UserId[] followers =
        parallel(most, i -> feed.createUser("fan" + i, "Fan " + i).id()).toArray(new UserId[0]);
    parallel(
        most,
        i -> {
          feed.follow(followers[i], filler);
          for (int s = 0; s < sizes.length; s++) {
            if (i < sizes[s]) {
              feed.follow(followers[i], authors[s]);
            }
          }
          return null;
        });
    feed.awaitFanout();
    if (sql != null) {
      // As a database in service would be: with planner statistics and a visibility map. Without
      // them, the trim after a fan-out is planned as a sequential scan of every timeline entry.
      try (var s = sql.createStatement()) {
        s.execute("VACUUM ANALYZE");
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s: %,d followers with %,d-entry timelines ready in %.1f s%n",
        storeName,
        most,
        options.fill(),
        (System.nanoTime() - start) / 1e9);

    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < sizes.length; s++) {
      UserId[] audience = Arrays.copyOf(followers, sizes[s]);
      UserId last = Arrays.stream(audience).max(UserId::compareTo).orElseThrow();
      int n = options.warmup() + options.posts();
      long[] cost = new long[options.posts()];
      long[] visible = new long[options.posts()];
      long[] done = new long[options.posts()];
      List<Post> posted = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long completedBefore = feed.stats().fanout().completed();
        long t0 = System.nanoTime();
        Post post = feed.post(authors[s], "probe " + i + " to " + sizes[s]);
        long t1 = System.nanoTime();
        long tVisible = sql == null ? 0 : -1;
        long tDone = -1;
        long nextProbe = t1;
        while (tVisible < 0 || tDone < 0) {
          // The SQL probe at most once a millisecond: on two cores it competes with the fan-out.
          if (tVisible < 0 && System.nanoTime() >= nextProbe) {
            if (onTimeline(sql, last, post, audience.length)) {
              tVisible = System.nanoTime();
            }
            nextProbe = System.nanoTime() + 1_000_000;
          }
          if (tDone < 0 && idle(feed.stats().fanout(), completedBefore)) {
            if (!feed.homeTimeline(last, PageRequest.first(1)).items().contains(post)) {
              throw new IllegalStateException(
                  "fan-out idle but post "
                      + post.id()
                      + " is not on the home timeline of follower "
                      + last);
            }
            tDone = System.nanoTime();
          }
          if (System.nanoTime() - t1 > TimeUnit.SECONDS.toNanos(120)) {
            throw new IllegalStateException("post " + post.id() + " not delivered in 120 s");
          }
          LockSupport.parkNanos(50_000);
        }
        posted.add(post);
        int k = i - options.warmup();
        if (k >= 0) {
          cost[k] = t1 - t0;
          visible[k] = sql == null ? 0 : tVisible - t1;
          done[k] = tDone - t1;
        }
      }
      verify(feed, audience, posted.subList(posted.size() - 1, posted.size()));
      Row row =
          new Row(
              storeName,
              sizes[s],
              new Percentiles(cost),
              sql == null ? null : new Percentiles(visible),
              new Percentiles(done),
              sql == null ? null : bareInsert(sql, authors[s], options.posts()));
      rows.add(row);
      System.out.println(line(row));
    }
    return rows;
  }

  private static boolean idle(FanoutStats stats, long completedBefore) {
    return stats.pending() == 0 && stats.completed() > completedBefore;
  }

  /**
   * Whether the post is in the last follower's timeline and then in all of them, read in SQL
   * outside the feed so that the check costs the feed nothing.
   */
  private static boolean onTimeline(Connection sql, UserId last, Post post, int followers)
      throws SQLException {
    try (PreparedStatement one =
        sql.prepareStatement(
            "SELECT 1 FROM feedkit_home_timeline WHERE owner_id = ? AND post_id = ?")) {
      one.setLong(1, last.value());
      one.setLong(2, post.id().value());
      try (ResultSet rs = one.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement all =
        sql.prepareStatement(
            "SELECT count(*) FROM feedkit_home_timeline WHERE post_id = ? AND owner_id <> ?")) {
      all.setLong(1, post.id().value());
      all.setLong(2, post.author().value());
      try (ResultSet rs = all.executeQuery()) {
        rs.next();
        return rs.getLong(1) >= followers;
      }
    }
  }

  /**
   * The same-run baseline of a PostgreSQL fan-out: the bare set-based insert of one entry per
   * follower, {@code INSERT ... SELECT} from the follows in follower order, for a post id above
   * every real one, timed from the client and rolled back, so that it leaves nothing behind.
   */
  private static Percentiles bareInsert(Connection sql, UserId author, int times)
      throws SQLException {
    long[] nanos = new long[times];
    boolean auto = sql.getAutoCommit();
    sql.setAutoCommit(false);
    try (PreparedStatement insert =
        sql.prepareStatement(
            "INSERT INTO feedkit_home_timeline (owner_id, post_id)"
                + " SELECT follower_id, ? FROM feedkit_follows WHERE followee_id = ?"
                + " ORDER BY follower_id ON CONFLICT DO NOTHING")) {
      for (int i = 0; i < times; i++) {
        insert.setLong(1, Long.MAX_VALUE - i);
        insert.setLong(2, author.value());
        long t0 = System.nanoTime();
        insert.executeUpdate();
        nanos[i] = System.nanoTime() - t0;
        sql.rollback();
      }
    } finally {
      sql.setAutoCommit(auto);
    }
    return new Percentiles(nanos);
  }

  /** Checks through the public API that every follower's first page holds the last post. */
  private static void verify(Feed feed, UserId[] audience, List<Post> posts) {
    for (UserId follower : audience) {
      List<Post> page = feed.homeTimeline(follower, PageRequest.first(posts.size())).items();
      if (!page.containsAll(posts)) {
        throw new IllegalStateException("follower " + follower + " misses a post");
      }
    }
  }

  private static <T> List<T> parallel(int n, IntFunction<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<T>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(pool.submit(() -> task.apply(k)));
      }
      List<T> results = new ArrayList<>(n);
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }

  private static String line(Row r) {
    return String.format(
        Locale.ROOT,
        "%s, %,d followers: post p50 %s ms p99 %s ms; lag%s done p50 %s ms p99 %s ms (n=%d)%s",
        r.store(),
        r.followers(),
        Percentiles.ms(r.cost().millis(50)),
        Percentiles.ms(r.cost().millis(99)),
        r.visible() == null
            ? ""
            : " visible p50 "
                + Percentiles.ms(r.visible().millis(50))
                + " ms p99 "
                + Percentiles.ms(r.visible().millis(99))
                + " ms,",
        Percentiles.ms(r.done().millis(50)),
        Percentiles.ms(r.done().millis(99)),
        r.cost().count(),
        r.bare() == null ? "" : "; bare insert p50 " + Percentiles.ms(r.bare().millis(50)) + " ms");
  }

  private static void write(Options options, List<Row> rows) throws IOException {
    Files.createDirectories(options.out());
    String machine = Machine.describe();
    StringBuilder md = new StringBuilder();
    md.append("# Delivery lag and post cost\n\n")
        .append("Measured ")
        .append(Instant.now())
        .append(" on ")
        .append(machine)
        .append(".\n")
        .append("Default hybrid policy (threshold 10,000), cache off; every follower's timeline")
        .append(" pre-filled with ")
        .append(options.fill())
        .append(" entries; ")
        .append(options.warmup())
        .append(" warm-up and ")
        .append(options.posts())
        .append(" measured posts per row, one at a time.\n\n")
        .append("| store | followers | post p50 (ms) | post p99 (ms) | visible p50 (ms) |")
        .append(" visible p99 (ms) | done p50 (ms) | done p99 (ms) | bare insert p50 (ms) |")
        .append(" done p50 / bare |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    StringBuilder json =
        new StringBuilder("{\n  \"machine\": \"")
            .append(machine.replace("\"", "'"))
            .append("\",\n  \"rows\": [\n");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              r.store(),
              r.followers(),
              Percentiles.ms(r.cost().millis(50)),
              Percentiles.ms(r.cost().millis(99)),
              r.visible() == null ? "–" : Percentiles.ms(r.visible().millis(50)),
              r.visible() == null ? "–" : Percentiles.ms(r.visible().millis(99)),
              Percentiles.ms(r.done().millis(50)),
              Percentiles.ms(r.done().millis(99)),
              r.bare() == null ? "–" : Percentiles.ms(r.bare().millis(50)),
              r.bare() == null
                  ? "–"
                  : String.format(
                      Locale.ROOT, "%.1f×", r.done().millis(50) / r.bare().millis(50))));
      json.append(
          String.format(
              Locale.ROOT,
              "    {\"store\": \"%s\", \"followers\": %d, \"samples\": %d, \"postP50Ms\": %.4f,"
                  + " \"postP99Ms\": %.4f, \"visibleP50Ms\": %s, \"visibleP99Ms\": %s,"
                  + " \"doneP50Ms\": %.4f, \"doneP99Ms\": %.4f, \"bareInsertP50Ms\": %s}%s%n",
              r.store(),
              r.followers(),
              r.cost().count(),
              r.cost().millis(50),
              r.cost().millis(99),
              r.visible() == null
                  ? "null"
                  : String.format(Locale.ROOT, "%.4f", r.visible().millis(50)),
              r.visible() == null
                  ? "null"
                  : String.format(Locale.ROOT, "%.4f", r.visible().millis(99)),
              r.done().millis(50),
              r.done().millis(99),
              r.bare() == null ? "null" : String.format(Locale.ROOT, "%.4f", r.bare().millis(50)),
              i + 1 < rows.size() ? "," : ""));
    }
    json.append("  ]\n}\n");
    md.append("\n\"visible\": from `feed.post` returning to the entry being committed in every")
        .append(" follower's timeline (SQL on feedkit_home_timeline); \"done\": to the feed's")
        .append(" fan-out work being finished (`feed.stats()`), trims included; \"bare insert\":")
        .append(" the same-run baseline, one `INSERT ... SELECT` of the entries from")
        .append(" feedkit_follows, timed from the client and rolled back.\n");
    Files.writeString(options.out().resolve("delivery-lag.md"), md, StandardCharsets.UTF_8);
    Files.writeString(options.out().resolve("delivery-lag.json"), json, StandardCharsets.UTF_8);
    System.out.print(md);
  }
}
