package dev.feedkit.spi;

import dev.feedkit.HandleTakenException;
import dev.feedkit.User;
import dev.feedkit.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * Password hashes and sessions, for {@link dev.feedkit.Accounts}. The store keeps rows; the engine
 * hashes passwords and tokens, checks rules, renews sessions and throttles log-ins, so the store
 * never sees a password or a session token, only their hashes.
 *
 * <p>In a database this is two tables: credentials by user id ({@code user_id} primary key and
 * foreign key to the users, {@code password_hash}), and sessions by token hash ({@code
 * token_hash} primary key, {@code user_id} indexed, {@code created_at}, {@code expires_at}
 * indexed). The two conditional writes ({@link #replacePasswordHash}, {@link #changePassword},
 * {@link #insertSession}) are a {@code WHERE password_hash = ?} on the credential row, locked for
 * the transaction where sessions are written in the same step.
 *
 * <p>Implementations are safe for use by many threads at once; see {@link FeedStore} for what every
 * call promises.
 */
public interface AccountStore {

  /**
   * Adds a user together with their password hash, in one atomic step: either both exist
   * afterwards or neither does.
   *
   * @param user the user; its id is new
   * @param passwordHash the encoded password hash
   * @throws HandleTakenException if a user with the same lower-case handle exists, exactly as
   *     {@link UserStore#insert} does
   */
  void insertUser(User user, String passwordHash);

  /**
   * Returns the credential of the user whose lower-case handle equals {@code
   * handle.toLowerCase(Locale.ROOT)}.
   *
   * @param handle a valid handle in any case
   * @return the credential, or empty if there is no such user or the user has no password (was
   *     made by {@link UserStore#insert})
   */
  Optional<Credential> findCredential(String handle);

  /**
   * Returns the credential of a user.
   *
   * @return the credential, or empty if there is no such user or the user has no password
   */
  Optional<Credential> findCredential(UserId user);

  /**
   * Replaces a user's password hash, if it still equals {@code expected}; a compare-and-set, so
   * that upgrading a hash never undoes a password change made at the same time.
   *
   * @return whether the hash was replaced
   */
  boolean replacePasswordHash(UserId user, String expected, String replacement);

  /**
   * Replaces a user's password hash, if it still equals {@code expected}, and in the same atomic
   * step deletes every session of the user except the one keyed by {@code keepTokenHash}.
   *
   * @param keepTokenHash the session that stays open: the one that asked for the change
   * @return whether the hash was replaced; if not, nothing changed
   */
  boolean changePassword(UserId user, String expected, String replacement, String keepTokenHash);

  /**
   * Adds a session, if its user's password hash still equals {@code passwordHash}: a session opened
   * with a password must not survive that password's change, even when the two race.
   *
   * @param session the session; its token hash is new
   * @param passwordHash the hash the password was checked against
   * @return whether the session was added; if not, nothing changed
   */
  boolean insertSession(StoredSession session, String passwordHash);

  /** Returns the session with this token hash, expired or not. */
  Optional<StoredSession> findSession(String tokenHash);

  /**
   * Sets a session's expiry. A session that no longer exists stays gone.
   *
   * @return whether the session exists
   */
  boolean renewSession(String tokenHash, Instant expiresAt);

  /**
   * Deletes one session.
   *
   * @return whether it existed
   */
  boolean deleteSession(String tokenHash);

  /**
   * Deletes every session of a user.
   *
   * @return how many were deleted
   */
  int deleteSessions(UserId user);

  /**
   * Deletes every session whose expiry is at or before {@code now}; the engine calls it now and
   * then so that ended sessions do not pile up.
   *
   * @return how many were deleted
   */
  int deleteSessionsExpiredBy(Instant now);
}
