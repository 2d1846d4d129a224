package dev.feedkit.internal;

import dev.feedkit.FanoutStats;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs fan-out jobs in the background: a fixed pool of daemon threads fed by a bounded queue.
 *
 * <p>Back-pressure: when the queue is full, the thread that submits a job runs it itself
 * (caller-runs) instead of blocking. Writers then slow to the pace of the fan-out and nothing is
 * dropped; and because no thread ever waits for queue space, a job that submits more work cannot
 * deadlock the pool. A job submitted after {@link #close()} also runs on the caller's thread.
 *
 * <p>Failures: a job that throws is tried again in place, up to {@value #ATTEMPTS} attempts with
 * a doubling pause (10 ms first), each failure logged as a warning; after the last attempt it is
 * logged as an error and counted. Jobs must therefore be idempotent. Retrying in place holds the
 * thread, which is what a failing store needs: less load, not more.
 *
 * <p>Tracking: every job gets a sequence number under one lock and is in the outstanding set until
 * it has finished (after its retries); {@link #awaitIdle()} waits until no job numbered at or
 * below the last number given out when it began is outstanding.
 */
final class FanoutExecutor implements AutoCloseable {

  /** Attempts of a job before it is given up. */
  static final int ATTEMPTS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(FanoutExecutor.class);
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ThreadPoolExecutor pool;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition finished = lock.newCondition();
  /** Sequence numbers of jobs submitted and not yet finished; guarded by {@link #lock}. */
  private final TreeSet<Long> outstanding = new TreeSet<>();
  /** The last sequence number given out; guarded by {@link #lock}. */
  private long lastSequence;

  private final LongAdder completed = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder callerRuns = new LongAdder();

  /** Starts a pool of {@code threads} threads with room for {@code queueSize} waiting jobs. */
  FanoutExecutor(int threads, int queueSize) {
    int poolNumber = POOLS.incrementAndGet();
    AtomicInteger threadNumber = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(
          runnable, "feedkit-fanout-" + poolNumber + "-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueSize), factory, (job, executor) -> {
          callerRuns.increment();
          job.run();
        });
  }

  /**
   * Runs {@code job} in the background, or on this thread if the queue is full.
   *
   * @param what what the job does, for the log ("fan-out of post")
   * @param subject the id the job is about, for the log
   * @param job the work; idempotent, since it may run more than once
   */
  void submit(String what, long subject, Runnable job) {
    long sequence;
    lock.lock();
    try {
      sequence = ++lastSequence;
      outstanding.add(sequence);
    } finally {
      lock.unlock();
    }
    pool.execute(new Task(sequence, what, subject, job));
  }

  /** Waits until every job submitted before this call has finished, retries included. */
  void awaitIdle() {
    lock.lock();
    try {
      long mark = lastSequence;
      while (!outstanding.isEmpty() && outstanding.first() <= mark) {
        finished.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Returns the counts so far. */
  FanoutStats stats() {
    long pending;
    lock.lock();
    try {
      pending = outstanding.size();
    } finally {
      lock.unlock();
    }
    return new FanoutStats(
        pending, completed.sum(), retries.sum(), failed.sum(), callerRuns.sum());
  }

  /** Waits for every job, including those submitted meanwhile, then stops the threads. */
  @Override
  public void close() {
    lock.lock();
    try {
      while (!outstanding.isEmpty()) {
        finished.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    pool.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void finish(long sequence) {
    lock.lock();
    try {
      outstanding.remove(sequence);
      finished.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Pauses this thread for about {@code nanos}, less if it is interrupted. */
  private static void pause(long nanos) {
    long deadline = System.nanoTime() + nanos;
    for (long left = nanos; left > 0 && !Thread.currentThread().isInterrupted();
        left = deadline - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  /** One submitted job with its retries. */
  private final class Task implements Runnable {
    private final long sequence;
    private final String what;
    private final long subject;
    private final Runnable job;

    Task(long sequence, String what, long subject, Runnable job) {
      this.sequence = sequence;
      this.what = what;
      this.subject = subject;
      this.job = job;
    }

    @Override
    public void run() {
      try {
        for (int attempt = 1; ; attempt++) {
          try {
            job.run();
            completed.increment();
            return;
          } catch (RuntimeException e) {
            if (attempt == ATTEMPTS) {
              failed.increment();
              LOG.error("{} {} failed {} times; giving up", what, subject, ATTEMPTS, e);
              return;
            }
            retries.increment();
            LOG.warn("{} {} failed (attempt {} of {}); retrying: {}",
                what, subject, attempt, ATTEMPTS, e.toString());
            pause(FIRST_PAUSE_NANOS << (attempt - 1));
          }
        }
      } finally {
        finish(sequence);
      }
    }
  }
}
