package dev.feedkit.jdbc.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.FanoutTuning;
import dev.feedkit.Feed;
import dev.feedkit.PageRequest;
import dev.feedkit.UserId;
import dev.feedkit.jdbc.JdbcFeedStore;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Acknowledged" means "on every follower's timeline", whatever happens to the node that took the
 * post: nodes in child JVMs post as authors with hundreds of followers from many threads and are
 * killed with SIGKILL or stopped with SIGTERM mid-load; two nodes share one database and one dies;
 * timeline writes fail for seconds. Afterwards every acknowledged post, each one, not a sample, is
 * checked by a direct query against the follows: it is stored, on its author's timeline, and on
 * the timeline of every follower of its author (or below that follower's horizon, where the
 * timeline promises nothing and reads merge the authors' posts instead).
 */
@DisplayName("durable fan-out under faults")
class DurableFanoutTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  private static final int AUTHORS = 8;
  private static final int FOLLOWERS = 200;
  private static final int POSTERS = 16;
  private static final Duration CHILD_LEASE = Duration.ofSeconds(2);
  private static final Duration SETTLE = Duration.ofSeconds(120);

  /** The next node's tuning: 4 workers, retries from 50 ms up to 1 s, so recovery shows quickly. */
  private static final FanoutTuning NEXT_NODE =
      FanoutTuning.defaults()
          .withThreads(4)
          .withRetryDelays(Duration.ofMillis(50), Duration.ofSeconds(1))
          .withPollInterval(Duration.ofMillis(200));

  private final List<UserId> authors = new ArrayList<>();
  private final List<UserId> followers = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void makeGraph() throws Exception {
    JdbcFeedStore.migrate(database.dataSource());
    database.truncateAll();
    try (JdbcFeedStore store = store();
        Feed setup = Feed.builder().store(store).build()) {
      for (int i = 0; i < AUTHORS; i++) {
        authors.add(setup.createUser("author" + i, "Author " + i).id());
      }
      for (int i = 0; i < FOLLOWERS; i++) {
        followers.add(setup.createUser("reader" + i, "Reader " + i).id());
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> follows = new ArrayList<>();
      for (UserId follower : followers) {
        follows.add(pool.submit(() -> authors.forEach(a -> setup.follow(follower, a))));
      }
      for (Future<?> follow : follows) {
        follow.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      setup.awaitFanout();
    }
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (Node node : nodes) {
      node.process.destroyForcibly();
      node.process.waitFor(30, TimeUnit.SECONDS);
    }
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER IF EXISTS fault_fanout ON feedkit_home_timeline");
      s.execute("DROP FUNCTION IF EXISTS fault_fanout()");
      s.execute("DROP TABLE IF EXISTS fault_switch");
    }
  }

  @Test
  void aNodeKilledMidLoadLosesNoAcknowledgedPostOnceTheNextNodeRuns() throws Exception {
    Node node = start(1);
    node.awaitAcks(250);
    node.kill();
    List<Long> acked = node.acks();
    long stranded = pendingJobs();
    System.out.printf(
        "killed after %d acknowledged posts; %d jobs were left pending%n", acked.size(), stranded);

    Feed next = node(0);
    settle(next);

    assertEveryPostDelivered(acked);
    assertHomePagesMatchTheFollows(next);
  }

  @Test
  void whenOneOfTwoNodesDiesTheOtherFinishesItsWork() throws Exception {
    Feed survivor = node(0);
    Node node = start(1);
    node.awaitAcks(250);
    node.kill();
    List<Long> acked = node.acks();

    settle(survivor);

    assertEveryPostDelivered(acked);
    assertThat(survivor.stats().fanout().completed()).as("jobs the survivor ran").isPositive();
    assertHomePagesMatchTheFollows(survivor);
  }

  @Test
  void aGracefulStopUnderLoadIsQuickAndLosesNothing() throws Exception {
    Node node = start(1);
    node.awaitAcks(250);
    long stranded = pendingJobs();

    long start = System.nanoTime();
    node.process.destroy(); // SIGTERM
    assertThat(node.process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf("SIGTERM with %d jobs pending: exited in %d ms%n", stranded, took.toMillis());
    assertThat(node.stopped())
        .as("the node stopped through its shutdown hook, exit code " + node.process.exitValue())
        .isTrue();
    assertThat(took).as("a stop owes no drain").isLessThan(Duration.ofSeconds(15));
    List<Long> acked = node.acks();

    Feed next = node(0);
    settle(next);

    assertEveryPostDelivered(acked);
  }

  @Test
  void timelineWritesFailingForSecondsDelayButNeverLoseDeliveries() throws Exception {
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE fault_switch (since timestamptz)");
      s.execute(
          """
          CREATE FUNCTION fault_fanout() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            -- Entries hold no author: a post not visible here is being made by this statement,
            -- so the entry is its author's own.
            IF NEW.owner_id <> coalesce(
                (SELECT author_id FROM feedkit_posts WHERE id = NEW.post_id), NEW.owner_id)
                AND EXISTS (SELECT 1 FROM fault_switch) THEN
              RAISE EXCEPTION 'timeline write failure (injected)';
            END IF;
            RETURN NEW;
          END $$""");
      s.execute(
          "CREATE TRIGGER fault_fanout BEFORE INSERT ON feedkit_home_timeline"
              + " FOR EACH ROW EXECUTE FUNCTION fault_fanout()");
      s.execute("INSERT INTO fault_switch VALUES (now())");
    }
    Feed feed = node(0);
    List<Long> acked = new ArrayList<>();
    long failingSince = System.nanoTime();
    for (int i = 0; i < 30; i++) {
      acked.add(feed.post(authors.get(i % AUTHORS), "during the failure " + i).id().value());
    }
    await(
        "fan-out has failed for two seconds",
        Duration.ofSeconds(60),
        () ->
            System.nanoTime() - failingSince > TimeUnit.SECONDS.toNanos(2)
                && feed.stats().fanout().retries() >= 30);
    assertThat(missingDeliveries(acked))
        .as("nothing reaches followers during the failure")
        .isPositive();

    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM fault_switch");
    }
    settle(feed);

    assertEveryPostDelivered(acked);
    System.out.printf(
        "retried %d times while timeline writes failed%n", feed.stats().fanout().retries());
  }

  // --- nodes ---------------------------------------------------------------------------------

  private JdbcFeedStore store() {
    return JdbcFeedStore.builder().jdbcUrl(database.jdbcUrl()).poolSize(8).build();
  }

  /** A feed node in this JVM, closed after the test. */
  private Feed node(int workerId) {
    JdbcFeedStore store = store();
    closing.add(store);
    Feed feed = Feed.builder().store(store).workerId(workerId).fanoutTuning(NEXT_NODE).build();
    closing.add(feed);
    return feed;
  }

  /** Waits, boundedly, until every job queued so far is done. */
  private static void settle(Feed feed) throws Exception {
    ExecutorService waiter = Executors.newSingleThreadExecutor();
    try {
      waiter.submit(feed::awaitFanout).get(SETTLE.toSeconds(), TimeUnit.SECONDS);
    } finally {
      waiter.shutdownNow();
    }
    assertThat(feed.stats().fanout().pending()).isZero();
  }

  private Node start(int workerId) throws IOException {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    String ids =
        authors.stream().map(a -> Long.toString(a.value())).collect(Collectors.joining(","));
    String name = "target/posting-node-" + workerId + "-" + System.nanoTime();
    File output = new File(name + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                PostingNode.class.getName(),
                database.jdbcUrl(),
                Integer.toString(workerId),
                Integer.toString(POSTERS),
                Long.toString(CHILD_LEASE.toMillis()),
                ids)
            .redirectOutput(output)
            .redirectError(new File(name + ".log"));
    Node node = new Node(builder.start(), output);
    nodes.add(node);
    return node;
  }

  /**
   * A child JVM running {@link PostingNode}, and what it has printed. Its output goes to a file,
   * read whole at each look: a line counts once it is complete, so a line cut off by a kill is
   * ignored (that post was acknowledged to nobody who kept the record).
   */
  private static final class Node {
    final Process process;
    final File output;

    Node(Process process, File output) {
      this.process = process;
      this.output = output;
    }

    private List<String> lines() {
      try {
        String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    List<Long> acks() {
      List<Long> acks = new ArrayList<>();
      for (String line : lines()) {
        if (line.startsWith("ACK ")) {
          acks.add(Long.parseLong(line.substring(4)));
        } else if (!line.equals("READY") && !line.startsWith("STOPPED ")) {
          System.out.println("node: " + line);
        }
      }
      return acks;
    }

    boolean stopped() {
      return lines().stream().anyMatch(line -> line.startsWith("STOPPED "));
    }

    void awaitAcks(int count) {
      await(
          count + " acknowledged posts",
          Duration.ofSeconds(120),
          () -> !process.isAlive() || lines().size() > count);
      assertThat(process.isAlive()).as("the node is running").isTrue();
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static void await(String what, Duration max, BooleanSupplier condition) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20); // polling a condition another process makes true
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  // --- checks --------------------------------------------------------------------------------

  private void assertEveryPostDelivered(List<Long> acked) throws SQLException {
    assertThat(acked).isNotEmpty();
    assertThat(
            count(
                """
        SELECT count(*) FROM unnest(?) AS a(post_id)
        WHERE NOT EXISTS (SELECT 1 FROM feedkit_posts p WHERE p.id = a.post_id)""",
                acked))
        .as("acknowledged posts missing from the store")
        .isZero();
    assertThat(
            count(
                """
        SELECT count(*) FROM unnest(?) AS a(post_id)
        JOIN feedkit_posts p ON p.id = a.post_id
        LEFT JOIN feedkit_timeline_owners o ON o.owner_id = p.author_id
        WHERE p.id > coalesce(o.horizon, 0) AND NOT EXISTS (SELECT 1 FROM feedkit_home_timeline t
          WHERE t.owner_id = p.author_id AND t.post_id = p.id)""",
                acked))
        .as("acknowledged posts missing from their author's timeline")
        .isZero();
    assertThat(missingDeliveries(acked))
        .as("(follower, post) pairs missing, of " + acked.size() + " posts")
        .isZero();
  }

  /** The (follower, acknowledged post) pairs whose timeline entry is missing above the horizon. */
  private long missingDeliveries(List<Long> acked) throws SQLException {
    return count(
        """
        SELECT count(*) FROM unnest(?) AS a(post_id)
        JOIN feedkit_posts p ON p.id = a.post_id
        JOIN feedkit_follows f ON f.followee_id = p.author_id
        LEFT JOIN feedkit_timeline_owners o ON o.owner_id = f.follower_id
        WHERE p.id > coalesce(o.horizon, 0) AND NOT EXISTS (SELECT 1 FROM feedkit_home_timeline t
          WHERE t.owner_id = f.follower_id AND t.post_id = p.id)""",
        acked);
  }

  /** The first home page of a few followers, through the feed, equals the naive query's. */
  private void assertHomePagesMatchTheFollows(Feed feed) throws SQLException {
    for (UserId reader :
        List.of(followers.get(0), followers.get(FOLLOWERS / 2), followers.get(FOLLOWERS - 1))) {
      List<Long> page =
          feed.homeTimeline(reader, PageRequest.first(50)).items().stream()
              .map(p -> p.id().value())
              .toList();
      List<Long> naive = new ArrayList<>();
      try (Connection c = database.connect();
          PreparedStatement s =
              c.prepareStatement(
                  """
          SELECT p.id FROM feedkit_posts p
          WHERE p.author_id = ? OR p.author_id IN
            (SELECT followee_id FROM feedkit_follows WHERE follower_id = ?)
          ORDER BY p.id DESC LIMIT 50""")) {
        s.setLong(1, reader.value());
        s.setLong(2, reader.value());
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            naive.add(rs.getLong(1));
          }
        }
      }
      assertThat(page).as("home page of " + reader).isEqualTo(naive);
    }
  }

  private static long pendingJobs() throws SQLException {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM feedkit_jobs")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long count(String sql, List<Long> ids) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      Array array = c.createArrayOf("bigint", ids.toArray());
      s.setArray(1, array);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
