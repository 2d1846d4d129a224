package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.UserId;
import java.util.ArrayList;
import java.util.List;

/**
 * Who writes a user's home timeline: the user and everyone they follow, from the feed's cache of
 * followee lists. Both policies merge these authors' posts: the pull policy on every read, the
 * materialized ones below the horizon. Safe for use by many threads at once, as the cache is.
 */
final class Followees {

  private final FeedCache cache;

  Followees(FeedCache cache) {
    this.cache = requireNonNull(cache, "cache");
  }

  /** The user and everyone they follow: the authors of their home timeline. */
  List<UserId> authorsOf(UserId user) {
    List<UserId> followees = cache.followees(user);
    List<UserId> authors = new ArrayList<>(followees.size() + 1);
    authors.addAll(followees);
    authors.add(user);
    return authors;
  }
}
