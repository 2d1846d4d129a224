package dev.feedkit.spi;

import static java.util.Objects.requireNonNull;

import dev.feedkit.User;

/**
 * One entry of a follower or following list: the user at the other end of a follow, and the
 * follow's id as the cursor.
 *
 * @param followId the id of the follow
 * @param user the follower (in a follower list) or the followee (in a following list)
 */
public record Connection(long followId, User user) {

  /** Checks that the user is not null. */
  public Connection {
    requireNonNull(user, "user");
  }
}
