package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.ClaimedJob;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.Job;
import dev.feedkit.spi.JobQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The store's job queue ({@link JobQueue}): claims under a lease, retries, give-backs, and the
 * writes that queue jobs only when they change something. Neither the fan-out policy nor the
 * cache changes these answers, so the group runs in one cell: pull without a cache, where no
 * feed worker competes with the test for the jobs.
 */
@Cells(fanout = Cells.Fanout.PULL, cache = Cells.Cache.OFF)
abstract class JobQueueRules extends ContractGroup {

  private static final Duration LONG = Duration.ofMinutes(5);

  JobQueueRules(FeedStoreContract contract) {
    super(contract);
  }

  private JobQueue jobs() {
    return store().jobs();
  }

  private static Job fanOut(long post) {
    return new Job(Job.Kind.FAN_OUT, post, 7);
  }

  private static List<Job> jobsOf(List<ClaimedJob> claimed) {
    return claimed.stream().map(ClaimedJob::job).toList();
  }

  @Test
  void jobsAreClaimedOldestFirstAndByOneWorkerAtATime() {
    jobs().add(List.of(fanOut(1), fanOut(2), fanOut(3)));

    List<ClaimedJob> first = jobs().claim("a", 2, LONG);
    List<ClaimedJob> second = jobs().claim("b", 5, LONG);

    assertThat(jobsOf(first)).containsExactly(fanOut(1), fanOut(2));
    assertThat(jobsOf(second)).containsExactly(fanOut(3));
    assertThat(first).extracting(ClaimedJob::attempts).containsOnly(1);
    assertThat(jobs().claim("c", 5, LONG)).isEmpty();
  }

  @Test
  void aJobWhoseLeaseExpiredIsClaimedAgain() {
    jobs().add(List.of(fanOut(1)));
    ClaimedJob first = jobs().claim("dead", 1, Duration.ofMillis(20)).get(0);

    List<ClaimedJob> again = awaitClaim("taker");

    assertThat(again).hasSize(1);
    assertThat(again.get(0).id()).isEqualTo(first.id());
    assertThat(again.get(0).attempts()).isEqualTo(2);
  }

  @Test
  void aRetriedJobWaitsForItsDelayAndKeepsItsAttempts() {
    jobs().add(List.of(fanOut(1), fanOut(2)));
    List<ClaimedJob> claimed = jobs().claim("a", 2, LONG);

    jobs().retry(claimed.get(0).id(), LONG);
    jobs().retry(claimed.get(1).id(), Duration.ZERO);

    List<ClaimedJob> due = jobs().claim("b", 5, LONG);
    assertThat(jobsOf(due)).containsExactly(fanOut(2));
    assertThat(due.get(0).attempts()).isEqualTo(2);
    assertThat(jobs().stats().pending()).isEqualTo(2);
  }

  @Test
  void releasedJobsAreDueAtOnceUncountedAndOnlyTheirWorkerReleasesThem() {
    jobs().add(List.of(fanOut(1), fanOut(2)));
    List<ClaimedJob> claimed = jobs().claim("a", 2, LONG);
    List<Long> ids = claimed.stream().map(ClaimedJob::id).toList();

    jobs().release("somebody else", ids);
    assertThat(jobs().claim("b", 5, LONG)).isEmpty();
    jobs().release("a", ids);

    List<ClaimedJob> again = jobs().claim("b", 5, LONG);
    assertThat(jobsOf(again)).containsExactly(fanOut(1), fanOut(2));
    assertThat(again).extracting(ClaimedJob::attempts).containsOnly(1);
  }

  @Test
  void completedJobsAreGoneAndAwaitingSeesWhatIsPending() {
    assertThat(jobs().newestId()).isZero();
    assertThat(jobs().stats()).isEqualTo(dev.feedkit.spi.JobQueueStats.EMPTY);
    jobs().add(List.of(fanOut(1), fanOut(2)));
    long mark = jobs().newestId();
    List<ClaimedJob> claimed = jobs().claim("a", 1, LONG);

    assertThat(jobs().stats().pending()).isEqualTo(2);
    assertThat(jobs().stats().leased()).isEqualTo(1);
    assertThat(jobs().stats().oldestCreated()).isPresent();
    assertThat(jobs().pendingAtOrBelow(mark)).isTrue();

    jobs().complete(claimed.get(0).id());
    jobs().complete(claimed.get(0).id()); // twice: nothing more happens
    assertThat(jobs().stats().pending()).isEqualTo(1);
    jobs().complete(jobs().claim("a", 1, LONG).get(0).id());

    assertThat(jobs().pendingAtOrBelow(mark)).isFalse();
    assertThat(jobs().stats().pending()).isZero();
    assertThat(jobs().stats().oldestCreated()).isEmpty();
  }

  @Test
  void writesThatChangeNothingQueueNothing() {
    User alice = user("alice");
    User bob = user("bob");
    Job job = new Job(Job.Kind.CHECK_DELIVERY, bob.id().value(), 0);
    assertThat(
            store().timelines().insertFollow(new Follow(1, alice.id(), bob.id()), 10, List.of(job)))
        .isTrue();
    assertThat(jobsOf(jobs().claim("a", 5, LONG))).containsExactly(job);

    assertThat(
            store().timelines().insertFollow(new Follow(2, alice.id(), bob.id()), 10, List.of(job)))
        .as("followed already")
        .isFalse();
    assertThat(store().timelines().deleteFollow(bob.id(), alice.id(), List.of(job)))
        .as("no such follow")
        .isFalse();
    assertThat(store().timelines().deletePost(new PostId(12345), List.of(job)))
        .as("no such post")
        .isFalse();
    assertThat(store().timelines().deleteFollow(alice.id(), new UserId(999_999), List.of(job)))
        .as("no such user")
        .isFalse();

    assertThat(jobs().claim("a", 5, LONG)).isEmpty();
  }

  /** Claims until the queue hands something out (a lease expiring), or fails after 30 s. */
  private List<ClaimedJob> awaitClaim(String worker) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      List<ClaimedJob> claimed = jobs().claim(worker, 5, LONG);
      if (!claimed.isEmpty() || System.nanoTime() > deadline) {
        return claimed;
      }
      Thread.yield();
    }
  }
}
