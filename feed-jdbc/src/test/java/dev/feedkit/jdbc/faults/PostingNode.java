package dev.feedkit.jdbc.faults;

import dev.feedkit.FanoutTuning;
import dev.feedkit.Feed;
import dev.feedkit.Post;
import dev.feedkit.UserId;
import dev.feedkit.jdbc.JdbcFeedStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A feed node in a JVM of its own, for the fault tests: it posts as fast as it can from several
 * threads as the given authors, and prints a line {@code ACK <post id>} for every post that
 * returned (was acknowledged), so that the test knows exactly which posts it must find on every
 * follower's timeline, however the node ends. A SIGTERM stops it gracefully: posting stops, the
 * feed and the store close, and it prints {@code STOPPED <milliseconds>} before it exits.
 *
 * <p>Arguments: JDBC URL, worker id, posting threads, lease in milliseconds, author ids (comma
 * separated).
 */
public final class PostingNode {

  private PostingNode() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int workerId = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
    List<UserId> authors = new ArrayList<>();
    for (String id : args[4].split(",")) {
      authors.add(new UserId(Long.parseLong(id)));
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    JdbcFeedStore store = JdbcFeedStore.builder().jdbcUrl(url).poolSize(threads + 4).build();
    Feed feed =
        Feed.builder()
            .store(store)
            .workerId(workerId)
            .fanoutTuning(FanoutTuning.defaults().withLease(lease))
            .build();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch stopped = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int first = t;
      Thread poster =
          new Thread(
              () -> {
                try {
                  for (int i = first; running.get(); i += threads) {
                    Post post =
                        feed.post(authors.get(i % authors.size()), "post " + i + " of " + first);
                    out.println("ACK " + post.id().value());
                  }
                } catch (RuntimeException e) {
                  out.println("ERROR " + e);
                } finally {
                  stopped.countDown();
                }
              },
              "poster-" + t);
      poster.setDaemon(true);
      poster.start();
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  long start = System.nanoTime();
                  running.set(false);
                  try {
                    stopped.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  feed.close();
                  store.close();
                  out.println("STOPPED " + (System.nanoTime() - start) / 1_000_000);
                },
                "graceful stop"));
    out.println("READY");
    Thread.currentThread().join(); // until killed or stopped
  }
}
