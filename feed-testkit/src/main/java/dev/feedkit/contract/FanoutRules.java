package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.FanoutStats;
import dev.feedkit.Feed;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.Post;
import dev.feedkit.StoreException;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.ClaimedJob;
import dev.feedkit.spi.Job;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Background fan-out: durable jobs, retries until success, idempotency, and a bounded close that
 * leaves the rest queued for the next feed, with faults put in front of the store's timelines by
 * {@link ForwardingTimelineStore}. Only where timelines are materialized; the pull policy has no
 * background work.
 */
@Cells(fanout = {Cells.Fanout.PUSH, Cells.Fanout.HYBRID})
abstract class FanoutRules extends ContractGroup {

  private static final long WAIT_SECONDS = 30;

  FanoutRules(FeedStoreContract contract) {
    super(contract);
  }

  /** A fan author with one follower, made through {@code feed}; returns {author, follower}. */
  private User[] pair(Feed feed) {
    User author = feed.createUser("author", "Author");
    User reader = feed.createUser("reader", "Reader");
    feed.follow(reader.id(), author.id());
    feed.awaitFanout();
    return new User[] {author, reader};
  }

  /** A feed over the store whose fan-out fails its first {@code failures} attempts. */
  private Feed feedWhoseFanOutFails(int failures, String why) {
    AtomicInteger failuresLeft = new AtomicInteger(failures);
    return extraFeed(
        new ForwardingTimelineStore(store().timelines()) {
          @Override
          public List<UserId> fanOut(Post post, int cap) {
            if (failuresLeft.getAndDecrement() > 0) {
              throw new StoreException(why + " (injected)");
            }
            return super.fanOut(post, cap);
          }
        }.wrap(store()),
        b -> b);
  }

  @Test
  void failedFanoutIsRetriedUntilItIsDelivered() {
    Feed feed = feedWhoseFanOutFails(2, "connection lost");
    User[] pair = pair(feed);

    Post post = post(feed, pair[0], "hello");

    assertThat(home(feed, pair[1], 50)).containsExactly(post.id());
    FanoutStats stats = feed.stats().fanout();
    assertThat(stats.retries()).isEqualTo(2);
    assertThat(stats.pending()).isZero();
    assertThat(stats.running()).isZero();
  }

  @Test
  void fanoutRetriedAfterAPartialSuccessDeliversOnce() {
    AtomicInteger calls = new AtomicInteger();
    Feed feed =
        extraFeed(
            new ForwardingTimelineStore(store().timelines()) {
              @Override
              public List<UserId> fanOut(Post post, int cap) {
                List<UserId> owners = super.fanOut(post, cap);
                if (calls.incrementAndGet() == 1) {
                  throw new StoreException("commit acknowledgement lost (injected)");
                }
                return owners;
              }
            }.wrap(store()),
            b -> b);
    User[] pair = pair(feed);

    Post post = post(feed, pair[0], "only once");

    assertThat(home(feed, pair[1], 50)).containsExactly(post.id());
    assertThat(calls).hasValue(2);
    assertThat(store().timelines().read(pair[1].id(), Long.MAX_VALUE, 0, 10).posts())
        .containsExactly(post);
  }

  @Test
  void fanoutThatFailsForLongIsRetriedUntilTheStoreRecovers() {
    int failures = 25;
    Feed feed = feedWhoseFanOutFails(failures, "store down");
    User[] pair = pair(feed);

    Post post = post(feed, pair[0], "delivered in the end");

    assertThat(home(feed, pair[1], 50)).containsExactly(post.id());
    FanoutStats stats = feed.stats().fanout();
    assertThat(stats.retries()).isEqualTo(failures);
    assertThat(stats.pending()).isZero();
  }

  @Test
  void aPostIsStoredWithItsOwnEntryAndTheDeliveryItOwes() {
    User[] pair = pair(feed());
    feed().close(); // no worker runs the job: it stays in the queue for the test to see

    Post post = post(pair[0], "owed to the reader");

    assertThat(store().timelines().read(pair[0].id(), Long.MAX_VALUE, 0, 10).posts())
        .containsExactly(post);
    assertThat(feed().counts(pair[0].id()).posts()).isEqualTo(1);
    List<ClaimedJob> claimed = store().jobs().claim("test", 10, Duration.ofMinutes(1));
    assertThat(claimed)
        .extracting(ClaimedJob::job)
        .containsExactly(new Job(Job.Kind.FAN_OUT, post.id().value(), pair[0].id().value()));
    assertThat(store().timelines().read(pair[1].id(), Long.MAX_VALUE, 0, 10).posts()).isEmpty();
  }

  @Test
  void aPostThatCannotBeStoredLeavesNoJob() {
    feed().close();
    long before = store().jobs().newestId();
    Post orphan =
        new Post(
            new dev.feedkit.PostId(42), new UserId(4242), "nobody wrote this", clock().instant());

    assertThatThrownBy(
            () ->
                store()
                    .timelines()
                    .insertPost(orphan, 10, List.of(new Job(Job.Kind.FAN_OUT, 42, 4242))))
        .isInstanceOf(NoSuchUserException.class);

    assertThat(store().jobs().pendingAtOrBelow(Long.MAX_VALUE)).isFalse();
    assertThat(store().jobs().newestId()).isEqualTo(before);
    assertThat(store().posts().findById(orphan.id())).isEmpty();
  }

