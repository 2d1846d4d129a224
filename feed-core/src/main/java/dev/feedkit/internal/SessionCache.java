package dev.feedkit.internal;

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
 * Sessions by token hash, read through a Caffeine cache whose entries expire after a set time of
 * the feed's clock (the bound on how stale another node's revocations can look here).
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
final class SessionCache {

  private static final long MAX_ENTRIES = 100_000;

  private final AccountStore store;
  private final Cache<String, StoredSession> cache;
  private final AtomicLong revocations = new AtomicLong();

  /** A cache over {@code store}; a zero {@code expiry} reads the store every time. */
  SessionCache(AccountStore store, Clock clock, Duration expiry) {
    this.store = store;
    this.cache =
        expiry.isZero()
            ? null
            : Caffeine.newBuilder()
                .ticker(new ClockTicker(clock))
                .expireAfterWrite(expiry)
                .maximumSize(MAX_ENTRIES)
                .build();
  }

  /**
   * Returns the session with this token hash. A cached copy that looks expired at {@code now} is
   * read again, since another node may have renewed it.
   */
  Optional<StoredSession> find(String tokenHash, Instant now) {
    if (cache == null) {
      return store.findSession(tokenHash);
    }
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

  /** A session's renewal was stored; updates the entry if it is still cached. */
  void renewed(StoredSession old, StoredSession renewed) {
    if (cache != null) {
      cache.asMap().replace(old.tokenHash(), old, renewed);
    }
  }

  /** A session was deleted from the store: forgets it; call after the delete. */
  void revoked(String tokenHash) {
    revocations.incrementAndGet();
    if (cache != null) {
      cache.invalidate(tokenHash);
    }
  }

  /**
   * Sessions of {@code user} were deleted from the store, except perhaps {@code keepTokenHash}
   * (null for none): forgets them; call after the delete.
   */
  void revokedAllOf(UserId user, String keepTokenHash) {
    revocations.incrementAndGet();
    if (cache != null) {
      cache
          .asMap()
          .entrySet()
          .removeIf(e -> e.getValue().userId().equals(user) && !e.getKey().equals(keepTokenHash));
    }
  }

  /** Revocations may have been missed: forgets every cached session. */
  void dropAll() {
    revocations.incrementAndGet();
    if (cache != null) {
      cache.invalidateAll();
    }
  }
}
