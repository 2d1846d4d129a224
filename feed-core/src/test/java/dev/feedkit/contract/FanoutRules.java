package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.feedkit.FanoutStats;
import dev.feedkit.Feed;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.StoreException;
import dev.feedkit.User;
import dev.feedkit.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Background fan-out: retries, idempotency, back-pressure, and draining on close, with faults put
 * in front of the store's timelines by {@link ForwardingTimelineStore}. Only where timelines are
 * materialized; the pull policy has no background work.
 */
abstract class FanoutRules extends ContractGroup {

  private static final long WAIT_SECONDS = 30;

  FanoutRules(FeedStoreContract contract) {
    super(contract);
  }

  @BeforeEach
  void onlyWithFanout() {
    assumeTrue(variant().materializes(), "only where timelines are materialized");
  }

  /** A fan author with one follower, made through {@code feed}; returns {author, follower}. */
  private User[] pair(Feed feed) {
    User author = feed.createUser("author", "Author");
    User reader = feed.createUser("reader", "Reader");
    feed.follow(reader.id(), author.id());
    feed.awaitFanout();
    return new User[] {author, reader};
  }

  @Test
  void failedFanoutIsRetriedUntilItIsDelivered() {
    AtomicInteger failuresLeft = new AtomicInteger(2);
    Feed feed = extraFeed(new ForwardingTimelineStore(store().timelines()) {
      @Override
      public List<UserId> fanOut(Post post, int cap) {
        if (failuresLeft.getAndDecrement() > 0) {
          throw new StoreException("connection lost (injected)");
        }
        return super.fanOut(post, cap);
      }
    }.wrap(store()), b -> b);
    User[] pair = pair(feed);

    Post post = post(feed, pair[0], "hello");

    assertThat(home(feed, pair[1], 50)).containsExactly(post.id());
    FanoutStats stats = feed.stats().fanout();
    assertThat(stats.retries()).isEqualTo(2);
    assertThat(stats.failed()).isZero();
    assertThat(stats.pending()).isZero();
  }

  @Test
  void fanoutRetriedAfterAPartialSuccessDeliversOnce() {
    AtomicInteger calls = new AtomicInteger();
    Feed feed = extraFeed(new ForwardingTimelineStore(store().timelines()) {
      @Override
      public List<UserId> fanOut(Post post, int cap) {
        List<UserId> owners = super.fanOut(post, cap);
        if (calls.incrementAndGet() == 1) {
          throw new StoreException("commit acknowledgement lost (injected)");
        }
        return owners;
      }
    }.wrap(store()), b -> b);
    User[] pair = pair(feed);

    Post post = post(feed, pair[0], "only once");

    assertThat(home(feed, pair[1], 50)).containsExactly(post.id());
    assertThat(calls).hasValue(2);
    assertThat(store().timelines().read(pair[1].id(), Long.MAX_VALUE, 0, 10).posts())
        .containsExactly(post);
  }

  @Test
  void fanoutThatKeepsFailingIsGivenUpAndCounted() {
    AtomicInteger calls = new AtomicInteger();
    Feed feed = extraFeed(new ForwardingTimelineStore(store().timelines()) {
      @Override
      public List<UserId> fanOut(Post post, int cap) {
        calls.incrementAndGet();
        throw new StoreException("store down (injected)");
      }
    }.wrap(store()), b -> b);
    User[] pair = pair(feed);

    Post post = post(feed, pair[0], "lost in the store");
    feed.awaitFanout();

    FanoutStats stats = feed.stats().fanout();
    assertThat(stats.failed()).isEqualTo(1);
    assertThat(stats.retries()).isEqualTo(calls.get() - 1L).isPositive();
    assertThat(stats.pending()).isZero();
    assertThat(feed.postById(post.id())).contains(post);
  }

