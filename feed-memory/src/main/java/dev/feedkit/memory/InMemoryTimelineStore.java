package dev.feedkit.memory;

import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.UserId;
import dev.feedkit.spi.Delivery;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.Job;
import dev.feedkit.spi.Order;
import dev.feedkit.spi.TimelineSlice;
import dev.feedkit.spi.TimelineStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * Materialized home timelines of an {@link InMemoryFeedStore}.
 *
 * <p>Design: one {@link Timeline} per owner, made on its first write: a sorted {@code long[]} of
 * post ids, ascending so that the common write (a new post, newer than everything) appends, grown
 * by doubling up to the cap, and the owner's horizon. Each timeline is guarded by its own monitor,
 * so writers to different owners never contend, and a reader holds it only to copy ids out. When
 * a timeline passes the cap, its oldest ids are dropped and the horizon raised to the largest of
 * them; ids at or below the horizon are never kept.
 *
 * <p>Invariant: every entry of an owner's timeline is a post of the owner or of someone the owner
 * follows. An unfollow deletes the follow and drops the followee's entries in one step under the
 * owner's monitor ({@link #unfollow}, which the store's {@code FollowStore.delete} goes through),
 * and every other writer checks the follow under that monitor before it adds a followee's entry
 * (fan-out checks only when the owner has unfollowed anyone since it read the followers, see
 * {@link #fanOut}); so {@link #removeAuthor} has nothing left to do, and a read, which copies
 * ids under the monitor and turns them into posts outside it, from the store's {@link
 * PostIndex}, skips only deleted posts and never probes the owner's follows. Deliveries other than {@link Delivery#PUSH} are kept
 * in one concurrent map, changed by its atomic operations.
 */
final class InMemoryTimelineStore implements TimelineStore {

  private final InMemoryFeedStore feed;
  private final ConcurrentHashMap<UserId, Timeline> timelines = new ConcurrentHashMap<>();

  /** Authors whose delivery is PULL or BOTH; every other author is PUSH. */
  private final ConcurrentHashMap<UserId, Delivery> deliveries = new ConcurrentHashMap<>();

  /** Numbers the unfollows, in the order of their follow deletions; see {@link #fanOut}. */
  private final AtomicLong unfollows = new AtomicLong();

  InMemoryTimelineStore(InMemoryFeedStore feed) {
    this.feed = feed;
  }

  private Timeline timeline(UserId owner) {
    return timelines.computeIfAbsent(owner, key -> new Timeline());
  }

  @Override
  public Delivery insertPost(Post post, Optional<String> keyHash, int cap, List<Job> jobs) {
    feed.posts().insert(post, keyHash);
    timeline(post.author()).add(post.id().value(), cap);
    feed.jobs().add(jobs);
    return delivery(post.author());
  }

  @Override
  public boolean deletePost(PostId post, List<Job> jobs) {
    boolean deleted = feed.posts().delete(post);
    if (deleted) {
      feed.jobs().add(jobs);
    }
    return deleted;
  }

  /**
   * The follow is made visible before the delivery is read, so a move from pull that this read
   * misses starts after the follow and backfills it with the author's other followers.
   */
  @Override
  public boolean insertFollow(Follow follow, int cap, List<Job> jobs) {
    boolean added = feed.follows().insert(follow);
    if (added) {
      if (delivery(follow.followee()).pushes()) {
        backfill(follow.follower(), follow.followee(), cap);
      }
      feed.jobs().add(jobs);
    }
    return added;
  }

  @Override
  public boolean deleteFollow(UserId follower, UserId followee, List<Job> jobs) {
    // The unfollow removes the followee's entries itself (see unfollow), so no clean-up is queued.
    boolean removed = feed.follows().delete(follower, followee);
    if (removed) {
      feed.jobs().add(Job.except(Job.Kind.REMOVE_AUTHOR, jobs));
    }
    return removed;
  }

  /**
   * A follower listed here may have unfollowed the author since the list was read. An unfollow
   * deletes the follow, then numbers itself in its timeline, both under the timeline's monitor;
   * so a follower whose last unfollow is numbered at or below the count read before the list
   * deleted no follow after the list was read, and only the others need their follow checked.
   */
  @Override
  public List<UserId> fanOut(Post post, int cap) {
    long id = post.id().value();
    if (feed.post(id) == null) {
      return List.of();
    }
    long seen = unfollows.get();
    List<UserId> followers = feed.followerIds(post.author());
    UserId author = post.author();
    for (UserId follower : followers) {
      Timeline timeline = timeline(follower);
      synchronized (timeline) {
        if (timeline.lastUnfollow <= seen || feed.following(follower, author)) {
          timeline.add(id, cap);
        }
      }
    }
    if (feed.post(id) == null) {
      // Deleted meanwhile: its clean-up may have run before these ids were added. (A delete
      // after this check queues a clean-up that runs after them.)
      for (UserId follower : followers) {
        timeline(follower).remove(id);
      }
      return List.of();
    }
    return followers;
  }

  @Override
  public void backfill(UserId owner, UserId author, int cap) {
    Recent recent = recent(author, cap);
    if (recent != null) {
      addAll(owner, author, recent, cap);
    }
  }

  @Override
  public List<UserId> backfillFollowers(UserId author, int cap) {
    List<UserId> followers = feed.followerIds(author);
    Recent recent = recent(author, cap);
    if (recent != null) {
      for (UserId follower : followers) {
        addAll(follower, author, recent, cap);
      }
    }
    return followers;
  }

  /** Adds the author's recent posts to the owner's timeline if the owner follows the author. */
  private void addAll(UserId owner, UserId author, Recent recent, int cap) {
    Timeline timeline = timeline(owner);
    synchronized (timeline) {
      if (owner.equals(author) || feed.following(owner, author)) {
        timeline.addAll(recent.ids, recent.horizon, cap);
      }
    }
  }

  /** The author's newest {@code cap} post ids, ascending; null if the author has no posts. */
  private Recent recent(UserId author, int cap) {
    int fetch = (int) Math.min(Integer.MAX_VALUE, cap + 1L);
    List<Post> posts = feed.posts().byAuthor(author, Long.MAX_VALUE, 0, fetch);
    if (posts.isEmpty()) {
      return null;
    }
    int n = Math.min(cap, posts.size());
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[n - 1 - i] = posts.get(i).id().value();
    }
    return new Recent(ids, posts.size() > cap ? posts.get(cap).id().value() : 0);
  }

  /**
   * Nothing to do: {@link #unfollow} dropped the author's entries when the follow ended, and no
   * entry of an author the owner does not follow is added since.
   */
  @Override
  public void removeAuthor(UserId owner, UserId author) {}

  /**
   * Ends a follow and drops the followee's entries from the follower's timeline in one step under
   * the timeline's monitor, so that no writer adds one in between; entries of deleted posts go too.
   * Returns whether the follow existed.
   */
  boolean unfollow(UserId follower, UserId followee) {
    Timeline timeline = timeline(follower);
    synchronized (timeline) {
      if (!feed.deleteFollowRow(follower, followee)) {
        return false;
      }
      timeline.lastUnfollow = unfollows.incrementAndGet();
      if (!follower.equals(followee)) {
        timeline.removeIf(
            id -> {
              Post post = feed.post(id);
              return post == null || post.author().equals(followee);
            });
      }
      return true;
    }
  }

  @Override
  public void removePost(PostId post, UserId author) {
    long id = post.value();
    List<UserId> owners = feed.followerIds(author);
    owners.add(author);
    for (UserId owner : owners) {
      Timeline timeline = timelines.get(owner);
      if (timeline != null) {
        timeline.remove(id);
      }
    }
  }

  @Override
  public TimelineSlice read(UserId owner, long before, long after, int limit) {
    return read(owner, before, after, limit, Order.NEWEST_FIRST);
  }

  @Override
  public TimelineSlice read(UserId owner, long before, long after, int limit, Order order) {
    Timeline timeline = timelines.get(owner);
    if (timeline == null) {
      return new TimelineSlice(List.of(), 0);
    }
    boolean newest = order == Order.NEWEST_FIRST;
    List<Post> posts = new ArrayList<>(Math.min(limit, 256));
    long[] chunk = new long[Math.min(limit, 256)];
    long low = after;
    long high = before;
    while (posts.size() < limit) {
      int n = newest ? timeline.copyDown(high, low, chunk) : timeline.copyUp(low, high, chunk);
      for (int i = 0; i < n && posts.size() < limit; i++) {
        Post post = feed.post(chunk[i]);
        if (post != null) {
          posts.add(post);
        }
      }
      if (n < chunk.length) {
        break;
      }
      if (newest) {
        high = chunk[n - 1];
      } else {
        low = chunk[n - 1];
      }
    }
    // Read after the entries: a horizon raised meanwhile only makes the engine more careful. No
    // entry is ever at or below the horizon here (see Timeline.add), so an oldest-first read
    // needs no bound of its own.
    return new TimelineSlice(posts, timeline.horizon());
  }

  @Override
  public Delivery delivery(UserId author) {
    return deliveries.getOrDefault(author, Delivery.PUSH);
  }

  @Override
  public boolean changeDelivery(UserId author, Delivery expected, Delivery update) {
    if (expected == update) {
      return delivery(author) == expected;
    }
    if (expected == Delivery.PUSH) {
      return deliveries.putIfAbsent(author, update) == null;
    }
    if (update == Delivery.PUSH) {
      return deliveries.remove(author, expected);
    }
    return deliveries.replace(author, expected, update);
  }

  @Override
  public List<UserId> followeesMergedOnRead(UserId owner) {
    if (deliveries.isEmpty()) {
      return List.of();
    }
    Set<UserId> followees = feed.followeeSet(owner);
    List<UserId> merged = new ArrayList<>();
    if (deliveries.size() <= followees.size()) {
      for (UserId author : deliveries.keySet()) {
        if (followees.contains(author)) {
          merged.add(author);
        }
      }
    } else {
      for (UserId followee : followees) {
        if (deliveries.containsKey(followee)) {
          merged.add(followee);
        }
      }
    }
    return merged;
  }

  /** The newest post ids of an author, ascending, and the id of the newest one left out, or 0. */
  private record Recent(long[] ids, long horizon) {}

  /** One owner's timeline: sorted ids and the horizon, guarded by this object's monitor. */
  static final class Timeline {
    private long[] ids = new long[8];
    private int size;
    private long horizon;

    /** The number of the owner's latest unfollow, or 0; see {@link InMemoryTimelineStore#fanOut}. */
    long lastUnfollow;

    /** Adds one id, unless present or at or below the horizon, then trims to {@code cap}. */
    synchronized void add(long id, int cap) {
      if (id <= horizon) {
        return;
      }
      int found = Arrays.binarySearch(ids, 0, size, id);
      if (found >= 0) {
        return;
      }
      int at = -found - 1;
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, (int) Math.max(size + 1, Math.min(2L * size, cap + 1L)));
      }
      System.arraycopy(ids, at, ids, at + 1, size - at);
      ids[at] = id;
      size++;
      trim(cap);
    }

    /**
     * Raises the horizon to {@code newHorizon} if higher, merges in the ascending {@code more},
     * and trims to {@code cap}.
     */
    synchronized void addAll(long[] more, long newHorizon, int cap) {
      horizon = Math.max(horizon, newHorizon);
      long[] merged = new long[size + more.length];
      int n = 0;
      int i = 0;
      int j = 0;
      while (i < size || j < more.length) {
        long next;
        if (j == more.length || i < size && ids[i] < more[j]) {
          next = ids[i++];
        } else if (i == size || more[j] < ids[i]) {
          next = more[j++];
        } else {
          next = ids[i++];
          j++;
        }
        if (next > horizon) {
          merged[n++] = next;
        }
      }
      ids = merged.length < 8 ? Arrays.copyOf(merged, 8) : merged;
      size = n;
      trim(cap);
    }

    /** Drops the oldest ids beyond {@code cap}, raising the horizon past them. */
    private void trim(int cap) {
      if (size <= cap) {
        return;
      }
      int drop = size - cap;
      horizon = Math.max(horizon, ids[drop - 1]);
      System.arraycopy(ids, drop, ids, 0, cap);
      size = cap;
    }

    /** Removes one id if present. */
    synchronized void remove(long id) {
      int at = Arrays.binarySearch(ids, 0, size, id);
      if (at >= 0) {
        System.arraycopy(ids, at + 1, ids, at, size - at - 1);
        size--;
      }
    }

    /** Removes the ids that match; the caller holds this monitor. */
    void removeIf(LongPredicate match) {
      int kept = 0;
      for (int i = 0; i < size; i++) {
        if (!match.test(ids[i])) {
          ids[kept++] = ids[i];
        }
      }
      size = kept;
    }

    /**
     * Copies into {@code out} the ids with {@code after < id < before}, largest first, as many as
     * fit, and returns how many it copied.
     */
    synchronized int copyDown(long before, long after, long[] out) {
      int found = Arrays.binarySearch(ids, 0, size, before);
      int i = (found >= 0 ? found : -found - 1) - 1;
      int n = 0;
      while (i >= 0 && n < out.length && ids[i] > after) {
        out[n++] = ids[i--];
      }
      return n;
    }

    /**
     * Copies the ids with {@code after < id < before} into {@code out}, smallest first, as many
     * as fit; returns how many.
     */
    synchronized int copyUp(long after, long before, long[] out) {
      int found = Arrays.binarySearch(ids, 0, size, after);
      int i = found >= 0 ? found + 1 : -found - 1;
      int n = 0;
      while (i < size && n < out.length && ids[i] < before) {
        out[n++] = ids[i++];
      }
      return n;
    }

    synchronized long horizon() {
      return horizon;
    }
  }
}
