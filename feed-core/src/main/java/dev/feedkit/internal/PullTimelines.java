package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.Post;
import dev.feedkit.UserId;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.Order;
import java.util.List;
import java.util.Optional;

/**
 * Fan-out on read: a home timeline is the merge, at read time, of the user's own posts and those
 * of everyone they follow, through the store's one-call {@link
 * dev.feedkit.spi.PostStore#byAuthors}. Exact by construction; a read costs in proportion to the
 * number of accounts followed. Holds no state of its own beyond the followee lists behind its
 * {@link Followees}; a cached page depends on every author it merged.
 */
final class PullTimelines implements HomeTimelines {

  private final FeedStore store;
  private final Followees followees;
  private final Changes changes;

  PullTimelines(FeedStore store, Followees followees, Changes changes) {
    this.store = requireNonNull(store, "store");
    this.followees = requireNonNull(followees, "followees");
    this.changes = requireNonNull(changes, "changes");
  }

  @Override
  public HomeRead read(UserId user, long before, long after, int limit, Order order) {
    List<UserId> authors = followees.authorsOf(user);
    return new HomeRead(store.posts().byAuthors(authors, before, after, limit, order), authors);
  }

  @Override
  public void post(Post post, Optional<String> keyHash) {
    store.posts().insert(post, keyHash);
    changes.postAdded(post.author());
  }

  @Override
  public boolean delete(Post post) {
    boolean deleted = store.posts().delete(post.id());
    if (deleted) {
      changes.postDeleted(post);
    }
    return deleted;
  }

  @Override
  public boolean follow(Follow follow) {
    boolean added = store.follows().insert(follow);
    if (added) {
      changes.followChanged(follow.follower());
    }
    return added;
  }

  @Override
  public boolean unfollow(UserId follower, UserId followee) {
    boolean removed = store.follows().delete(follower, followee);
    if (removed) {
      changes.followChanged(follower);
    }
    return removed;
  }
}
