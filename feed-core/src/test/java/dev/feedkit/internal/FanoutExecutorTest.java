package dev.feedkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.FanoutStats;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fan-out executor on its own: retries, giving up, draining, and work after close. */
class FanoutExecutorTest {

  @Test
  void aJobThatFailsIsRetriedUntilItSucceeds() {
    try (FanoutExecutor executor = new FanoutExecutor(1, 10)) {
      AtomicInteger attempts = new AtomicInteger();
      executor.submit("test job", 1, () -> {
        if (attempts.incrementAndGet() < 3) {
          throw new IllegalStateException("injected");
        }
      });
      executor.awaitIdle();

      assertThat(attempts).hasValue(3);
      assertThat(executor.stats()).isEqualTo(new FanoutStats(0, 1, 2, 0, 0));
    }
  }

  @Test
  void aJobThatAlwaysFailsIsGivenUpAfterTheLastAttempt() {
    try (FanoutExecutor executor = new FanoutExecutor(1, 10)) {
      AtomicInteger attempts = new AtomicInteger();
      executor.submit("test job", 1, () -> {
        attempts.incrementAndGet();
        throw new IllegalStateException("injected");
      });
      executor.awaitIdle();

      assertThat(attempts).hasValue(FanoutExecutor.ATTEMPTS);
      assertThat(executor.stats())
          .isEqualTo(new FanoutStats(0, 0, FanoutExecutor.ATTEMPTS - 1, 1, 0));
    }
  }

  @Test
  void closeRunsEveryQueuedJobFirst() throws InterruptedException {
    FanoutExecutor executor = new FanoutExecutor(1, 100);
    CountDownLatch gate = new CountDownLatch(1);
    List<Integer> ran = new CopyOnWriteArrayList<>();
    executor.submit("gated job", 0, () -> {
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ran.add(0);
    });
    for (int i = 1; i <= 20; i++) {
      int n = i;
      executor.submit("queued job", n, () -> ran.add(n));
    }
    Thread closer = new Thread(executor::close);
    closer.start();

    gate.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(closer.isAlive()).isFalse();
    assertThat(ran).hasSize(21);
    assertThat(executor.stats().completed()).isEqualTo(21);
  }

  @Test
  void aJobSubmittedAfterCloseRunsOnTheCallersThread() {
    FanoutExecutor executor = new FanoutExecutor(2, 10);
    executor.close();
    List<Thread> threads = new CopyOnWriteArrayList<>();

    executor.submit("late job", 1, () -> threads.add(Thread.currentThread()));

    assertThat(threads).containsExactly(Thread.currentThread());
    assertThat(executor.stats().callerRuns()).isEqualTo(1);
    executor.awaitIdle();
  }
}
