package dev.feedkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.feedkit.CacheConfig;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.StoreException;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.FollowStore;
import dev.feedkit.spi.Invalidation;
import dev.feedkit.spi.PostStore;
import dev.feedkit.spi.UserStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * How long the feed's cache keeps entries, on a ticker the test moves by hand: entries read
 * steadily stay (reloaded in the background) past the old one-minute expiry, entries nobody reads
 * are dropped at the staleness bound, and invalidations drop entries at once, as before.
 */
class FeedCacheTest {

  private static final UserId ALICE = UserId.of(1);
  private static final UserId BOB = UserId.of(2);
  private static final Post POST = new Post(PostId.of(10), ALICE, "hello", Instant.EPOCH);

  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;

  /** Background reloads wait here until the test runs them. */
  private final Queue<Runnable> reloads = new ArrayDeque<>();

  private final Executor refreshes = reloads::add;

  private final Map<PostId, Post> postRows = new ConcurrentHashMap<>(Map.of(POST.id(), POST));
  private final Map<UserId, List<UserId>> followRows =
      new ConcurrentHashMap<>(Map.of(ALICE, List.of(BOB)));
  private final AtomicInteger postReads = new AtomicInteger();
  private final AtomicInteger userReads = new AtomicInteger();
  private volatile boolean failing;

  private final FeedStore store = store();

