package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.StoredSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link SessionCache} of accounts that cache sessions: a Caffeine cache by token hash whose
 * entries expire after a set time of the feed's clock (the bound on how stale another node's
 * revocations can look here).
 *
 * <p>Design: a revocation deletes from the store first, then bumps {@code revocations}, then
 * drops the cached entries. A load remembers {@code revocations} before reading the store, caches
 * what it read, and drops it again if a revocation began meanwhile. So an entry read before a
 * revocation either is put before the drop (and dropped by it) or sees the bump (and drops
 * itself): a revoked session is never served from the cache once its revocation has returned. A
 * renewal replaces the entry only if it is still there, so it cannot bring a dropped one back.
 * Log-out everywhere drops a user's entries by a scan, bounded by the cache size; it is rare.
 *
 * <p>Purely local: {@link Changes} drops entries for this feed's revocations and, after their
 * delete, for another node's, which follow the same protocol, so a session revoked there stops
 * being served here once the news arrives.
 */
final class CaffeineSessionCache implements SessionCache {

  private static final long MAX_ENTRIES = 100_000;

  private final AccountStore store;
  private final Cache<String, StoredSession> cache;
  private final AtomicLong revocations = new AtomicLong();

  /** A cache over {@code store} whose entries expire {@code expiry} (positive) after a read. */
  CaffeineSessionCache(AccountStore store, Clock clock, Duration expiry) {
    this.store = requireNonNull(store, "store");
    this.cache =
        Caffeine.newBuilder()
            .ticker(new ClockTicker(clock))
            .expireAfterWrite(Checks.positive("expiry", expiry))
            .maximumSize(MAX_ENTRIES)
            .build();
  }

  @Override
  public Optional<StoredSession> find(String tokenHash, Instant now) {
    StoredSession hit = cache.getIfPresent(tokenHash);
    if (hit != null) {
      if (now.isBefore(hit.expiresAt())) {
        return Optional.of(hit);
      }
      cache.asMap().remove(tokenHash, hit);
    }
    long before = revocations.get();
    Optional<StoredSession> loaded = store.findSession(tokenHash);
    if (loaded.isPresent()) {
      cache.put(tokenHash, loaded.get());
      if (revocations.get() != before) {
        cache.invalidate(tokenHash);
      }
    }
    return loaded;
  }

  @Override
  public void renewed(StoredSession old, StoredSession renewed) {
    cache.asMap().replace(old.tokenHash(), old, renewed);
  }

  @Override
  public void revoked(String tokenHash) {
    revocations.incrementAndGet();
    cache.invalidate(tokenHash);
  }

  @Override
  public void revokedAllOf(UserId user, String keepTokenHash) {
    revocations.incrementAndGet();
    cache
        .asMap()
        .entrySet()
        .removeIf(e -> e.getValue().userId().equals(user) && !e.getKey().equals(keepTokenHash));
  }

  @Override
  public void dropAll() {
    revocations.incrementAndGet();
    cache.invalidateAll();
  }
}
