package dev.feedkit.spi;

import static java.util.Objects.requireNonNull;

import dev.feedkit.internal.Checks;
import java.util.List;

/**
 * Background work that a write leaves for later, such as copying a new post into its author's
 * followers' timelines. A store keeps it in its {@link JobQueue}, written in the same atomic step
 * as the write that made it, so that no crash can separate a write from what it still owes;
 * workers of any feed over the store then claim and run it. Running a job twice is harmless:
 * every kind is idempotent.
 *
 * <p>The meaning of the two ids depends on the {@link Kind}.
 *
 * @param kind what to do
 * @param subject the first id of the job (see {@link Kind})
 * @param object the second id of the job, or 0 (see {@link Kind})
 */
public record Job(Kind kind, long subject, long object) {

  /** What a job does, and what its ids are. */
  public enum Kind {
    /** Copies post {@code subject} by author {@code object} into the author's followers' timelines. */
    FAN_OUT,
    /** Removes the deleted post {@code subject} by author {@code object} from timelines. */
    REMOVE_POST,
    /** Removes the posts of author {@code object} from the timeline of {@code subject}, who unfollowed. */
    REMOVE_AUTHOR,
    /** Checks the delivery of author {@code subject} against their follower count. */
    CHECK_DELIVERY
  }

  /**
   * Checks the job.
   *
   * @throws IllegalArgumentException if {@code subject} is not positive or {@code object} is
   *     negative
   */
  public Job {
    requireNonNull(kind, "kind");
    Checks.positive("job subject", subject);
    Checks.notNegative("job object", object);
  }

  /**
   * Returns {@code jobs} without those of {@code kind}: for a store whose write has already done
   * that kind's work, such as an unfollow that removes the followee's entries itself ({@link
   * TimelineStore#deleteFollow}).
   */
  public static List<Job> except(Kind kind, List<Job> jobs) {
    requireNonNull(kind, "kind");
    return jobs.stream().filter(job -> job.kind() != kind).toList();
  }
}
