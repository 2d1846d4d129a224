package dev.feedkit;

import dev.feedkit.internal.Checks;
import java.time.Duration;

/**
 * The background work of a {@link Feed}, read at one moment: what the store's job queue holds
 * for every feed over it, and what this feed's workers have done since it was built. A job is one
 * unit of work, such as copying one post into its author's followers' timelines.
 *
 * @param pending jobs queued in the store and not yet done, by any feed (running ones included)
 * @param running jobs this feed's workers are running now
 * @param completed jobs this feed's workers finished
 * @param retries failed attempts by this feed's workers, each put back to be tried again later
 *     (a job is never given up; each failure is logged)
 * @param oldestPending how long the oldest pending job has waited, zero if none is pending
 */
public record FanoutStats(
    long pending, long running, long completed, long retries, Duration oldestPending) {

  /** The counts of a feed that does no background work (the pull policy). */
  public static final FanoutStats EMPTY = new FanoutStats(0, 0, 0, 0, Duration.ZERO);

  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException if a count or the age is negative
   */
  public FanoutStats {
    Checks.notNegative("pending", pending);
    Checks.notNegative("running", running);
    Checks.notNegative("completed", completed);
    Checks.notNegative("retries", retries);
    Checks.notNegative("oldestPending", oldestPending);
  }
}
