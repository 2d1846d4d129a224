package dev.feedkit.memory;

import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.Credential;
import dev.feedkit.spi.StoredSession;
import dev.feedkit.spi.UserStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials and sessions of an {@link InMemoryFeedStore}.
 *
 * <p>Design: a user with a password is inserted by putting the hash first and the user second;
 * every read of a credential starts from the user, so a hash whose user does not exist (yet, or
 * ever, when the handle was taken and the hash is taken back) is never seen. Every write that
 * touches a user's sessions or password runs inside a {@code compute} on that user's entry of
 * {@link #sessionsByUser}, whose bin lock serializes them per user: this is what makes a password
 * change and its session purge one step, and what keeps a log-in racing a password change from
 * leaving a session opened with the old password. Reads take no lock.
 */
final class InMemoryAccountStore implements AccountStore {

  private final UserStore users;
  private final ConcurrentHashMap<UserId, String> passwordHashes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, StoredSession> sessions = new ConcurrentHashMap<>();

  /** user → token hashes of their sessions; the sets are only touched inside {@code compute}. */
  private final ConcurrentHashMap<UserId, Set<String>> sessionsByUser = new ConcurrentHashMap<>();

  InMemoryAccountStore(UserStore users) {
    this.users = users;
  }

  @Override
  public void insertUser(User user, String passwordHash) {
    passwordHashes.put(user.id(), passwordHash);
    try {
      users.insert(user);
    } catch (RuntimeException e) {
      passwordHashes.remove(user.id());
      throw e;
    }
  }

  @Override
  public Optional<Credential> findCredential(String handle) {
    return users.findByHandle(handle).flatMap(user -> findCredential(user.id()));
  }

  @Override
  public Optional<Credential> findCredential(UserId user) {
    if (users.findById(user).isEmpty()) {
      return Optional.empty();
    }
    String hash = passwordHashes.get(user);
    return hash == null ? Optional.empty() : Optional.of(new Credential(user, hash));
  }

  @Override
  public boolean replacePasswordHash(UserId user, String expected, String replacement) {
    return passwordHashes.replace(user, expected, replacement);
  }

  @Override
  public boolean changePassword(
      UserId user, String expected, String replacement, String keepTokenHash) {
    boolean[] changed = {false};
    sessionsByUser.compute(
        user,
        (id, tokenHashes) -> {
          changed[0] = passwordHashes.replace(user, expected, replacement);
          if (!changed[0] || tokenHashes == null) {
            return tokenHashes;
          }
          tokenHashes.removeIf(
              tokenHash -> {
                boolean end = !tokenHash.equals(keepTokenHash);
                if (end) {
                  sessions.remove(tokenHash);
                }
                return end;
              });
          return tokenHashes.isEmpty() ? null : tokenHashes;
        });
    return changed[0];
  }

  @Override
  public boolean insertSession(StoredSession session, String passwordHash) {
    boolean[] inserted = {false};
    sessionsByUser.compute(
        session.userId(),
        (id, tokenHashes) -> {
          if (!passwordHash.equals(passwordHashes.get(id))) {
            return tokenHashes;
          }
          Set<String> set = tokenHashes == null ? new HashSet<>() : tokenHashes;
          set.add(session.tokenHash());
          sessions.put(session.tokenHash(), session);
          inserted[0] = true;
          return set;
        });
    return inserted[0];
  }

  @Override
  public Optional<StoredSession> findSession(String tokenHash) {
    return Optional.ofNullable(sessions.get(tokenHash));
  }

  @Override
  public boolean renewSession(String tokenHash, Instant expiresAt) {
    return sessions.computeIfPresent(tokenHash, (key, s) -> s.withExpiresAt(expiresAt)) != null;
  }

  @Override
  public boolean deleteSession(String tokenHash) {
    StoredSession session = sessions.get(tokenHash);
    return session != null && delete(session, false);
  }

  /** Deletes a session; if {@code exactly}, only while it is unchanged (not renewed since). */
  private boolean delete(StoredSession session, boolean exactly) {
    String tokenHash = session.tokenHash();
    boolean[] deleted = {false};
    sessionsByUser.computeIfPresent(
        session.userId(),
        (id, tokenHashes) -> {
          deleted[0] =
              exactly ? sessions.remove(tokenHash, session) : sessions.remove(tokenHash) != null;
          if (deleted[0]) {
            tokenHashes.remove(tokenHash);
          }
          return tokenHashes.isEmpty() ? null : tokenHashes;
        });
    return deleted[0];
  }

  @Override
  public int deleteSessions(UserId user) {
    int[] deleted = {0};
    sessionsByUser.computeIfPresent(
        user,
        (id, tokenHashes) -> {
          for (String tokenHash : tokenHashes) {
            if (sessions.remove(tokenHash) != null) {
              deleted[0]++;
            }
          }
          return null;
        });
    return deleted[0];
  }

  @Override
  public int deleteSessionsExpiredBy(Instant now) {
    int deleted = 0;
    for (StoredSession session : sessions.values()) {
      if (!session.expiresAt().isAfter(now) && delete(session, true)) {
        deleted++;
      }
    }
    return deleted;
  }
}
