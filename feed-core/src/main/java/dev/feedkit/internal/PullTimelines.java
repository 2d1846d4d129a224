package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.Post;
import dev.feedkit.UserId;
import dev.feedkit.spi.FeedStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Fan-out on read: a home timeline is the merge, at read time, of the user's own posts and those
 * of everyone they follow, through the store's one-call {@link
 * dev.feedkit.spi.PostStore#byAuthors}. Exact by construction; a read costs in proportion to the
 * number of accounts followed. Holds no state of its own.
 */
public final class PullTimelines implements HomeTimelines {

  private final FeedStore store;

  /** Creates the policy over a store. */
  public PullTimelines(FeedStore store) {
    this.store = requireNonNull(store, "store");
  }

  @Override
  public List<Post> read(UserId user, long before, long after, int limit) {
    List<UserId> followees = store.follows().followeeIds(user);
    List<UserId> authors = new ArrayList<>(followees.size() + 1);
    authors.addAll(followees);
    authors.add(user);
    return store.posts().byAuthors(authors, before, after, limit);
  }
}
