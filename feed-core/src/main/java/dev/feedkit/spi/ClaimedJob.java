package dev.feedkit.spi;

import static java.util.Objects.requireNonNull;

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
    if (id <= 0 || attempts <= 0) {
      throw new IllegalArgumentException(
          "a claimed job's id and attempts must be > 0, were " + id + ", " + attempts);
    }
  }
}
