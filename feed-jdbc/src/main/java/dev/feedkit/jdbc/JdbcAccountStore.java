package dev.feedkit.jdbc;

import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.Credential;
import dev.feedkit.spi.StoredSession;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Credentials and sessions of a {@link JdbcFeedStore}, in {@code feedkit_credentials} (by user
 * id) and {@code feedkit_sessions} (by the SHA-256 of the token, kept as its 32 bytes).
 *
 * <p>Design notes:
 * <ul>
 *   <li>A user with a password is {@link JdbcUserStore}'s insert of the user and its counters
 *       plus the credential, in one transaction; the unique handle index still decides races, so
 *       a taken handle is a {@link dev.feedkit.HandleTakenException} and leaves nothing behind.
 *   <li>The credential row's lock orders the writes that depend on the password: a hash change
 *       is a compare-and-set {@code UPDATE} of that row, and a session insert is one {@code
 *       INSERT ... SELECT ... FOR SHARE} from it, so the two queue on its lock. A password
 *       change is the compare-and-set and then, in the same transaction but as a statement of its
 *       own, the purge of the other sessions, whose snapshot is taken after the row lock is held:
 *       a session inserted under the old hash is either refused or purged, never left behind.
 *       The insert is one statement rather than a transaction with a {@code SELECT ... FOR
 *       SHARE}: the same lock, in one round trip and without holding a connection across two.
 *   <li>Everything else (renewals, deletes, the sweep) is one statement on one index.
 *   <li>Token hashes are decoded from the SPI's 64 lower-case hex digits here; a string of any
 *       other form names no session, so looking it up finds nothing, without a round trip.
 *   <li>Secrets stay out of messages: a constraint violation becomes an exception whose message
 *       names no value and that does not keep PostgreSQL's error, whose detail lists the row.
 * </ul>
 *
 * <p>Safe for use by many threads at once: every call is a statement or a transaction of its own.
 */
final class JdbcAccountStore implements AccountStore {

  private static final String INSERT_CREDENTIAL = sql("insertCredential");
  private static final String FIND_CREDENTIAL_BY_HANDLE = sql("findCredentialByHandle");
  private static final String FIND_CREDENTIAL_BY_ID = sql("findCredentialById");
  private static final String REPLACE_PASSWORD_HASH = sql("replacePasswordHash");
  private static final String DELETE_OTHER_SESSIONS = sql("deleteOtherSessions");
  private static final String INSERT_SESSION = sql("insertSession");
  private static final String FIND_SESSION = sql("findSession");
  private static final String RENEW_SESSION = sql("renewSession");
  private static final String DELETE_SESSION = sql("deleteSession");
  private static final String DELETE_SESSIONS = sql("deleteSessions");
  private static final String DELETE_SESSIONS_EXPIRED_BY = sql("deleteSessionsExpiredBy");

  private static final HexFormat HEX = HexFormat.of();
  private static final int TOKEN_HASH_BYTES = 32;

  private static final RowMapper<Credential> CREDENTIAL =
      (rs, ctx) -> new Credential(new UserId(rs.getLong("user_id")), rs.getString("password_hash"));

  private final Database db;
  private final JdbcUserStore users;

  JdbcAccountStore(Database db, JdbcUserStore users) {
    this.db = db;
    this.users = users;
  }

  private static String sql(String name) {
    return Database.sql(JdbcAccountStore.class, name);
  }

  @Override
  public void insertUser(User user, String passwordHash) {
    db.transaction(
        "sign up a user",
        h -> {
          users.insert(h, user);
          return h.createUpdate(INSERT_CREDENTIAL)
              .bind("user", user.id().value())
              .bind("passwordHash", passwordHash)
              .execute();
        },
        state -> {
          RuntimeException taken = JdbcUserStore.insertViolation(user, state);
          return taken != null ? taken : credentialRefused(state);
        });
  }

  @Override
  public Optional<Credential> findCredential(String handle) {
    return db.read(
        "find a credential",
        h ->
            h.createQuery(FIND_CREDENTIAL_BY_HANDLE)
                .bind("handleKey", JdbcUserStore.key(handle))
                .map(CREDENTIAL)
                .findOne());
  }

  @Override
  public Optional<Credential> findCredential(UserId user) {
    return db.read(
        "find a credential",
        h ->
            h.createQuery(FIND_CREDENTIAL_BY_ID)
                .bind("user", user.value())
                .map(CREDENTIAL)
                .findOne());
  }

  @Override
  public boolean replacePasswordHash(UserId user, String expected, String replacement) {
    return db.update(
        "replace a password hash",
        h ->
            h.createUpdate(REPLACE_PASSWORD_HASH)
                    .bind("user", user.value())
                    .bind("expected", expected)
                    .bind("replacement", replacement)
                    .execute()
                > 0,
        JdbcAccountStore::credentialRefused);
  }

