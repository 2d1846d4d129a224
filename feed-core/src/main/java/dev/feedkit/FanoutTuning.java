package dev.feedkit;

import dev.feedkit.internal.Checks;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a feed runs the background work of the push and hybrid policies: copying posts into
 * followers' timelines, cleaning up after unfollows and deletes, switching authors between push
 * and pull. The work itself is durable: each write stores what it still owes in the store's job
 * queue in the same atomic step, and workers on every feed over the store claim and run it. These
 * options only say how fast and how politely; none of them can lose work.
 *
 * <p>Immutable: each {@code with...} method returns a copy with one option changed; the
 * constructor checks every option, so a bad value fails at once, naming the option.
 *
 * @param threads worker threads of this feed; 1 to 256, {@value #DEFAULT_THREADS} by default
 * @param lease how long a claimed job stays this feed's before another feed may take it, which is
 *     how long work held by a feed that died waits to be taken up; 30 seconds by default
 * @param minRetryDelay the pause before the first retry of a failed job; doubles with each failed
 *     attempt; 100 ms by default
 * @param maxRetryDelay the longest pause between attempts of a job that keeps failing; it is
 *     retried at this pace until it succeeds, never dropped; 10 seconds by default
 * @param pollInterval how often an idle worker looks for work that other feeds queued or left
 *     behind (work queued by this feed wakes it at once); 1 second by default
 * @param shutdownTimeout how long {@link Feed#close()} waits for jobs already running; what is
 *     left stays queued for the next feed over the store; 5 seconds by default
 */
public record FanoutTuning(
    int threads,
    Duration lease,
    Duration minRetryDelay,
    Duration maxRetryDelay,
    Duration pollInterval,
    Duration shutdownTimeout) {

  /** The default number of worker threads. */
  public static final int DEFAULT_THREADS = 2;

  /** The largest number of worker threads. */
  public static final int MAX_THREADS = 256;

  private static final FanoutTuning DEFAULTS =
      new FanoutTuning(
          DEFAULT_THREADS,
          Duration.ofSeconds(30),
          Duration.ofMillis(100),
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          Duration.ofSeconds(5));

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if an option is out of range
   * @throws NullPointerException if a duration is null
   */
  public FanoutTuning {
    Checks.between("threads", 1, MAX_THREADS, threads);
    Checks.positive("lease", lease);
    Checks.positive("minRetryDelay", minRetryDelay);
    Checks.atLeast("maxRetryDelay", "minRetryDelay", minRetryDelay, maxRetryDelay);
    Checks.positive("pollInterval", pollInterval);
    Checks.notNegative("shutdownTimeout", shutdownTimeout);
  }

  /** Returns the defaults: 2 threads, 30 s leases, retries from 100 ms to 10 s, 5 s to close. */
  public static FanoutTuning defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy with this many worker threads.
   *
   * @throws IllegalArgumentException if {@code threads} is not between 1 and {@value
   *     #MAX_THREADS}
   */
  public FanoutTuning withThreads(int threads) {
    return change(draft -> draft.threads = threads);
  }

  /**
   * Returns a copy with this lease.
   *
   * @throws IllegalArgumentException if {@code lease} is not positive
   */
  public FanoutTuning withLease(Duration lease) {
    return change(draft -> draft.lease = lease);
  }

  /**
   * Returns a copy whose retries wait from {@code min} doubling up to {@code max}.
   *
   * @throws IllegalArgumentException if {@code min} is not positive or {@code max} is shorter
   */
  public FanoutTuning withRetryDelays(Duration min, Duration max) {
    return change(
        draft -> {
          draft.minRetryDelay = min;
          draft.maxRetryDelay = max;
        });
  }

  /**
   * Returns a copy with this poll interval.
   *
   * @throws IllegalArgumentException if {@code pollInterval} is not positive
   */
  public FanoutTuning withPollInterval(Duration pollInterval) {
    return change(draft -> draft.pollInterval = pollInterval);
  }

  /**
   * Returns a copy with this shutdown timeout.
   *
   * @throws IllegalArgumentException if {@code shutdownTimeout} is negative
   */
  public FanoutTuning withShutdownTimeout(Duration shutdownTimeout) {
    return change(draft -> draft.shutdownTimeout = shutdownTimeout);
  }

  /**
   * Returns the pause before the next attempt of a job that has failed {@code attempts} times:
   * {@link #minRetryDelay} doubled for each attempt after the first, at most {@link
   * #maxRetryDelay}.
   */
  public Duration retryDelay(int attempts) {
    int doublings = Math.max(0, Math.min(attempts - 1, 40));
    long min = minRetryDelay.toNanos();
    long max = maxRetryDelay.toNanos();
    long delay = doublings >= Long.numberOfLeadingZeros(min) - 1 ? max : min << doublings;
    return Duration.ofNanos(Math.min(delay, max));
  }

  private FanoutTuning change(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.tuning();
  }

  /** The options as a with method changes them; the record's constructor then checks them. */
  private static final class Draft {
    int threads;
    Duration lease;
    Duration minRetryDelay;
    Duration maxRetryDelay;
    Duration pollInterval;
    Duration shutdownTimeout;

    Draft(FanoutTuning from) {
      threads = from.threads;
      lease = from.lease;
      minRetryDelay = from.minRetryDelay;
      maxRetryDelay = from.maxRetryDelay;
      pollInterval = from.pollInterval;
      shutdownTimeout = from.shutdownTimeout;
    }

    FanoutTuning tuning() {
      return new FanoutTuning(
          threads, lease, minRetryDelay, maxRetryDelay, pollInterval, shutdownTimeout);
    }
  }
}
