package dev.feedkit.contract;

import static java.util.Objects.requireNonNull;

import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.FollowStore;
import dev.feedkit.spi.HomeSlice;
import dev.feedkit.spi.Invalidations;
import dev.feedkit.spi.JobQueue;
import dev.feedkit.spi.Order;
import dev.feedkit.spi.PostStore;
import dev.feedkit.spi.TimelineStore;
import dev.feedkit.spi.UserStore;

/**
 * One node's view of a store's data: every call goes to {@code data}, but invalidations go through
 * {@code invalidations}. Closing the view leaves the data open: whoever made the data closes it.
 *
 * @param data the store whose data the view reads and writes
 * @param invalidations the node's channel
 */
record NodeStore(FeedStore data, Invalidations invalidations) implements FeedStore {

  NodeStore {
    requireNonNull(data, "data");
    requireNonNull(invalidations, "invalidations");
  }

  @Override
  public UserStore users() {
    return data.users();
  }

  @Override
  public FollowStore follows() {
    return data.follows();
  }

  @Override
  public PostStore posts() {
    return data.posts();
  }

  @Override
  public TimelineStore timelines() {
    return data.timelines();
  }

  @Override
  public AccountStore accounts() {
    return data.accounts();
  }

  @Override
  public JobQueue jobs() {
    return data.jobs();
  }

  @Override
  public HomeSlice readHome(UserId owner, long before, long after, int limit) {
    return data.readHome(owner, before, after, limit);
  }

  @Override
  public HomeSlice readHome(UserId owner, long before, long after, int limit, Order order) {
    return data.readHome(owner, before, after, limit, order);
  }
}
