package dev.feedkit.spi;

import dev.feedkit.Post;
import dev.feedkit.internal.Checks;
import java.util.List;

/**
 * What {@link TimelineStore#read} returns: some entries of one owner's materialized timeline, and
 * the owner's horizon, read no earlier than the entries.
 *
 * @param posts the posts of the entries, largest id first (smallest first for an {@link
 *     Order#OLDEST_FIRST} read), unmodifiable
 * @param horizon the owner's horizon: the timeline holds every post it should hold with an id
 *     above it, and promises nothing at or below it
 */
public record TimelineSlice(List<Post> posts, long horizon) {

  /**
   * Checks the slice and makes {@code posts} unmodifiable.
   *
   * @throws IllegalArgumentException if the horizon is negative
   */
  public TimelineSlice {
    posts = List.copyOf(posts);
    Checks.notNegative("horizon", horizon);
  }
}
