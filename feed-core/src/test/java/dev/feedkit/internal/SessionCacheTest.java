package dev.feedkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.StoredSession;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cache's revocation protocol under the race it exists for: a load that read a session from
 * the store just before a revocation deleted it must not leave it in the cache.
 */
class SessionCacheTest {

  private static final UserId ALICE = UserId.of(1);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
  private final Map<String, StoredSession> rows = new ConcurrentHashMap<>();

  /** When set, a store read waits on it after reading, before returning. */
  private volatile CountDownLatch readDone;

  private volatile CountDownLatch releaseRead;

  private final AccountStore store =
      (AccountStore)
          Proxy.newProxyInstance(
              AccountStore.class.getClassLoader(),
              new Class<?>[] {AccountStore.class},
              (proxy, method, args) -> {
                if (!method.getName().equals("findSession")) {
                  throw new UnsupportedOperationException(method.getName());
                }
                Optional<StoredSession> read = Optional.ofNullable(rows.get((String) args[0]));
                CountDownLatch done = readDone;
                if (done != null) {
                  done.countDown();
                  releaseRead.await(10, TimeUnit.SECONDS);
                }
                return read;
              });

  private final SessionCache cache = new CaffeineSessionCache(store, clock, Duration.ofMinutes(1));

  private StoredSession session(String tokenHash, UserId user) {
    StoredSession s =
        new StoredSession(
            tokenHash, user, clock.instant(), clock.instant().plus(Duration.ofDays(1)));
    rows.put(tokenHash, s);
    return s;
  }

  /** Starts a cache miss whose store read has happened but whose cache put has not. */
  private CompletableFuture<Optional<StoredSession>> loadHeldAfterTheRead(String tokenHash)
      throws InterruptedException {
    readDone = new CountDownLatch(1);
    releaseRead = new CountDownLatch(1);
    CompletableFuture<Optional<StoredSession>> load =
        CompletableFuture.supplyAsync(() -> cache.find(tokenHash, clock.instant()));
    assertThat(readDone.await(10, TimeUnit.SECONDS)).isTrue();
    readDone = null;
    return load;
  }

  @Test
  void aLoadRacingALogOutDoesNotCacheTheEndedSession() throws Exception {
    session("a1", ALICE);
    CompletableFuture<Optional<StoredSession>> load = loadHeldAfterTheRead("a1");

    rows.remove("a1");
    cache.revoked("a1");
    releaseRead.countDown();

    assertThat(load.get(10, TimeUnit.SECONDS)).as("read before the log-out").isPresent();
    assertThat(cache.find("a1", clock.instant())).isEmpty();
  }

  @Test
  void aLoadRacingALogOutEverywhereDoesNotCacheTheEndedSession() throws Exception {
    session("a1", ALICE);
    CompletableFuture<Optional<StoredSession>> load = loadHeldAfterTheRead("a1");

    rows.remove("a1");
    cache.revokedAllOf(ALICE, null);
    releaseRead.countDown();

    load.get(10, TimeUnit.SECONDS);
    assertThat(cache.find("a1", clock.instant())).isEmpty();
  }

  @Test
  void entriesExpireOnTheFeedsClock() {
    StoredSession s = session("a1", ALICE);
    assertThat(cache.find("a1", clock.instant())).contains(s);
    rows.remove("a1");
    assertThat(cache.find("a1", clock.instant())).as("served from the cache").contains(s);

    clock.advance(Duration.ofMinutes(1));

    assertThat(cache.find("a1", clock.instant())).isEmpty();
  }

  @Test
  void aCachedCopyThatLooksExpiredIsReadAgain() {
    StoredSession s = session("a1", ALICE);
    cache.find("a1", clock.instant());
    StoredSession renewedElsewhere = s.withExpiresAt(s.expiresAt().plus(Duration.ofDays(1)));
    rows.put("a1", renewedElsewhere);

    assertThat(cache.find("a1", s.expiresAt())).contains(renewedElsewhere);
  }

  @Test
  void aRenewalDoesNotBringBackARevokedEntry() {
    StoredSession s = session("a1", ALICE);
    cache.find("a1", clock.instant());
    rows.remove("a1");
    cache.revoked("a1");

    cache.renewed(s, s.withExpiresAt(s.expiresAt().plusSeconds(60)));

    assertThat(cache.find("a1", clock.instant())).isEmpty();
  }
}