  @Test
  void aPostWhoseTimelineUpdateFailsChangesNothing() {
    Feed feed = extraFeed(new ForwardingTimelineStore(store().timelines()) {
      @Override
      public void addOwn(Post post, int cap) {
        throw new StoreException("store down (injected)");
      }
    }.wrap(store()), b -> b);
    User[] pair = pair(feed);

    assertThatThrownBy(() -> feed.post(pair[0].id(), "never there"))
        .isInstanceOf(StoreException.class);

    feed.awaitFanout();
    assertThat(feed.counts(pair[0].id()).posts()).isZero();
    assertThat(feed.userTimeline(pair[0].id(), PageRequest.first()).items()).isEmpty();
    assertThat(home(feed, pair[0], 50)).isEmpty();
    assertThat(home(feed, pair[1], 50)).isEmpty();
  }

  @Test
  void aFollowWhoseBackfillFailsChangesNothing() {
    Feed feed = extraFeed(new ForwardingTimelineStore(store().timelines()) {
      @Override
      public void backfill(UserId owner, UserId author, int cap) {
        throw new StoreException("store down (injected)");
      }
    }.wrap(store()), b -> b);
    User author = feed.createUser("author", "Author");
    User reader = feed.createUser("reader", "Reader");
    post(feed, author, "before the follow");
    assertThat(home(feed, reader, 50)).isEmpty();

    assertThatThrownBy(() -> feed.follow(reader.id(), author.id()))
        .isInstanceOf(StoreException.class);

    assertThat(feed.isFollowing(reader.id(), author.id())).isFalse();
    assertThat(feed.counts(reader.id()).following()).isZero();
    assertThat(feed.counts(author.id()).followers()).isZero();
    assertThat(home(feed, reader, 50)).isEmpty();
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

  /** Waits until {@code condition} holds, without sleeping: it yields between checks. */
  private static void awaitCondition(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.yield();
    }
  }

  private static boolean isWaiting(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  @Test
  void awaitFanoutAndCloseWaitForWorkInFlight() throws Exception {
    Gated gated = new Gated();
    Feed feed = extraFeed(gated.wrap(store()), b -> b);
    User[] pair = pair(feed);
    Post post = post(feed, pair[0], "slow delivery");
    gated.awaitEntered();

    Thread waiter = new Thread(feed::awaitFanout, "awaiting fan-out");
    waiter.start();
    awaitCondition("awaitFanout blocks", () -> isWaiting(waiter));
    assertThat(waiter.isAlive()).as("awaitFanout returned before the fan-out was done").isTrue();
    Thread closer = new Thread(feed::close, "closing");
    closer.start();
    awaitCondition("close blocks", () -> isWaiting(closer));
    assertThat(closer.isAlive()).as("close returned before the fan-out was done").isTrue();

    gated.gate.countDown();
    waiter.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    closer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

    assertThat(waiter.isAlive()).isFalse();
    assertThat(closer.isAlive()).isFalse();
    assertThat(store().timelines().read(pair[1].id(), Long.MAX_VALUE, 0, 10).posts())
        .as("delivered before close returned").containsExactly(post);
    assertThat(feed.stats().fanout().pending()).isZero();
  }

  @Test
  void aFullQueueMakesTheWriterRunTheFanoutItself() throws Exception {
    Gated gated = new Gated();
    Feed feed = extraFeed(gated.wrap(store()), b -> b.fanoutThreads(1).fanoutQueueSize(1));
    User[] pair = pair(feed);

    Post first = post(feed, pair[0], "taken by the fan-out thread");
    gated.awaitEntered();
    Post second = post(feed, pair[0], "waits in the queue");
    Post third = post(feed, pair[0], "queue full: the writer delivers it");

    assertThat(gated.threads).contains(Thread.currentThread().getName());
    assertThat(feed.stats().fanout().callerRuns()).isEqualTo(1);
    gated.gate.countDown();
    assertThat(home(feed, pair[1], 50))
        .containsExactly(third.id(), second.id(), first.id());
    assertThat(feed.stats().fanout().completed()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void postsOfManyAuthorsReachEveryFollowerOnce() {
    Feed feed = extraFeed(store(), b -> b.fanoutThreads(3).fanoutQueueSize(4));
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
    assertThat(feed.stats().fanout().failed()).isZero();
  }
}
