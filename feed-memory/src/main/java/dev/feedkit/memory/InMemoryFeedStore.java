package dev.feedkit.memory;

import dev.feedkit.FollowState;
import dev.feedkit.HandleTakenException;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.Connection;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.FollowStore;
import dev.feedkit.spi.Handles;
import dev.feedkit.spi.JobQueue;
import dev.feedkit.spi.Merge;
import dev.feedkit.spi.Order;
import dev.feedkit.spi.PostKeyTakenException;
import dev.feedkit.spi.PostStore;
import dev.feedkit.spi.TimelineStore;
import dev.feedkit.spi.UserStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A feedkit store kept in memory: for tests, demos and small applications. Nothing survives the
 * process.
 *
 * <p>Design: every user owns a {@code Account} holding its counters and its newest-first maps of
 * posts, followers and followees, all concurrent collections; there is no global lock, and reads
 * never block. Each write has one linearization point, a single atomic map operation: a
 * {@code putIfAbsent} on the handle index or the post index, or a {@code compute} on the
 * follower's followee index, inside which a follow or unfollow also updates its mirror entries and
 * counters, so that writes of one pair are serialized (by that map's bin lock, not a global one)
 * and concurrent duplicates cannot double-count; an unfollow runs that {@code compute} holding the
 * follower's timeline, which drops the followee's entries in the same step (see {@link
 * InMemoryTimelineStore}). Posts by id are kept in a {@link PostIndex}, keyed by the id's number
 * rather than a boxed key. A concurrent reader may see a write half-applied for an instant (a
 * follow listed before its counter moved); once writes stop, every counter equals the rows it
 * counts. Background jobs are kept in an {@link InMemoryJobQueue}; a write and its
 * jobs cannot be separated by a crash, since a crash loses the whole store.
 */
public final class InMemoryFeedStore implements FeedStore {

  private final ConcurrentHashMap<UserId, Account> byId = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<String, Account> byHandle = new ConcurrentSkipListMap<>();
  private final PostIndex posts = new PostIndex();

  private final Users users = new Users();
  private final Follows follows = new Follows();
  private final Posts postStore = new Posts();
  private final InMemoryTimelineStore timelines = new InMemoryTimelineStore(this);
  private final InMemoryAccountStore accounts = new InMemoryAccountStore(users);
  private final InMemoryJobQueue jobs = new InMemoryJobQueue();

  /** Creates an empty store. */
  public InMemoryFeedStore() {}

  @Override
  public UserStore users() {
    return users;
  }

  @Override
  public FollowStore follows() {
    return follows;
  }

  @Override
  public PostStore posts() {
    return postStore;
  }

  @Override
  public TimelineStore timelines() {
    return timelines;
  }

  @Override
  public AccountStore accounts() {
    return accounts;
  }

  @Override
  public JobQueue jobs() {
    return jobs;
  }

  private Account account(UserId id) {
    Account account = byId.get(id);
    if (account == null) {
      throw new NoSuchUserException(id);
    }
    return account;
  }

  /** The post with this id, or null if there is none; for the timeline store. */
  Post post(long id) {
    return posts.get(id);
  }

  /** Whether {@code follower} follows {@code followee} now; for the timeline store. */
  boolean following(UserId follower, UserId followee) {
    Account account = byId.get(follower);
    return account != null && account.followeeIndex.containsKey(followee);
  }

  /**
   * Deletes a follow, its mirror entry and its counts, as {@link FollowStore#delete} does; for the
   * timeline store, which calls it holding the follower's timeline.
   */
  boolean deleteFollowRow(UserId followerId, UserId followeeId) {
    Account follower = byId.get(followerId);
    Account followee = byId.get(followeeId);
    if (follower == null || followee == null) {
      return false;
    }
    boolean[] removed = {false};
    follower.followeeIndex.computeIfPresent(
        followeeId,
        (key, followId) -> {
          followee.followers.remove(followId);
          follower.following.remove(followId);
          followee.followerCount.decrementAndGet();
          follower.followingCount.decrementAndGet();
          removed[0] = true;
          return null;
        });
    return removed[0];
  }

  /** The ids of the followers of {@code user}, as of now, in a new list; for the timeline store. */
  List<UserId> followerIds(UserId user) {
    Account account = byId.get(user);
    if (account == null) {
      return new ArrayList<>();
    }
    List<UserId> ids = new ArrayList<>(account.followers.size());
    for (Account follower : account.followers.values()) {
      ids.add(follower.user.id());
    }
    return ids;
  }

  /** The live set of users {@code user} follows; for the timeline store. */
  Set<UserId> followeeSet(UserId user) {
    Account account = byId.get(user);
    return account == null ? Set.of() : account.followeeIndex.keySet();
  }

  private static String key(String handle) {
    return Handles.canonical(handle);
  }

  /** One user's rows and counters. */
  private static final class Account {
    final User user;
    final AtomicLong followerCount = new AtomicLong();
    final AtomicLong followingCount = new AtomicLong();
    final AtomicLong postCount = new AtomicLong();

    /** followee → follow id; the linearization point of follow and unfollow. */
    final ConcurrentHashMap<UserId, Long> followeeIndex = new ConcurrentHashMap<>();

    /** follow id → followee, newest first by iteration in descending order. */
    final ConcurrentSkipListMap<Long, Account> following = new ConcurrentSkipListMap<>();

    /** follow id → follower. */
    final ConcurrentSkipListMap<Long, Account> followers = new ConcurrentSkipListMap<>();

    /** post id → post. */
    final ConcurrentSkipListMap<Long, Post> posts = new ConcurrentSkipListMap<>();

    /**
     * Idempotency key hash → post id, and back, for the posts made under a key; both guarded by
     * this account's monitor, which a keyed insert and the delete of a keyed post take.
     */
    final Map<String, Long> postsByKey = new HashMap<>();

    final Map<Long, String> keysByPost = new HashMap<>();

    Account(User user) {
      this.user = user;
    }
  }

  private final class Users implements UserStore {

    @Override
    public void insert(User user) {
      Account account = new Account(user);
      if (byHandle.putIfAbsent(key(user.handle()), account) != null) {
        throw new HandleTakenException("the handle \"" + user.handle() + "\" is taken");
      }
      byId.put(user.id(), account);
    }

    @Override
    public Optional<User> findById(UserId id) {
      Account account = byId.get(id);
      return account == null ? Optional.empty() : Optional.of(account.user);
    }

    @Override
    public Optional<User> findByHandle(String handle) {
      Account account = byHandle.get(key(handle));
      return account == null ? Optional.empty() : Optional.of(account.user);
    }

    @Override
    public List<User> searchByHandlePrefix(String prefix, int limit) {
      List<User> found = new ArrayList<>(Math.min(limit, 16));
      for (Map.Entry<String, Account> e : byHandle.tailMap(prefix, true).entrySet()) {
        if (found.size() == limit || !e.getKey().startsWith(prefix)) {
          break;
        }
        found.add(e.getValue().user);
      }
      return found;
    }

    @Override
    public UserCounts counts(UserId id) {
      Account a = account(id);
      return countsOf(a);
    }

    @Override
    public Map<UserId, UserCounts> counts(Collection<UserId> ids) {
      Map<UserId, UserCounts> found = new HashMap<>();
      for (UserId id : ids) {
        Account account = byId.get(id);
        if (account != null) {
          found.put(id, countsOf(account));
        }
      }
      return found;
    }

    private UserCounts countsOf(Account a) {
      return new UserCounts(a.followerCount.get(), a.followingCount.get(), a.postCount.get());
    }
  }

  private final class Follows implements FollowStore {

    @Override
    public boolean insert(Follow follow) {
      Account follower = account(follow.follower());
      Account followee = account(follow.followee());
      boolean[] added = {false};
      follower.followeeIndex.computeIfAbsent(
          followee.user.id(),
          key -> {
            followee.followers.put(follow.id(), follower);
            follower.following.put(follow.id(), followee);
            followee.followerCount.incrementAndGet();
            follower.followingCount.incrementAndGet();
            added[0] = true;
            return follow.id();
          });
      return added[0];
    }

    /** Through the timeline store, which drops the followee's entries in the same step. */
    @Override
    public boolean delete(UserId followerId, UserId followeeId) {
      if (!byId.containsKey(followerId) || !byId.containsKey(followeeId)) {
        return false;
      }
      return timelines.unfollow(followerId, followeeId);
    }

    @Override
    public boolean exists(UserId follower, UserId followee) {
      Account account = byId.get(follower);
      return account != null && account.followeeIndex.containsKey(followee);
    }

    @Override
    public Map<UserId, FollowState> followStates(UserId user, Set<UserId> others) {
      Account account = byId.get(user);
      if (account == null) {
        return Map.of();
      }
      Map<UserId, FollowState> states = new HashMap<>();
      for (UserId other : others) {
        Account them = byId.get(other);
        if (them != null) {
          FollowState state =
              new FollowState(
                  account.followeeIndex.containsKey(other), them.followeeIndex.containsKey(user));
          if (!state.equals(FollowState.NONE)) {
            states.put(other, state);
          }
        }
      }
      return states;
    }

    @Override
    public List<Connection> followers(UserId user, long before, long after, int limit) {
      return followers(user, before, after, limit, Order.NEWEST_FIRST);
    }

    @Override
    public List<Connection> following(UserId user, long before, long after, int limit) {
      return following(user, before, after, limit, Order.NEWEST_FIRST);
    }

    @Override
    public List<Connection> followers(
        UserId user, long before, long after, int limit, Order order) {
      Account account = byId.get(user);
      return account == null
          ? List.of()
          : connections(account.followers, before, after, limit, order);
    }

    @Override
    public List<Connection> following(
        UserId user, long before, long after, int limit, Order order) {
      Account account = byId.get(user);
      return account == null
          ? List.of()
          : connections(account.following, before, after, limit, order);
    }

    private List<Connection> connections(
        ConcurrentSkipListMap<Long, Account> map, long before, long after, int limit, Order order) {
      List<Connection> page = new ArrayList<>(Math.min(limit, 64));
      for (Map.Entry<Long, Account> e : range(map, before, after, order).entrySet()) {
        if (page.size() == limit) {
          break;
        }
        page.add(new Connection(e.getKey(), e.getValue().user));
      }
      return page;
    }

    @Override
    public List<UserId> followeeIds(UserId user) {
      Account account = byId.get(user);
      return account == null ? List.of() : List.copyOf(account.followeeIndex.keySet());
    }
  }

  private final class Posts implements PostStore {

    @Override
    public void insert(Post post, Optional<String> keyHash) {
      Account author = account(post.author());
      if (keyHash.isEmpty()) {
        add(author, post);
        return;
      }
      synchronized (author) {
        Long taken = author.postsByKey.get(keyHash.get());
        Post existing = taken == null ? null : posts.get(taken);
        if (existing != null) {
          throw new PostKeyTakenException(existing);
        }
        if (taken != null) {
          // Deleted, its key not yet released by the delete: the key is free again.
          author.keysByPost.remove(taken);
        }
        add(author, post);
        author.postsByKey.put(keyHash.get(), post.id().value());
        author.keysByPost.put(post.id().value(), keyHash.get());
      }
    }

    private void add(Account author, Post post) {
      if (!posts.putIfAbsent(post)) {
        throw new IllegalArgumentException("post id " + post.id() + " is already used");
      }
      author.posts.put(post.id().value(), post);
      author.postCount.incrementAndGet();
    }

    @Override
    public Optional<Post> findById(PostId id) {
      return Optional.ofNullable(posts.get(id.value()));
    }

    @Override
    public boolean delete(PostId id) {
      Post post = posts.remove(id.value());
      if (post == null) {
        return false;
      }
      Account author = byId.get(post.author());
      author.posts.remove(id.value());
      author.postCount.decrementAndGet();
      synchronized (author) {
        String key = author.keysByPost.remove(id.value());
        if (key != null) {
          author.postsByKey.remove(key);
        }
      }
      return true;
    }

    @Override
    public List<Post> byAuthor(UserId author, long before, long after, int limit) {
      return byAuthor(author, before, after, limit, Order.NEWEST_FIRST);
    }

    @Override
    public List<Post> byAuthor(UserId author, long before, long after, int limit, Order order) {
      Account account = byId.get(author);
      if (account == null) {
        return List.of();
      }
      List<Post> page = new ArrayList<>(Math.min(limit, 64));
      Iterator<Post> it = range(account.posts, before, after, order).values().iterator();
      while (page.size() < limit && it.hasNext()) {
        page.add(it.next());
      }
      return page;
    }

    /** Merges lazily: each author's map is read no further than the merge needs. */
    @Override
    public List<Post> byAuthors(Collection<UserId> authors, long before, long after, int limit) {
      return byAuthors(authors, before, after, limit, Order.NEWEST_FIRST);
    }

    @Override
    public List<Post> byAuthors(
        Collection<UserId> authors, long before, long after, int limit, Order order) {
      List<Iterator<Post>> sources = new ArrayList<>(authors.size());
      for (UserId author : authors) {
        Account account = byId.get(author);
        if (account != null) {
          NavigableMap<Long, Post> range = range(account.posts, before, after, order);
          if (!range.isEmpty()) {
            sources.add(range.values().iterator());
          }
        }
      }
      return Merge.ofIterators(sources, limit, order);
    }
  }

  /** The entries with {@code after < key < before}, in {@code order}. */
  private static <V> NavigableMap<Long, V> range(
      ConcurrentSkipListMap<Long, V> map, long before, long after, Order order) {
    if (after >= before) {
      return java.util.Collections.emptyNavigableMap();
    }
    NavigableMap<Long, V> range = map.subMap(after, false, before, false);
    return order == Order.NEWEST_FIRST ? range.descendingMap() : range;
  }
}