  @Override
  public boolean changePassword(
      UserId user, String expected, String replacement, String keepTokenHash) {
    byte[] keep = decode(keepTokenHash);
    return db.transaction(
        "change a password",
        h -> {
          boolean changed =
              h.createUpdate(REPLACE_PASSWORD_HASH)
                      .bind("user", user.value())
                      .bind("expected", expected)
                      .bind("replacement", replacement)
                      .execute()
                  > 0;
          if (changed) {
            h.createUpdate(DELETE_OTHER_SESSIONS)
                .bind("user", user.value())
                .bind("keep", keep)
                .execute();
          }
          return changed;
        },
        JdbcAccountStore::credentialRefused);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the token hash is not 64 lower-case hex digits or is
   *     already in use, or if the session does not expire after it was created
   */
  @Override
  public boolean insertSession(StoredSession session, String passwordHash) {
    byte[] tokenHash = decode(session.tokenHash());
    if (tokenHash == null) {
      throw new IllegalArgumentException(
          "a session's token hash must be the SHA-256 of its token as 64 lower-case hex digits");
    }
    return db.update(
        "open a session",
        h ->
            h.createUpdate(INSERT_SESSION)
                    .bind("tokenHash", tokenHash)
                    .bind("user", session.userId().value())
                    .bind("createdAt", Rows.timestamp(session.createdAt()))
                    .bind("expiresAt", Rows.timestamp(session.expiresAt()))
                    .bind("passwordHash", passwordHash)
                    .execute()
                > 0,
        state ->
            state.equals("23505")
                ? new IllegalArgumentException("the session's token hash is already in use")
                : sessionRefused(state));
  }

  @Override
  public Optional<StoredSession> findSession(String tokenHash) {
    byte[] key = decode(tokenHash);
    if (key == null) {
      return Optional.empty();
    }
    return db.read(
        "find a session",
        h ->
            h.createQuery(FIND_SESSION)
                .bind("tokenHash", key)
                .map(
                    (rs, ctx) ->
                        new StoredSession(
                            tokenHash,
                            new UserId(rs.getLong("user_id")),
                            Rows.instant(rs, "created_at"),
                            Rows.instant(rs, "expires_at")))
                .findOne());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the new expiry is not after the session's creation
   */
  @Override
  public boolean renewSession(String tokenHash, Instant expiresAt) {
    byte[] key = decode(tokenHash);
    return key != null
        && db.update(
            "renew a session",
            h ->
                h.createUpdate(RENEW_SESSION)
                        .bind("tokenHash", key)
                        .bind("expiresAt", Rows.timestamp(expiresAt))
                        .execute()
                    > 0,
            JdbcAccountStore::sessionRefused);
  }

  @Override
  public boolean deleteSession(String tokenHash) {
    byte[] key = decode(tokenHash);
    return key != null
        && db.update(
            "delete a session",
            h -> h.createUpdate(DELETE_SESSION).bind("tokenHash", key).execute() > 0,
            state -> null);
  }

  @Override
  public int deleteSessions(UserId user) {
    return db.update(
        "delete a user's sessions",
        h -> h.createUpdate(DELETE_SESSIONS).bind("user", user.value()).execute(),
        state -> null);
  }

  @Override
  public int deleteSessionsExpiredBy(Instant now) {
    return db.update(
        "sweep expired sessions",
        h -> h.createUpdate(DELETE_SESSIONS_EXPIRED_BY).bind("now", Rows.timestamp(now)).execute(),
        state -> null);
  }

  /** The 32 bytes of a token hash in the SPI's form, or null if it is not in that form. */
  static byte[] decode(String tokenHash) {
    if (tokenHash.length() != 2 * TOKEN_HASH_BYTES) {
      return null;
    }
    for (int i = 0; i < tokenHash.length(); i++) {
      char c = tokenHash.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return null;
      }
    }
    return HEX.parseHex(tokenHash);
  }

  /**
   * A constraint refused a credential: a hash no feedkit engine writes. Every SQLState maps to an
   * exception, so that PostgreSQL's error, which quotes the row, is never kept as a cause.
   */
  private static RuntimeException credentialRefused(String state) {
    return state.equals("23514")
        ? new IllegalArgumentException(
            "a password hash must be 1 to 255 printable ASCII characters without spaces")
        : refused("credential", state);
  }

  /** A constraint refused a session; as {@link #credentialRefused}, never with the row. */
  private static RuntimeException sessionRefused(String state) {
    return state.equals("23514")
        ? new IllegalArgumentException("a session must expire after it was created")
        : refused("session", state);
  }

  private static RuntimeException refused(String what, String state) {
    return new IllegalArgumentException(
        "PostgreSQL refused the " + what + " (SQLState " + state + ")");
  }
}
