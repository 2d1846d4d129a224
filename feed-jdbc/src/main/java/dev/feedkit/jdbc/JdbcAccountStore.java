package dev.feedkit.jdbc;

import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.Credential;
import dev.feedkit.spi.StoredSession;
import java.time.Instant;
import java.util.Optional;

/**
 * Credentials and sessions of a {@link JdbcFeedStore}: not yet stored in PostgreSQL. Every call
 * fails until the accounts tables arrive as migration V2.
 */
final class JdbcAccountStore implements AccountStore {

  private static UnsupportedOperationException notYet() {
    return new UnsupportedOperationException("accounts are not yet stored in PostgreSQL");
  }

  @Override
  public void insertUser(User user, String passwordHash) {
    throw notYet();
  }

  @Override
  public Optional<Credential> findCredential(String handle) {
    throw notYet();
  }

  @Override
  public Optional<Credential> findCredential(UserId user) {
    throw notYet();
  }

  @Override
  public boolean replacePasswordHash(UserId user, String expected, String replacement) {
    throw notYet();
  }

  @Override
  public boolean changePassword(
      UserId user, String expected, String replacement, String keepTokenHash) {
    throw notYet();
  }

  @Override
  public boolean insertSession(StoredSession session, String passwordHash) {
    throw notYet();
  }

  @Override
  public Optional<StoredSession> findSession(String tokenHash) {
    throw notYet();
  }

  @Override
  public boolean renewSession(String tokenHash, Instant expiresAt) {
    throw notYet();
  }

  @Override
  public boolean deleteSession(String tokenHash) {
    throw notYet();
  }

  @Override
  public int deleteSessions(UserId user) {
    throw notYet();
  }

  @Override
  public int deleteSessionsExpiredBy(Instant now) {
    throw notYet();
  }
}
