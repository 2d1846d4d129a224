package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.StoredSession;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@link SessionCache} of accounts that cache no sessions: every lookup reads the store, and
 * the interface's defaults ignore every change. Stateless beyond the store, and as thread-safe.
 */
final class DisabledSessionCache implements SessionCache {

  private final AccountStore store;

  DisabledSessionCache(AccountStore store) {
    this.store = requireNonNull(store, "store");
  }

  @Override
  public Optional<StoredSession> find(String tokenHash, Instant now) {
    return store.findSession(tokenHash);
  }
}
