package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.FeedStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link FeedCache} of a feed that caches nothing: every read goes to the store, and the
 * interface's defaults ignore every change and keep the statistics empty. Its stamps are moved
 * but never read, so they have a single slot. Stateless beyond the store and the stamps, and as
 * thread-safe as they are.
 */
final class DisabledFeedCache implements FeedCache {

  private final FeedStore store;
  private final Stamps stamps = new Stamps(0);

  DisabledFeedCache(FeedStore store) {
    this.store = requireNonNull(store, "store");
  }

  @Override
  public Stamps stamps() {
    return stamps;
  }

  @Override
  public Optional<Post> post(PostId id) {
    return store.posts().findById(id);
  }

  @Override
  public Optional<User> user(UserId id) {
    return store.users().findById(id);
  }

  @Override
  public Map<UserId, User> users(Set<UserId> ids) {
    return store.users().findByIds(ids);
  }

  @Override
  public Optional<User> userByHandle(String handle) {
    return store.users().findByHandle(handle);
  }

  @Override
  public List<UserId> followees(UserId user) {
    return store.follows().followeeIds(user);
  }

  @Override
  public HomeTimelines cached(HomeTimelines timelines) {
    return timelines;
  }
}
