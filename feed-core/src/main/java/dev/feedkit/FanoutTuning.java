package dev.feedkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a feed runs the background work of the push and hybrid policies: copying posts into
 * followers' timelines, cleaning up after unfollows and deletes, switching authors between push
 * and pull. The work itself is durable: each write stores what it still owes in the store's job
 * queue in the same atomic step, and workers on every feed over the store claim and run it. These
 * options only say how fast and how politely; none of them can lose work.
 *
 * <p>Immutable: each {@code with...} method returns a copy with one option changed, checked at
 * once.
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

  private static final FanoutTuning DEFAULTS = new FanoutTuning(DEFAULT_THREADS,
      Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(10),
      Duration.ofSeconds(1), Duration.ofSeconds(5));

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if an option is out of range
   */
  public FanoutTuning {
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException(
          "threads must be between 1 and " + MAX_THREADS + ", was " + threads);
    }
    positive("lease", lease);
    positive("minRetryDelay", minRetryDelay);
    positive("maxRetryDelay", maxRetryDelay);
    positive("pollInterval", pollInterval);
    requireNonNull(shutdownTimeout, "shutdownTimeout");
    if (shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "shutdownTimeout must be >= 0, was " + shutdownTimeout);
    }
    if (maxRetryDelay.compareTo(minRetryDelay) < 0) {
      throw new IllegalArgumentException("maxRetryDelay must be >= minRetryDelay, were "
          + maxRetryDelay + " and " + minRetryDelay);
    }
  }

  private static void positive(String name, Duration value) {
    requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }

  /** Returns the defaults: 2 threads, 30 s leases, retries from 100 ms to 10 s, 5 s to close. */
  public static FanoutTuning defaults() {
    return DEFAULTS;
  }

  /** Returns a copy with this many worker threads. */
  public FanoutTuning withThreads(int threads) {
    return new FanoutTuning(
        threads, lease, minRetryDelay, maxRetryDelay, pollInterval, shutdownTimeout);
  }

  /** Returns a copy with this lease. */
  public FanoutTuning withLease(Duration lease) {
    return new FanoutTuning(
        threads, lease, minRetryDelay, maxRetryDelay, pollInterval, shutdownTimeout);
  }

  /** Returns a copy whose retries wait from {@code min} doubling up to {@code max}. */
  public FanoutTuning withRetryDelays(Duration min, Duration max) {
    return new FanoutTuning(threads, lease, min, max, pollInterval, shutdownTimeout);
  }

  /** Returns a copy with this poll interval. */
  public FanoutTuning withPollInterval(Duration pollInterval) {
    return new FanoutTuning(
        threads, lease, minRetryDelay, maxRetryDelay, pollInterval, shutdownTimeout);
  }

  /** Returns a copy with this shutdown timeout. */
  public FanoutTuning withShutdownTimeout(Duration shutdownTimeout) {
    return new FanoutTuning(
        threads, lease, minRetryDelay, maxRetryDelay, pollInterval, shutdownTimeout);
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
}
