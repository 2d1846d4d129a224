package dev.feedkit.spi;

import static java.util.Objects.requireNonNull;

import dev.feedkit.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link JobQueue} holds at one moment, for every feed over the store together.
 *
 * @param pending jobs not yet completed, whether claimed or not
 * @param leased of those, the jobs claimed by some worker whose lease has not expired
 * @param oldestCreated when the oldest job not yet completed was added, if there is one
 */
public record JobQueueStats(long pending, long leased, Optional<Instant> oldestCreated) {

  /** An empty queue. */
  public static final JobQueueStats EMPTY = new JobQueueStats(0, 0, Optional.empty());

  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException if a count is negative or more are leased than pending
   */
  public JobQueueStats {
    requireNonNull(oldestCreated, "oldestCreated");
    Checks.notNegative("pending", pending);
    Checks.between("leased", 0, pending, leased);
  }
}
