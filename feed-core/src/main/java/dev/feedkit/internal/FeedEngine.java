package dev.feedkit.internal;

import static dev.feedkit.spi.Order.NEWEST_FIRST;
import static java.util.Objects.requireNonNull;

import dev.feedkit.Accounts;
import dev.feedkit.AccountsConfig;
import dev.feedkit.Feed;
import dev.feedkit.FeedStats;
import dev.feedkit.FollowState;
import dev.feedkit.InvalidFollowException;
import dev.feedkit.InvalidPageRequestException;
import dev.feedkit.NoSuchPostException;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.NotAuthorException;
import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
import dev.feedkit.spi.Connection;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.Follow;
import dev.feedkit.spi.Invalidations;
import dev.feedkit.spi.Order;
import dev.feedkit.spi.PostKeyTakenException;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Feed} behind {@link Feed#builder()}: applies the rules, makes ids, and sends each call
 * to the store, the cache and the home-timeline policy ({@link PullTimelines} or {@link
 * MaterializedTimelines}). It holds no lock; every call is as concurrent as the store below it.
 *
 * <p>Each page read asks for one entry more than the page holds: that entry's presence is what
 * says whether a next page exists. A write that changes timelines goes to the policy, which stores
 * it and what it owes the timelines in one atomic store call, then reports what it changed; a
 * failed call has changed nothing, and nothing ever needs undoing.
 *
 * <p>What each write changed goes to the feed's {@link Changes}, which drops the local cache
 * entries and publishes it on the store's {@link Invalidations}; the same {@link Changes} hears
 * the channel for the rest of the feed's life, and applies other nodes' changes as a local write
 * would (its own are skipped); when the channel says some were missed, every cache is emptied.
 */
public final class FeedEngine implements Feed {

  private final FeedStore store;
  private final Clock clock;
  private final SnowflakeIds ids;
  private final FeedCache cache;
  private final HomeTimelines timelines;
  private final AccountEngine accounts;
  private final Changes changes;
  private final Invalidations.Subscription subscription;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Creates a feed over a store with these account and timeline options. */
  public FeedEngine(
      FeedStore store,
      Clock clock,
      SnowflakeIds ids,
      AccountsConfig accounts,
      TimelineOptions options) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.ids = requireNonNull(ids, "ids");
    requireNonNull(options, "options");
    requireNonNull(accounts, "accounts");
    this.cache = FeedCache.of(store, options.cache());
    SessionCache sessions = SessionCache.of(store.accounts(), clock, accounts.sessionCacheExpiry());
    this.changes = new Changes(Broadcast.on(store.invalidations()), cache, sessions);
    Followees followees = new Followees(cache);
    this.timelines =
        cache.cached(
            options.fanout().materializes()
                ? new MaterializedTimelines(store, followees, changes, options)
                : new PullTimelines(store, followees, changes));
    this.accounts = new AccountEngine(store, clock, ids, accounts, sessions, changes);
    // Without caches there is nothing to drop, so no need to hear other feeds.
    boolean caches = options.cache().enabled() || !accounts.sessionCacheExpiry().isZero();
    this.subscription = caches ? store.invalidations().subscribe(changes) : () -> {};
  }

  @Override
  public User createUser(String handle, String displayName) {
    String validHandle = Rules.handle(requireNonNull(handle, "handle"));
    String validName = Rules.displayName(requireNonNull(displayName, "displayName"));
    long id = ids.next();
    User user = new User(new UserId(id), validHandle, validName, SnowflakeIds.instantOf(id));
    store.users().insert(user);
    return user;
  }

  @Override
  public Optional<User> user(UserId id) {
    return cache.user(requireNonNull(id, "id"));
  }

  @Override
  public Map<UserId, User> users(Collection<UserId> ids) {
    Set<UserId> distinct = Rules.batch(ids, MAX_BATCH);
    return distinct.isEmpty()
        ? Map.of()
        : inOrder(distinct, cache.users(Collections.unmodifiableSet(distinct)));
  }

  @Override
  public Optional<User> userByHandle(String handle) {
    requireNonNull(handle, "handle");
    String h = Rules.withoutAt(handle);
    return Rules.isHandle(h) ? cache.userByHandle(h) : Optional.empty();
  }

  @Override
  public List<User> searchUsers(String prefix, int limit) {
    requireNonNull(prefix, "prefix");
    Checks.between(
        "limit",
        PageRequest.MIN_LIMIT,
        PageRequest.MAX_LIMIT,
        limit,
        InvalidPageRequestException::new);
    return Rules.handlePrefix(prefix)
        .map(p -> store.users().searchByHandlePrefix(p, limit))
        .orElse(List.of());
  }

  @Override
  public UserCounts counts(UserId user) {
    return store.users().counts(requireNonNull(user, "user"));
  }

  @Override
  public Map<UserId, UserCounts> counts(Collection<UserId> ids) {
    Set<UserId> distinct = Rules.batch(ids, MAX_BATCH);
    return distinct.isEmpty()
        ? Map.of()
        : inOrder(distinct, store.users().counts(Collections.unmodifiableSet(distinct)));
  }

  /** The entries of {@code found}, unmodifiable, in the order of {@code ids}. */
  private static <V> Map<UserId, V> inOrder(Set<UserId> ids, Map<UserId, V> found) {
    Map<UserId, V> ordered = new LinkedHashMap<>();
    for (UserId id : ids) {
      V value = found.get(id);
      if (value != null) {
        ordered.put(id, value);
      }
    }
    return Collections.unmodifiableMap(ordered);
  }

  @Override
  public boolean follow(UserId follower, UserId followee) {
    requireNonNull(follower, "follower");
    requireNonNull(followee, "followee");
    if (follower.equals(followee)) {
      throw new InvalidFollowException("a user cannot follow themselves");
    }
    return timelines.follow(new Follow(ids.next(), follower, followee));
  }

  @Override
  public boolean unfollow(UserId follower, UserId followee) {
    requireNonNull(follower, "follower");
    requireNonNull(followee, "followee");
    requireUser(follower);
    requireUser(followee);
    return timelines.unfollow(follower, followee);
  }

  @Override
  public boolean isFollowing(UserId follower, UserId followee) {
    requireNonNull(follower, "follower");
    requireNonNull(followee, "followee");
    return store.follows().exists(follower, followee);
  }

  @Override
  public Map<UserId, FollowState> followStates(UserId viewer, Collection<UserId> others) {
    requireNonNull(viewer, "viewer");
    Set<UserId> distinct = Rules.batch(others, MAX_BATCH);
    if (distinct.isEmpty()) {
      return Map.of();
    }
    Map<UserId, FollowState> found =
        store.follows().followStates(viewer, Collections.unmodifiableSet(distinct));
    Map<UserId, FollowState> states = new LinkedHashMap<>();
    for (UserId other : distinct) {
      states.put(other, found.getOrDefault(other, FollowState.NONE));
    }
    return Collections.unmodifiableMap(states);
  }

  @Override
  public Page<User> followers(UserId user, PageRequest page) {
    requireNonNull(page, "page");
    requireUser(requireNonNull(user, "user"));
    return connections(
        store.follows().followers(user, page.before(), page.after(), page.limit() + 1, order(page)),
        page);
  }

  @Override
  public Page<User> following(UserId user, PageRequest page) {
    requireNonNull(page, "page");
    requireUser(requireNonNull(user, "user"));
    return connections(
        store.follows().following(user, page.before(), page.after(), page.limit() + 1, order(page)),
        page);
  }

  private static Page<User> connections(List<Connection> fetched, PageRequest page) {
    List<User> users = fetched.stream().map(Connection::user).toList();
    return Page.of(fetched, users, page, Connection::followId);
  }

  @Override
  public Post post(UserId author, String text) {
    Post post = newPost(author, text);
    timelines.post(post, Optional.empty());
    return post;
  }

  @Override
  public Post post(UserId author, String text, String idempotencyKey) {
    requireNonNull(author, "author");
    String keyHash = Rules.idempotencyKeyHash(requireNonNull(idempotencyKey, "idempotencyKey"));
    Post post = newPost(author, text);
    try {
      timelines.post(post, Optional.of(keyHash));
      return post;
    } catch (PostKeyTakenException e) {
      return e.existing();
    }
  }

  /** A new post of valid text, with a new id and the instant the id holds; not yet stored. */
  private Post newPost(UserId author, String text) {
    requireNonNull(author, "author");
    String body = Rules.postText(requireNonNull(text, "text"));
    long id = ids.next();
    return new Post(new PostId(id), author, body, SnowflakeIds.instantOf(id));
  }

  @Override
  public Optional<Post> postById(PostId id) {
    return cache.post(requireNonNull(id, "id"));
  }

  @Override
  public void delete(UserId actor, PostId postId) {
    requireNonNull(actor, "actor");
    requireNonNull(postId, "post");
    Post post = cache.post(postId).orElseThrow(() -> new NoSuchPostException(postId));
    if (!post.author().equals(actor)) {
      throw new NotAuthorException("only the author may delete post " + postId);
    }
    if (!timelines.delete(post)) {
      changes.postMissing(postId);
      throw new NoSuchPostException(postId);
    }
  }

  @Override
  public Page<Post> homeTimeline(UserId user, PageRequest page) {
    requireNonNull(page, "page");
    requireNonNull(user, "user");
    int want = page.limit() + 1;
    List<Post> posts =
        page.maxId().isEmpty() && page.sinceId().isEmpty()
            ? timelines.firstPage(user, want)
            : timelines.read(user, page.before(), page.after(), want, order(page)).posts();
    if (posts.isEmpty()) {
      // A post on the page proves the reader exists: it is theirs or of someone they follow.
      requireUser(user);
    }
    return Page.of(posts, page, p -> p.id().value());
  }

  @Override
  public Page<Post> userTimeline(UserId user, PageRequest page) {
    requireNonNull(page, "page");
    requireUser(requireNonNull(user, "user"));
    List<Post> posts =
        store.posts().byAuthor(user, page.before(), page.after(), page.limit() + 1, order(page));
    return Page.of(posts, page, p -> p.id().value());
  }

  @Override
  public Accounts accounts() {
    return accounts;
  }

  @Override
  public void awaitFanout() {
    timelines.awaitIdle();
  }

  @Override
  public FeedStats stats() {
    return new FeedStats(
        cache.postStats(),
        cache.userStats(),
        cache.followeeStats(),
        cache.homePageStats(),
        timelines.stats());
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      subscription.close();
      timelines.close();
    }
  }

  /** The clock this feed stamps with. */
  Clock clock() {
    return clock;
  }

  /** Which end of its range a page is read from. */
  private static Order order(PageRequest page) {
    return page.takesOldest() ? Order.OLDEST_FIRST : NEWEST_FIRST;
  }

  private void requireUser(UserId user) {
    if (cache.user(user).isEmpty()) {
      throw new NoSuchUserException(user);
    }
  }
}
