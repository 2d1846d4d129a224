package dev.feedkit.spi;

import dev.feedkit.Post;
import dev.feedkit.UserId;
import dev.feedkit.internal.Checks;
import java.util.List;

/**
 * What {@link FeedStore#readHome} returns: the first page of one owner's home timeline above the
 * owner's horizon (materialized entries and the posts of the followees merged on read), the
 * horizon, and who those followees were.
 *
 * @param posts the posts, largest id first (smallest first for an {@link Order#OLDEST_FIRST}
 *     read), all above the horizon, unmodifiable
 * @param horizon the owner's horizon: the timeline holds every post it should hold with an id
 *     above it, and promises nothing at or below it
 * @param merged the owner's followees whose delivery is merged on read, unmodifiable
 */
public record HomeSlice(List<Post> posts, long horizon, List<UserId> merged) {

  /**
   * Checks the slice and makes its lists unmodifiable.
   *
   * @throws IllegalArgumentException if the horizon is negative
   */
  public HomeSlice {
    posts = List.copyOf(posts);
    merged = List.copyOf(merged);
    Checks.notNegative("horizon", horizon);
  }
}
