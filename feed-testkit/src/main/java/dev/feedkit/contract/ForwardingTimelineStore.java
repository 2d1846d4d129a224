package dev.feedkit.contract;

import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.Delivery;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.FollowStore;
import dev.feedkit.spi.Job;
import dev.feedkit.spi.JobQueue;
import dev.feedkit.spi.Order;
import dev.feedkit.spi.PostStore;
import dev.feedkit.spi.TimelineSlice;
import dev.feedkit.spi.TimelineStore;
import dev.feedkit.spi.UserStore;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TimelineStore} that forwards every call to another; tests override a method to make it
 * fail, block or count. {@link #wrap(FeedStore)} puts it in front of a store's timelines.
 */
class ForwardingTimelineStore implements TimelineStore {

  private final TimelineStore delegate;

  ForwardingTimelineStore(TimelineStore delegate) {
    this.delegate = delegate;
  }

  /** The store with this timeline store in front of its own; closing it does nothing. */
  FeedStore wrap(FeedStore store) {
    TimelineStore timelines = this;
    return new FeedStore() {
      @Override
      public UserStore users() {
        return store.users();
      }

      @Override
      public FollowStore follows() {
        return store.follows();
      }

      @Override
      public PostStore posts() {
        return store.posts();
      }

      @Override
      public TimelineStore timelines() {
        return timelines;
      }

      @Override
      public AccountStore accounts() {
        return store.accounts();
      }

      @Override
      public JobQueue jobs() {
        return store.jobs();
      }
    };
  }

  @Override
  public Delivery insertPost(Post post, Optional<String> keyHash, int cap, List<Job> jobs) {
    return delegate.insertPost(post, keyHash, cap, jobs);
  }

  @Override
  public boolean deletePost(PostId post, List<Job> jobs) {
    return delegate.deletePost(post, jobs);
  }

  @Override
  public boolean insertFollow(Follow follow, int cap, List<Job> jobs) {
    return delegate.insertFollow(follow, cap, jobs);
  }

  @Override
  public boolean deleteFollow(UserId follower, UserId followee, List<Job> jobs) {
    return delegate.deleteFollow(follower, followee, jobs);
  }

  @Override
  public List<UserId> fanOut(Post post, int cap) {
    return delegate.fanOut(post, cap);
  }

  @Override
  public void backfill(UserId owner, UserId author, int cap) {
    delegate.backfill(owner, author, cap);
  }

  @Override
  public List<UserId> backfillFollowers(UserId author, int cap) {
    return delegate.backfillFollowers(author, cap);
  }

  @Override
  public void removeAuthor(UserId owner, UserId author) {
    delegate.removeAuthor(owner, author);
  }

  @Override
  public void removePost(PostId post, UserId author) {
    delegate.removePost(post, author);
  }

  @Override
  public TimelineSlice read(UserId owner, long before, long after, int limit) {
    return delegate.read(owner, before, after, limit);
  }

  @Override
  public TimelineSlice read(UserId owner, long before, long after, int limit, Order order) {
    return delegate.read(owner, before, after, limit, order);
  }

  @Override
  public Delivery delivery(UserId author) {
    return delegate.delivery(author);
  }

  @Override
  public boolean changeDelivery(UserId author, Delivery expected, Delivery update) {
    return delegate.changeDelivery(author, expected, update);
  }

  @Override
  public List<UserId> followeesMergedOnRead(UserId owner) {
    return delegate.followeesMergedOnRead(owner);
  }
}
