package dev.feedkit.spi;

import static java.util.Objects.requireNonNull;

import dev.feedkit.UserId;
import dev.feedkit.internal.Checks;

/**
 * A follow: {@code follower} follows {@code followee}. The id is time-ordered, made by the engine
 * when the follow is created; it orders follower and following lists, most recent first.
 *
 * @param id the follow's id, the cursor of follower and following lists
 * @param follower who follows
 * @param followee who is followed
 */
public record Follow(long id, UserId follower, UserId followee) {

  /**
   * Checks the follow.
   *
   * @throws IllegalArgumentException if the id is not positive or the users are the same
   */
  public Follow {
    requireNonNull(follower, "follower");
    requireNonNull(followee, "followee");
    Checks.positive("follow id", id);
    if (follower.equals(followee)) {
      throw new IllegalArgumentException("a user cannot follow themselves: " + follower);
    }
  }
}
