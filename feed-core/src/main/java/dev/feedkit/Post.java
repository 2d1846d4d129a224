package dev.feedkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A short message. Posts are immutable; a post is either there or deleted.
 *
 * @param id the post's id; a larger id is a later post
 * @param author the user who wrote it
 * @param text the text, trimmed and normalized as described at {@link Feed#post(UserId, String)}
 * @param createdAt when it was posted (the instant the id encodes)
 */
public record Post(PostId id, UserId author, String text, Instant createdAt) {

  /** Checks that no component is null. */
  public Post {
    requireNonNull(id, "id");
    requireNonNull(author, "author");
    requireNonNull(text, "text");
    requireNonNull(createdAt, "createdAt");
  }
}
