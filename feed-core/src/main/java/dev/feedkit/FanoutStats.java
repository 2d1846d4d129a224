package dev.feedkit;

/**
 * Counts of a {@link Feed}'s background fan-out work since it was built, read at one moment. A
 * job is one unit of work, such as copying one post into its author's followers' timelines.
 *
 * @param pending jobs queued or running now
 * @param completed jobs that finished successfully
 * @param retries failed attempts that were tried again
 * @param failed jobs that still failed after their last attempt (each is logged as an error)
 * @param callerRuns jobs run on the caller's thread because the queue was full (or the feed was
 *     closed)
 */
public record FanoutStats(
    long pending, long completed, long retries, long failed, long callerRuns) {

  /** The counts of a feed that does no fan-out (the pull policy). */
  public static final FanoutStats EMPTY = new FanoutStats(0, 0, 0, 0, 0);

  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public FanoutStats {
    if (pending < 0 || completed < 0 || retries < 0 || failed < 0 || callerRuns < 0) {
      throw new IllegalArgumentException("fan-out counts must be >= 0");
    }
  }
}
