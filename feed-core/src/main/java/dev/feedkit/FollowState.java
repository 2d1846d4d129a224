package dev.feedkit;

/**
 * How two users stand to each other, seen from one of them: what a profile shows beside the
 * follow button, and what Mastodon's relationships answer.
 *
 * @param following whether the viewer follows the other user
 * @param followedBy whether the other user follows the viewer
 */
public record FollowState(boolean following, boolean followedBy) {

  /** Neither follows the other. */
  public static final FollowState NONE = new FollowState(false, false);

  /** Whether each follows the other. */
  public boolean mutual() {
    return following && followedBy;
  }
}
