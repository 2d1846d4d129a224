package dev.feedkit.internal;

import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.StoredSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sessions by token hash, as the accounts read them. {@link #of} gives a Caffeine cache ({@link
 * CaffeineSessionCache}) or, for a zero expiry, a pass-through to the store ({@link
 * DisabledSessionCache}), so that no caller asks whether sessions are cached.
 *
 * <p>Purely local: {@link Changes} reports revocations, this feed's and other nodes' alike, always
 * after the store's delete. The defaults suit a cache that keeps nothing. Implementations are safe
 * for use by many threads at once.
 */
interface SessionCache {

  /** Sessions of {@code store} cached for {@code expiry} of {@code clock}; zero caches none. */
  static SessionCache of(AccountStore store, Clock clock, Duration expiry) {
    return expiry.isZero()
        ? new DisabledSessionCache(store)
        : new CaffeineSessionCache(store, clock, expiry);
  }

  /**
   * Returns the session with this token hash. A cached copy that looks expired at {@code now} is
   * read again, since another node may have renewed it.
   */
  Optional<StoredSession> find(String tokenHash, Instant now);

  /** A session's renewal was stored; updates the entry if it is still cached. */
  default void renewed(StoredSession old, StoredSession renewed) {}

  /** A session was deleted from the store: forgets it. */
  default void revoked(String tokenHash) {}

  /**
   * Sessions of {@code user} were deleted from the store, except perhaps {@code keepTokenHash}
   * (null for none): forgets them.
   */
  default void revokedAllOf(UserId user, String keepTokenHash) {}

  /** Revocations may have been missed: forgets every cached session. */
  default void dropAll() {}
}
