package dev.feedkit.spi;

import static java.util.Objects.requireNonNull;

import dev.feedkit.internal.Checks;

/**
 * A {@link Job} as {@link JobQueue#claim} hands it to a worker: with the id the queue gave it and
 * how often it has been claimed, this claim included.
 *
 * @param id the queue's id of the job, positive, unique in the queue
 * @param job what to do
 * @param attempts how many times the job was claimed, 1 for the first claim
 */
public record ClaimedJob(long id, Job job, int attempts) {

  /**
   * Checks the claim.
   *
   * @throws IllegalArgumentException if {@code id} or {@code attempts} is not positive
   */
  public ClaimedJob {
    requireNonNull(job, "job");
    Checks.positive("claimed job id", id);
    Checks.positive("attempts", attempts);
  }
}
