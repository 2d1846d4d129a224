package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.FanoutStats;
import dev.feedkit.FanoutTuning;
import dev.feedkit.spi.ClaimedJob;
import dev.feedkit.spi.Job;
import dev.feedkit.spi.JobQueue;
import dev.feedkit.spi.JobQueueStats;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers of one feed: threads that claim jobs from the store's {@link JobQueue} and run
 * them, wherever they were queued (by this feed, another feed over the same store, or a feed
 * that died).
 *
 * <p>Design: each thread claims one job at a time under a lease ({@link FanoutTuning#lease()}),
 * runs it, and completes it; so what a crash can strand is at most one job per thread, and it is
 * taken up by any feed once its lease expires. A thread with nothing to do waits until this feed
 * queues work ({@link #wake()}) or the poll interval passes, then looks again, which is how work
 * of other feeds and expired leases are found.
 *
 * <p>Failures: a job that throws goes back to the queue, due after {@link
 * FanoutTuning#retryDelay(int)} of its attempts; the thread that ran it also pauses for as long
 * as its own failures in a row say, so a failing store sees fewer attempts, not more. A job is
 * never given up: each failure is counted (and logged, at attempts 1, 2, 4, 8 and so on, so that a
 * long outage does not flood the log), and the job is tried until it succeeds.
 * Failures to claim back off the same way.
 *
 * <p>Shutdown: {@link #close()} stops claiming, waits up to {@link FanoutTuning#shutdownTimeout()}
 * for the jobs that are running, then gives back to the queue whatever this feed still holds. The
 * work left stays queued for the next feed over the store.
 */
final class JobWorkers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JobWorkers.class);
  private static final AtomicInteger POOLS = new AtomicInteger();

  /** How often {@link #awaitIdle()} looks again for jobs finished by other feeds. */
  private static final long AWAIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final JobQueue queue;
  private final Consumer<Job> runner;
  private final FanoutTuning tuning;
  private final String worker;
  private final List<Thread> threads = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();

  /** Signalled when this feed queues work, and on close. */
  private final Condition workQueued = lock.newCondition();

  /** Signalled when one of this feed's jobs finishes. */
  private final Condition jobFinished = lock.newCondition();

  /** Work was queued since an idle thread last looked; guarded by {@link #lock}. */
  private boolean queued;

  private volatile boolean stopping;

  /** The ids of the jobs this feed has claimed and not yet finished. */
  private final Set<Long> held = ConcurrentHashMap.newKeySet();

  private final LongAdder completed = new LongAdder();
  private final LongAdder retries = new LongAdder();

  /** Starts {@link FanoutTuning#threads()} workers that run jobs of {@code queue} with {@code runner}. */
  JobWorkers(JobQueue queue, Consumer<Job> runner, FanoutTuning tuning) {
    this.queue = requireNonNull(queue, "queue");
    this.runner = requireNonNull(runner, "runner");
    this.tuning = requireNonNull(tuning, "tuning");
    byte[] name = new byte[6];
    new SecureRandom().nextBytes(name);
    this.worker = "feed-" + HexFormat.of().formatHex(name);
    int pool = POOLS.incrementAndGet();
    for (int i = 1; i <= tuning.threads(); i++) {
      Thread thread = new Thread(this::work, "feedkit-worker-" + pool + "-" + i);
      thread.setDaemon(true);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  /** Tells idle workers that this feed queued work. */
  void wake() {
    lock.lock();
    try {
      queued = true;
      workQueued.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every job queued before this call, by any feed over the store, is done. Returns
   * at once once this feed is closed, since its workers no longer run anything.
   */
  void awaitIdle() {
    long mark = queue.newestId();
    while (!stopping && mark > 0 && queue.pendingAtOrBelow(mark)) {
      lock.lock();
      try {
        jobFinished.awaitNanos(AWAIT_POLL_NANOS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  /** Returns the queue's counts and this feed's. */
  FanoutStats stats() {
    JobQueueStats inQueue = queue.stats();
    Duration oldest =
        inQueue
            .oldestCreated()
            .map(created -> Duration.between(created, Instant.now()))
            .filter(age -> !age.isNegative())
            .orElse(Duration.ZERO);
    return new FanoutStats(inQueue.pending(), held.size(), completed.sum(), retries.sum(), oldest);
  }

  private void work() {
    int failures = 0;
    while (!stopping) {
      List<ClaimedJob> claimed;
      try {
        claimed = queue.claim(worker, 1, tuning.lease());
      } catch (RuntimeException e) {
        failures++;
        if (Integer.bitCount(failures) == 1) { // 1, 2, 4, 8 ...: a long outage logs a few lines
          LOG.warn(
              "could not claim background jobs ({} failures in a row); trying again: {}",
              failures,
              e.toString());
        }
        pause(tuning.retryDelay(failures));
        continue;
      }
      if (claimed.isEmpty()) {
        idle();
        continue;
      }
      for (ClaimedJob job : claimed) {
        held.add(job.id());
        failures = run(job) ? 0 : failures + 1;
        if (failures > 0) {
          pause(tuning.retryDelay(failures));
        }
      }
    }
  }

  /** Runs one claimed job and settles it in the queue; returns whether it succeeded. */
  private boolean run(ClaimedJob job) {
    try {
      try {
        runner.accept(job.job());
      } catch (RuntimeException | AssertionError e) {
        retries.increment();
        Duration delay = tuning.retryDelay(job.attempts());
        if (Integer.bitCount(job.attempts()) == 1) { // attempts 1, 2, 4, 8 ...
          LOG.warn(
              "{} job {} failed (attempt {}); it stays queued and is tried again in {} ms: {}",
              job.job().kind(),
              job.id(),
              job.attempts(),
              delay.toMillis(),
              e.toString());
        }
        try {
          queue.retry(job.id(), delay);
        } catch (RuntimeException f) {
          LOG.warn(
              "could not put {} job {} back; it is taken up again when its lease expires: {}",
              job.job().kind(),
              job.id(),
              f.toString());
        }
        return false;
      }
      completed.increment();
      try {
        queue.complete(job.id());
      } catch (RuntimeException e) {
        LOG.warn(
            "{} job {} ran but could not be removed; it runs again, harmlessly: {}",
            job.job().kind(),
            job.id(),
            e.toString());
      }
      return true;
    } finally {
      held.remove(job.id());
      lock.lock();
      try {
        jobFinished.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Waits until work is queued here, the poll interval passes, or the feed closes. */
  private void idle() {
    await(tuning.pollInterval(), true);
  }

  /** Pauses this thread for about {@code delay}, less if the feed closes meanwhile. */
  private void pause(Duration delay) {
    await(delay, false);
  }

  /**
   * Waits up to {@code max} on {@link #workQueued}, until the feed closes or, if {@code
   * untilQueued}, until this feed queues work (which it then takes note of).
   */
  private void await(Duration max, boolean untilQueued) {
    lock.lock();
    try {
      long left = max.toNanos();
      while (!stopping && !(untilQueued && queued) && left > 0) {
        left = workQueued.awaitNanos(left);
      }
      if (untilQueued) {
        queued = false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops claiming, waits up to the shutdown timeout for running jobs, and gives back what is
   * still held. Closing twice does nothing.
   */
  @Override
  public void close() {
    if (stopping) {
      return;
    }
    stopping = true;
    lock.lock();
    try {
      workQueued.signalAll();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + tuning.shutdownTimeout().toNanos();
    boolean interrupted = false;
    for (Thread thread : threads) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(thread, left);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    List<Long> left = new ArrayList<>(held);
    if (!left.isEmpty()) {
      threads.forEach(Thread::interrupt);
      LOG.info(
          "closing with {} background jobs still running; they stay queued for the next"
              + " feed over the store",
          left.size());
      try {
        queue.release(worker, left);
      } catch (RuntimeException e) {
        LOG.warn(
            "could not give back {} background jobs; they are taken up when their leases"
                + " expire: {}",
            left.size(),
            e.toString());
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