  private FeedStore store() {
    PostStore posts =
        part(
            PostStore.class,
            "findById",
            args -> {
              postReads.incrementAndGet();
              if (failing) {
                throw new StoreException("the store is away", new RuntimeException());
              }
              return Optional.ofNullable(postRows.get((PostId) args[0]));
            });
    FollowStore follows =
        part(
            FollowStore.class,
            "followeeIds",
            args -> followRows.getOrDefault((UserId) args[0], List.of()));
    UserStore users =
        part(
            UserStore.class,
            "findById",
            args -> {
              userReads.incrementAndGet();
              UserId id = (UserId) args[0];
              return Optional.of(new User(id, "user" + id, "User", Instant.EPOCH));
            });
    return (FeedStore)
        Proxy.newProxyInstance(
            FeedStore.class.getClassLoader(),
            new Class<?>[] {FeedStore.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "posts" -> posts;
                  case "follows" -> follows;
                  case "users" -> users;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  /** A store part that answers one method, and fails the test on any other. */
  private static <T> T part(Class<T> type, String name, Answer answer) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
              }
              if (!method.getName().equals(name)) {
                throw new UnsupportedOperationException(method.getName());
              }
              return answer.answer(args);
            }));
  }

  @FunctionalInterface
  private interface Answer {
    Object answer(Object[] args);
  }

  private FeedCache cache(CacheConfig config) {
    return new CaffeineFeedCache(store, config, ticker, refreshes);
  }

  /** What applies other nodes' changes to {@code cache}. */
  private static Changes changesOf(FeedCache cache) {
    return new Changes(
        Broadcast.none(),
        cache,
        new DisabledSessionCache(
            part(AccountStore.class, "findSession", args -> Optional.empty())));
  }

  private void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  private void runReloads() {
    for (Runnable r = reloads.poll(); r != null; r = reloads.poll()) {
      r.run();
    }
  }

  @Test
  void aSteadyReaderKeepsHittingPastTheOldExpiry() {
    FeedCache cache = cache(CacheConfig.defaults());
    assertThat(cache.post(POST.id())).contains(POST);

    // Ten minutes of a read every 20 seconds: ten times the old expiry of one minute.
    for (int i = 0; i < 30; i++) {
      advance(Duration.ofSeconds(20));
      assertThat(cache.post(POST.id())).contains(POST);
      assertThat(cache.followees(ALICE)).containsExactly(BOB);
      runReloads();
    }

    assertThat(cache.postStats().misses()).as("only the first read").isEqualTo(1);
    assertThat(cache.postStats().hits()).isEqualTo(30);
    assertThat(cache.followeeStats().misses()).isEqualTo(1);
    assertThat(postReads.get())
        .as("reloaded about every 40 s, in the background")
        .isBetween(10, 20);
  }

  @Test
  void aChangeWhoseInvalidationWasLostIsSeenWithinTheBound() {
    FeedCache cache = cache(CacheConfig.defaults());
    assertThat(cache.post(POST.id())).contains(POST);
    assertThat(cache.followees(ALICE)).containsExactly(BOB);
    postRows.clear(); // deleted through another node, whose notification never came
    followRows.put(ALICE, List.of());

    advance(Duration.ofSeconds(29));
    assertThat(cache.post(POST.id())).as("within the refresh interval").contains(POST);
    advance(Duration.ofSeconds(2));
    assertThat(cache.post(POST.id())).as("served while it reloads").contains(POST);
    assertThat(cache.followees(ALICE)).containsExactly(BOB);
    runReloads();

    assertThat(cache.post(POST.id())).isEmpty();
    assertThat(cache.followees(ALICE)).isEmpty();
  }

  @Test
  void anEntryNobodyReadsIsDroppedAtTheStalenessBound() {
    FeedCache cache = cache(CacheConfig.defaults().withMaximumStaleness(Duration.ofMinutes(2)));
    assertThat(cache.post(POST.id())).contains(POST);
    postRows.clear();

    advance(Duration.ofMinutes(2));

    assertThat(cache.post(POST.id())).as("never served older than the bound").isEmpty();
    assertThat(reloads).isEmpty();
    assertThat(cache.postStats().misses()).isEqualTo(2);
  }

  @Test
  void aFailedReloadDropsTheEntry() {
    FeedCache cache = cache(CacheConfig.defaults());
    assertThat(cache.post(POST.id())).contains(POST);
    advance(Duration.ofSeconds(31));
    assertThat(cache.post(POST.id())).contains(POST);

    failing = true;
    runReloads();
    failing = false;

    assertThat(cache.post(POST.id())).contains(POST);
    assertThat(cache.postStats().misses()).as("read from the store again").isEqualTo(2);
  }

  @Test
  void invalidationsStillDropEntriesAtOnce() {
    FeedCache cache = cache(CacheConfig.defaults());
    assertThat(cache.post(POST.id())).contains(POST);
    assertThat(cache.followees(ALICE)).containsExactly(BOB);

    postRows.clear();
    cache.postDeleted(POST.id());
    followRows.put(ALICE, List.of());
    cache.followsChanged(ALICE);
    assertThat(cache.post(POST.id())).isEmpty();
    assertThat(cache.followees(ALICE)).isEmpty();

    followRows.put(ALICE, List.of(BOB));
    changesOf(cache)
        .apply(Invalidation.of(7, Invalidation.Kind.FOLLOWEES_CHANGED, List.of(ALICE.value())));
    assertThat(cache.followees(ALICE)).as("another node's change").containsExactly(BOB);
  }

  @Test
  void aReloadDoesNotBringBackWhatAnInvalidationDropped() {
    FeedCache cache = cache(CacheConfig.defaults());
    assertThat(cache.post(POST.id())).contains(POST);
    advance(Duration.ofSeconds(31));
    assertThat(cache.post(POST.id())).contains(POST); // starts a reload, held in the queue

    cache.postDeleted(POST.id()); // the entry goes while the reload is pending
    runReloads(); // reads the row, as a reload that read it just before the delete would
    postRows.clear();

    assertThat(cache.post(POST.id())).as("read again after the invalidation").isEmpty();
  }

  @Test
  void usersStayCachedSinceTheyNeverChange() {
    FeedCache cache = cache(CacheConfig.defaults());
    User alice = cache.user(ALICE).orElseThrow();

    advance(Duration.ofHours(5));

    assertThat(cache.user(ALICE)).contains(alice);
    assertThat(cache.users(java.util.Set.of(ALICE, BOB))).containsOnlyKeys(ALICE, BOB);
    assertThat(userReads.get()).as("alice once, bob through the default batch").isEqualTo(2);
    assertThat(cache.userStats().misses()).isEqualTo(2);
  }

  @Test
  @SuppressWarnings("deprecation")
  void theDeprecatedFixedExpiryStillMakesReadersMiss() {
    FeedCache cache = cache(CacheConfig.defaults().withExpireAfterWrite(Duration.ofMinutes(1)));
    assertThat(cache.post(POST.id())).contains(POST);

    for (int i = 0; i < 4; i++) {
      advance(Duration.ofSeconds(40));
      assertThat(cache.post(POST.id())).contains(POST);
    }

    assertThat(reloads).as("no background reloads").isEmpty();
    assertThat(cache.postStats().misses()).as("at 0, 80 and 160 s").isEqualTo(3);
  }
}
