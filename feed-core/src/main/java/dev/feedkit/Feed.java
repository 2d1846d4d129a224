package dev.feedkit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core of a social product: users, who follows whom, short posts, and timelines.
 *
 * <p>A feed is made by {@link #builder()} over a store ({@code InMemoryFeedStore},
 * {@code JdbcFeedStore}, or any {@link dev.feedkit.spi.FeedStore}):
 *
 * <pre>{@code
 * Feed feed = Feed.builder().store(new InMemoryFeedStore()).build();
 * User alice = feed.createUser("alice", "Alice");
 * User bob = feed.createUser("bob", "Bob");
 * feed.follow(alice.id(), bob.id());
 * feed.post(bob.id(), "hello");
 * Page<Post> home = feed.homeTimeline(alice.id(), PageRequest.first(50));
 * }</pre>
 *
 * <h2>Timelines</h2>
 *
 * The home timeline of U holds every post, not deleted, whose author is U or someone U follows
 * <em>now</em>, newest first (ids are time-ordered, so "newest" is "largest id"): following
 * someone brings their earlier posts in, unfollowing takes them out, deleting a post removes it
 * everywhere. Pages are read by cursor and never repeat or skip a post, even while posts arrive.
 * How posts reach timelines is the {@link FanoutPolicy}; every policy gives the same answers, but
 * under push and hybrid a post reaches followers in the background, so a reader may miss a new
 * post of someone else for a moment (never their own).
 *
 * <h2>Reading a page's users</h2>
 *
 * A page of posts or accounts shows users and their counts. {@link #users(Collection)} and {@link
 * #counts(Collection)} read them for a whole page (up to {@value #MAX_BATCH} ids) at a constant
 * cost: one store call each at most (one SQL statement on PostgreSQL), with the users the cache
 * holds served from it. Calling {@link #user} and {@link #counts(UserId)} once per author costs a
 * store call per author instead:
 *
 * <pre>{@code
 * Page<Post> home = feed.homeTimeline(me, PageRequest.first(40));
 * Set<UserId> authors = home.items().stream().map(Post::author).collect(toSet());
 * Map<UserId, User> users = feed.users(authors);
 * Map<UserId, UserCounts> counts = feed.counts(authors);
 * }</pre>
 *
 * <h2>Errors</h2>
 *
 * Every mistake a caller can make raises a subclass of {@link FeedException} whose message says
 * what was wrong, and a call that fails changes nothing. Null arguments are programming errors and
 * raise {@link NullPointerException}.
 *
 * <p>Implementations are safe for use by many threads at once.
 */
public interface Feed extends AutoCloseable {

  /**
   * The most distinct ids one batch read takes ({@link #users(Collection)}, {@link
   * #counts(Collection)}): {@value}, as many as the largest page.
   */
  int MAX_BATCH = 200;

  /** Returns a new builder; see {@link FeedBuilder} for the options and their defaults. */
  static FeedBuilder builder() {
    return new FeedBuilder();
  }

  /**
   * Creates a user without a password, for hosts that authenticate users themselves; use
   * {@link Accounts#signUp} for users who log in with feedkit.
   *
   * @param handle 3–30 characters of {@code [A-Za-z0-9_]}, unique without regard to case
   * @param displayName 1–50 code points after trimming, without control characters
   * @return the new user
   * @throws InvalidHandleException if the handle breaks the rules
   * @throws HandleTakenException if another user has the handle, in any case
   * @throws InvalidDisplayNameException if the display name breaks the rules
   */
  User createUser(String handle, String displayName);

  /** Returns the user with this id, if there is one. */
  Optional<User> user(UserId id);

  /**
   * Returns the users with these ids, as {@link #user} would for each, in one call: the authors
   * of a page of posts, say. Users in the cache are served from it and the others are read from
   * the store in a single batch, so a page costs at most one store call whatever its authors.
   *
   * @param ids user ids in any order; an id given twice counts once; at most {@value #MAX_BATCH}
   *     distinct ids; none gives an empty map without a store call
   * @return an unmodifiable map from each id that names a user to that user, iterating in the
   *     order the ids first appear in {@code ids}; an id that names nobody is left out
   * @throws TooManyIdsException if {@code ids} holds more than {@value #MAX_BATCH} distinct ids
   * @throws NullPointerException if {@code ids} or one of its elements is null
   */
  Map<UserId, User> users(Collection<UserId> ids);

  /**
   * Returns the user with this handle, compared without regard to case.
   *
   * @param handle any string; one that breaks the handle rules simply finds nobody
   */
  Optional<User> userByHandle(String handle);

  /**
   * Returns users whose handle starts with {@code prefix}, without regard to case, in handle
   * order.
   *
   * @param prefix the start of a handle; a leading {@code @} is ignored, and a prefix that no
   *     handle could start with finds nobody
   * @param limit how many users at most, 1–200
   * @throws InvalidPageRequestException if {@code limit} is not between 1 and 200
   */
  List<User> searchUsers(String prefix, int limit);

  /**
   * Returns how many followers, followees and posts a user has.
   *
   * @throws NoSuchUserException if there is no such user
   */
  UserCounts counts(UserId user);

  /**
   * Returns how many followers, followees and posts each of these users has, as {@link
   * #counts(UserId)} would, in one store call: the counts of every account on a page.
   *
   * @param ids user ids in any order; an id given twice counts once; at most {@value #MAX_BATCH}
   *     distinct ids; none gives an empty map without a store call
   * @return an unmodifiable map from each id that names a user to that user's counts, iterating
   *     in the order the ids first appear in {@code ids}; an id that names nobody is left out
   *     (unlike {@link #counts(UserId)}, which throws)
   * @throws TooManyIdsException if {@code ids} holds more than {@value #MAX_BATCH} distinct ids
   * @throws NullPointerException if {@code ids} or one of its elements is null
   */
  Map<UserId, UserCounts> counts(Collection<UserId> ids);

  /**
   * Makes {@code follower} follow {@code followee}. The followee's earlier posts are on the
   * follower's home timeline when this returns. Following someone already followed does nothing
   * and returns {@code false}: the follow keeps its original place in the lists.
   *
   * @return whether a new follow was made
   * @throws InvalidFollowException if the two are the same user
   * @throws NoSuchUserException if either user does not exist
   */
  boolean follow(UserId follower, UserId followee);

  /**
   * Ends a follow. Unfollowing someone not followed does nothing and returns {@code false}.
   *
   * @return whether a follow was ended
   * @throws NoSuchUserException if either user does not exist
   */
  boolean unfollow(UserId follower, UserId followee);

  /** Returns whether {@code follower} follows {@code followee}; false if either does not exist. */
  boolean isFollowing(UserId follower, UserId followee);

  /**
   * Returns how {@code viewer} and each of {@code others} stand to each other (who follows whom),
   * in one store call whatever their number: the relationships of a page of accounts.
   *
   * @param viewer the user seen from; an unknown one follows nobody and has no followers
   * @param others user ids in any order; an id given twice counts once; at most {@value
   *     #MAX_BATCH} distinct ids; none gives an empty map without a store call
   * @return an unmodifiable map from each distinct id of {@code others}, in the order the ids
   *     first appear, to its state; an id that names nobody is {@link FollowState#NONE}
   * @throws TooManyIdsException if {@code others} holds more than {@value #MAX_BATCH} distinct ids
   * @throws NullPointerException if an argument or one of the ids is null
   */
  Map<UserId, FollowState> followStates(UserId viewer, Collection<UserId> others);

  /**
   * Returns a page of the users who follow {@code user}, most recent follow first.
   *
   * @throws NoSuchUserException if there is no such user
   */
  Page<User> followers(UserId user, PageRequest page);

  /**
   * Returns a page of the users whom {@code user} follows, most recent follow first.
   *
   * @throws NoSuchUserException if there is no such user
   */
  Page<User> following(UserId user, PageRequest page);

  /**
   * Posts a message. The text is normalized first: a CRLF or lone CR becomes a newline, the text
   * is put in Unicode NFC and stripped of leading and trailing white space. What remains must be
   * 1–280 code points without control characters other than newline.
   *
   * @param author the author
   * @param text the message
   * @return the post as stored; the author sees it on their own timelines at once
   * @throws InvalidPostException if the text breaks the rules
   * @throws NoSuchUserException if there is no such author
   */
  Post post(UserId author, String text);

  /** The longest idempotency key {@link #post(UserId, String, String)} accepts, in characters. */
  int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

  /**
   * Posts a message once, however often the call is repeated with the same key: a client that
   * retries a post whose answer it never got (a timeout, a dropped connection) sends the same key
   * and gets the post it made the first time, not a second one. The key is the author's own: two
   * authors may use the same key. It names its post for as long as the post exists; once the post
   * is deleted, the key may make a new one. Repeated or concurrent calls, on one node or many over
   * one store, store one post. The text of a repeated call is not compared with the first one's:
   * the first post is returned as it is, as Mastodon does for its {@code Idempotency-Key} header.
   * Stores keep a hash of the key, never the key.
   *
   * @param author the author
   * @param text the message, under the rules of {@link #post(UserId, String)}
   * @param idempotencyKey 1–{@value #MAX_IDEMPOTENCY_KEY_LENGTH} characters without control
   *     characters or lone surrogates, such as a UUID the client made for this post
   * @return the post made under this key, now or by an earlier call
   * @throws InvalidPostException if the text breaks the rules
   * @throws InvalidIdempotencyKeyException if the key breaks its rules
   * @throws NoSuchUserException if there is no such author
   */
  Post post(UserId author, String text, String idempotencyKey);

  /** Returns the post with this id, unless there is none or it was deleted. */
  Optional<Post> postById(PostId id);

  /**
   * Deletes a post, from every timeline and cache.
   *
   * @param actor who asks; only the author may delete a post
   * @param post the post
   * @throws NoSuchPostException if there is no such post, or it was already deleted
   * @throws NotAuthorException if {@code actor} is not the author
   */
  void delete(UserId actor, PostId post);

  /**
   * Returns a page of the home timeline: the posts of {@code user} and of everyone they follow,
   * newest first.
   *
   * @throws NoSuchUserException if there is no such user
   */
  Page<Post> homeTimeline(UserId user, PageRequest page);

  /**
   * Returns a page of the posts of {@code user}, newest first.
   *
   * @throws NoSuchUserException if there is no such user
   */
  Page<Post> userTimeline(UserId user, PageRequest page);

  /** Returns sign-up, log-in and sessions for this feed's users. */
  Accounts accounts();

  /**
   * Waits until all background work queued in the store before this call, such as copying posts
   * into followers' timelines, is done (including retries of failed attempts, however long the
   * store keeps failing), whichever feed over the store runs it. Tests call it to see a settled
   * state without sleeps; applications never need to. Returns at once on a closed feed.
   */
  void awaitFanout();

  /** Returns a snapshot of this feed's cache and fan-out counts. */
  FeedStats stats();

  /**
   * Stops this feed's background work and releases what it created, within a bounded time
   * ({@link FanoutTuning#shutdownTimeout()}, a few seconds): jobs already running may finish in
   * that time; every job left stays queued in the store, where the next feed over it runs it. The
   * store is not closed: whoever made it closes it, after the feed. Closing twice does nothing.
   */
  @Override
  void close();
}
