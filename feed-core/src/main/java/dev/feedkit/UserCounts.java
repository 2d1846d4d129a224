package dev.feedkit;

import dev.feedkit.internal.Checks;

/**
 * How many followers, followees and posts a user has, read at one moment.
 *
 * @param followers how many users follow this user
 * @param following how many users this user follows
 * @param posts how many posts of this user exist (deleted posts are not counted)
 */
public record UserCounts(long followers, long following, long posts) {

  /** Counts of a user who has done nothing yet. */
  public static final UserCounts ZERO = new UserCounts(0, 0, 0);

  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public UserCounts {
    Checks.notNegative("followers", followers);
    Checks.notNegative("following", following);
    Checks.notNegative("posts", posts);
  }
}
