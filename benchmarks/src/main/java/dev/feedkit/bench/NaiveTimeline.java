package dev.feedkit.bench;

import dev.feedkit.Post;
import dev.feedkit.UserId;
import dev.feedkit.spi.FeedStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The baseline: a home timeline the naive way, as an in-memory twin of {@code SELECT ... FROM
 * posts JOIN follows ... ORDER BY id DESC LIMIT 50}: every post of the reader and of everyone they
 * follow, gathered, sorted, cut. Its cost grows with everything the reader follows has ever
 * posted.
 */
final class NaiveTimeline {

  private static final Comparator<Post> NEWEST_FIRST =
      Comparator.comparingLong((Post p) -> p.id().value()).reversed();

  private NaiveTimeline() {}

  static List<Post> homePage(FeedStore store, UserId reader, int limit) {
    List<UserId> authors = new ArrayList<>(store.follows().followeeIds(reader));
    authors.add(reader);
    List<Post> all = new ArrayList<>();
    for (UserId author : authors) {
      all.addAll(store.posts().byAuthor(author, Long.MAX_VALUE, 0, Integer.MAX_VALUE));
    }
    all.sort(NEWEST_FIRST);
    return all.subList(0, Math.min(limit, all.size()));
  }
}
