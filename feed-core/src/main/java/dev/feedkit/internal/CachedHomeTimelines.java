package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.FanoutStats;
import dev.feedkit.Post;
import dev.feedkit.UserId;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.Order;
import java.util.List;
import java.util.Optional;

/**
 * A policy's {@link HomeTimelines} with the first pages of home timelines served from {@link
 * HomePages}; every other read and every write goes to the policy unchanged. {@link
 * FeedCache#cached} makes one only when the feed caches, so an uncached feed reads the policy
 * directly. As safe for use by many threads at once as the policy and the pages are.
 */
final class CachedHomeTimelines implements HomeTimelines {

  private final HomeTimelines policy;
  private final HomePages pages;

  CachedHomeTimelines(HomeTimelines policy, HomePages pages) {
    this.policy = requireNonNull(policy, "policy");
    this.pages = requireNonNull(pages, "pages");
  }

  @Override
  public List<Post> firstPage(UserId user, int want) {
    return pages.firstPage(user, want, policy);
  }

  @Override
  public HomeRead read(UserId user, long before, long after, int limit, Order order) {
    return policy.read(user, before, after, limit, order);
  }

  @Override
  public void post(Post post, Optional<String> keyHash) {
    policy.post(post, keyHash);
  }

  @Override
  public boolean delete(Post post) {
    return policy.delete(post);
  }

  @Override
  public boolean follow(Follow follow) {
    return policy.follow(follow);
  }

  @Override
  public boolean unfollow(UserId follower, UserId followee) {
    return policy.unfollow(follower, followee);
  }

  @Override
  public void awaitIdle() {
    policy.awaitIdle();
  }

  @Override
  public FanoutStats stats() {
    return policy.stats();
  }

  @Override
  public void close() {
    policy.close();
  }
}