  @Test
  void workLeftByAFeedThatStoppedIsRunByTheNextFeedOverTheStore() {
    User[] pair = pair(feed());
    feed().close();
    Post post = post(pair[0], "queued while no feed ran");
    assertThat(store().jobs().stats().pending()).isEqualTo(1);

    Feed next = extraFeed(store(), b -> b);

    assertThat(home(next, pair[1], 50)).containsExactly(post.id());
    assertThat(next.stats().fanout().completed()).isEqualTo(1);
    assertThat(next.stats().fanout().pending()).isZero();
  }

  @Test
  void aJobClaimedByAFeedThatDiedIsRunOnceItsLeaseExpires() {
    User[] pair = pair(feed());
    feed().close();
    Post post = post(pair[0], "claimed by a node that died");
    List<ClaimedJob> stranded = store().jobs().claim("dead node", 10, Duration.ofMillis(50));
    assertThat(stranded).hasSize(1);

    Feed next = extraFeed(store(), b -> b);

    assertThat(home(next, pair[1], 50)).containsExactly(post.id());
    assertThat(store().jobs().stats().pending()).isZero();
  }

  /** A timeline store whose fan-out waits at a gate, on every thread but the test's. */
  private final class Gated extends ForwardingTimelineStore {
    final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);
    final Thread testThread = Thread.currentThread();
    final Queue<String> threads = new ConcurrentLinkedQueue<>();

    Gated() {
      super(store().timelines());
    }

    @Override
    public List<UserId> fanOut(Post post, int cap) {
      threads.add(Thread.currentThread().getName());
      if (Thread.currentThread() != testThread) {
        entered.countDown();
        try {
          if (!gate.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the gate was never opened");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      return super.fanOut(post, cap);
    }

    void awaitEntered() throws InterruptedException {
      assertThat(entered.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("fan-out started").isTrue();
    }
  }

  private static boolean isWaiting(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  @Test
  void awaitFanoutWaitsForWorkInFlight() throws Exception {
    Gated gated = new Gated();
    Feed feed = extraFeed(gated.wrap(store()), b -> b);
    User[] pair = pair(feed);
    Post post = post(feed, pair[0], "slow delivery");
    gated.awaitEntered();
    FanoutStats during = feed.stats().fanout();

    Thread waiter = new Thread(feed::awaitFanout, "awaiting fan-out");
    waiter.start();
    awaitCondition("awaitFanout blocks", () -> isWaiting(waiter));
    assertThat(waiter.isAlive()).as("awaitFanout returned before the fan-out was done").isTrue();

    gated.gate.countDown();
    waiter.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

    assertThat(waiter.isAlive()).isFalse();
    assertThat(store().timelines().read(pair[1].id(), Long.MAX_VALUE, 0, 10).posts())
        .as("delivered before awaitFanout returned")
        .containsExactly(post);
    assertThat(during.pending()).isEqualTo(1);
    assertThat(during.running()).isEqualTo(1);
    assertThat(during.oldestPending()).isGreaterThanOrEqualTo(Duration.ZERO);
    assertThat(feed.stats().fanout().pending()).isZero();
  }

  @Test
  void closeReturnsWithinItsTimeoutAndLeavesTheWorkQueued() throws Exception {
    Gated gated = new Gated();
    Duration timeout = Duration.ofMillis(200);
    Feed feed =
        extraFeed(
            gated.wrap(store()),
            b -> b.fanoutTuning(FeedStoreContract.TEST_TUNING.withShutdownTimeout(timeout)));
    User[] pair = pair(feed);
    Post post = post(feed, pair[0], "still owed at close");
    gated.awaitEntered();

    long start = System.nanoTime();
    feed.close();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    gated.gate.countDown();

    assertThat(took)
        .as("close waited for a job stuck in the store")
        .isLessThan(timeout.plusSeconds(5));
    Feed next = extraFeed(store(), b -> b);
    assertThat(home(next, pair[1], 50)).containsExactly(post.id());
    assertThat(store().jobs().stats().pending()).isZero();
  }

  @Test
  void postsOfManyAuthorsReachEveryFollowerOnce() {
    Feed feed =
        extraFeed(store(), b -> b.fanoutTuning(FeedStoreContract.TEST_TUNING.withThreads(3)));
    User reader = feed.createUser("reader", "Reader");
    User[] authors = new User[6];
    for (int i = 0; i < authors.length; i++) {
      authors[i] = feed.createUser("author" + i, "Author");
      feed.follow(reader.id(), authors[i].id());
    }
    List<Post> posted = new java.util.ArrayList<>();
    for (int i = 0; i < 120; i++) {
      posted.add(feed.post(authors[i % authors.length].id(), "post " + i));
      if (i % 10 == 0) {
        clock().advance(Duration.ofMillis(1));
      }
    }
    java.util.Collections.reverse(posted);

    assertThat(home(feed, reader, 50)).containsExactlyElementsOf(ids(posted));
    assertThat(feed.stats().fanout().retries()).isZero();
  }
}
