package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.Accounts;
import dev.feedkit.AccountsConfig;
import dev.feedkit.AuthenticationException;
import dev.feedkit.HandleTakenException;
import dev.feedkit.InvalidHandleException;
import dev.feedkit.Session;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.Credential;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.StoredSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Accounts} of a feed: sign-up, log-in, sessions.
 *
 * <p>Design notes:
 * <ul>
 *   <li>Secrets stop here: the store gets password hashes ({@link PasswordHasher}) and token
 *       hashes ({@link SessionTokens}), never a password or a token, and nothing secret or
 *       personal is logged.
 *   <li>Every log-in that reaches the password check does the same work whatever the handle: one
 *       store read ({@link AccountStore#findCredential(String)}) and one full hash verification,
 *       against the user's hash or, for an unknown handle or a user without a password, against a
 *       decoy with the current parameters; then the same exception with the same message.
 *   <li>Hashes weaker than the configured ones are replaced at the next good log-in (never
 *       stronger ones: nodes configured differently must not undo each other), by a
 *       compare-and-set, so an upgrade never undoes a password change made at the same time; a
 *       session is only opened if the hash it was checked against is still current.
 *   <li>Sessions slide: each use moves the expiry to now plus the idle timeout, bounded by the
 *       maximum lifetime from the log-in. The move is written only when it gains at least
 *       a step (a tenth of the idle timeout, at most an hour), so a busy session costs
 *       at most one write per step instead of one per request.
 *   <li>Ended sessions are deleted on sight, and all expired ones swept from the store at most once
 *       an hour, piggybacked on a log-in.
 *   <li>No lock: the store's atomic calls, the cache's revocation protocol ({@link
 *       CaffeineSessionCache}) and the throttle's per-key {@code compute} are the only
 *       coordination.
 *   <li>Revocations are reported to the feed's {@link Changes}, which drops the cached sessions
 *       and tells the other nodes.
 * </ul>
 */
public final class AccountEngine implements Accounts {

  private static final Logger LOG = LoggerFactory.getLogger(AccountEngine.class);
  static final String WRONG_CREDENTIALS = "wrong handle or password";
  static final String SESSION_ENDED = "the session has ended; log in again";
  static final String WRONG_CURRENT_PASSWORD = "the current password is wrong";
  private static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

  private final FeedStore store;
  private final AccountStore accounts;
  private final Clock clock;
  private final SnowflakeIds ids;
  private final AccountsConfig config;
  private final PasswordHasher hasher;
  private final String decoy;
  private final SessionTokens tokens = new SessionTokens();
  private final SessionCache sessions;
  private final Changes changes;
  private final LogInThrottle throttle;
  private final Duration renewStep;
  private final AtomicLong nextSweepMillis = new AtomicLong(Long.MIN_VALUE);

  /** Creates the accounts of a feed, hashing with PBKDF2 at the configured cost. */
  public AccountEngine(FeedStore store, Clock clock, SnowflakeIds ids, AccountsConfig config) {
    this(store, clock, ids, config, pbkdf2(config));
    warnIfLowered(config);
  }

  /**
   * Creates the accounts of a feed whose {@code changes} drop the cached {@code sessions} and
   * tell the other nodes, hashing with PBKDF2 at the configured cost.
   */
  AccountEngine(
      FeedStore store,
      Clock clock,
      SnowflakeIds ids,
      AccountsConfig config,
      SessionCache sessions,
      Changes changes) {
    this(store, clock, ids, config, pbkdf2(config), new Sessions(sessions, changes));
    warnIfLowered(config);
  }

  /** Creates the accounts of a feed with a given hasher; tests use it to watch the hashing. */
  public AccountEngine(
      FeedStore store,
      Clock clock,
      SnowflakeIds ids,
      AccountsConfig config,
      PasswordHasher hasher) {
    this(store, clock, ids, config, hasher, Sessions.alone(store, clock, config));
  }

  private AccountEngine(
      FeedStore store,
      Clock clock,
      SnowflakeIds ids,
      AccountsConfig config,
      PasswordHasher hasher,
      Sessions sessions) {
    this.store = requireNonNull(store, "store");
    this.accounts = store.accounts();
    this.clock = requireNonNull(clock, "clock");
    this.ids = requireNonNull(ids, "ids");
    this.config = requireNonNull(config, "config");
    this.hasher = requireNonNull(hasher, "hasher");
    this.decoy = hasher.decoy();
    this.sessions = sessions.cache();
    this.changes = sessions.changes();
    this.throttle =
        new LogInThrottle(
            clock,
            config.failedLogInsPerHandle(),
            config.failedLogInsPerClient(),
            config.maxLogInDelay());
    Duration tenth = config.sessionIdleTimeout().dividedBy(10);
    this.renewStep = tenth.compareTo(Duration.ofHours(1)) < 0 ? tenth : Duration.ofHours(1);
  }

  /** The cached sessions, and the changes that drop them. */
  private record Sessions(SessionCache cache, Changes changes) {

    Sessions {
      requireNonNull(cache, "sessions");
      requireNonNull(changes, "changes");
    }

    /** The sessions of accounts without a feed: revocations drop only what is cached here. */
    static Sessions alone(FeedStore store, Clock clock, AccountsConfig config) {
      SessionCache cache =
          SessionCache.of(
              requireNonNull(store, "store").accounts(),
              clock,
              requireNonNull(config, "config").sessionCacheExpiry());
      return new Sessions(
          cache, new Changes(Broadcast.none(), new DisabledFeedCache(store), cache));
    }
  }

  private static PasswordHasher pbkdf2(AccountsConfig config) {
    return PasswordHasher.pbkdf2(requireNonNull(config, "config").passwordHashIterations());
  }

  private static void warnIfLowered(AccountsConfig config) {
    if (config.passwordHashIterations() < AccountsConfig.DEFAULT_PASSWORD_HASH_ITERATIONS) {
      LOG.warn(
          "password hashing is lowered to {} iterations (default {}); use this only in tests",
          config.passwordHashIterations(),
          AccountsConfig.DEFAULT_PASSWORD_HASH_ITERATIONS);
    }
  }

  @Override
  public User signUp(String handle, String password, String displayName) {
    return create(handle, password, displayName).user();
  }

  @Override
  public Session signUpAndLogIn(String handle, String password, String displayName) {
    Created created = create(handle, password, displayName);
    Session session = openSession(created.user().id(), created.passwordHash());
    sweepExpiredSessions();
    return session;
  }

  /** A user just stored, with the hash stored for them: a new session needs no second hash. */
  private record Created(User user, String passwordHash) {}

  private Created create(String handle, String password, String displayName) {
    requireNonNull(handle, "handle");
    requireNonNull(password, "password");
    requireNonNull(displayName, "displayName");
    String validHandle = Rules.handle(handle);
    if (config.reservedHandles().contains(Rules.canonicalHandle(validHandle))) {
      throw new InvalidHandleException(
          "the handle \"" + validHandle + "\" is reserved; choose another");
    }
    String validName = Rules.displayName(displayName);
    String validPassword = PasswordRules.check(password, validHandle);
    if (store.users().findByHandle(validHandle).isPresent()) {
      // Not authoritative (the insert is), but spares a slow hash for a sign-up that must fail.
      throw new HandleTakenException("the handle \"" + validHandle + "\" is taken");
    }
    String hash = hasher.hash(validPassword);
    long id = ids.next();
    User user = new User(new UserId(id), validHandle, validName, SnowflakeIds.instantOf(id));
    accounts.insertUser(user, hash);
    return new Created(user, hash);
  }

  @Override
  public Session logIn(String handle, String password, String clientKey) {
    requireNonNull(handle, "handle");
    requireNonNull(password, "password");
    requireNonNull(clientKey, "clientKey");
    String h = Rules.withoutAt(handle);
    String handleKey = Rules.isHandle(h) ? Rules.canonicalHandle(h) : null;
    LogInThrottle.Attempt attempt = throttle.begin(handleKey, clientKey);

    Optional<Credential> credential =
        handleKey == null ? Optional.empty() : accounts.findCredential(handleKey);
    String encoded = credential.map(Credential::passwordHash).orElse(decoy);
    boolean plausible = PasswordRules.isPlausible(password);
    boolean matches = hasher.verify(plausible ? PasswordRules.normalize(password) : "", encoded);
    if (!matches || !plausible || credential.isEmpty()) {
      throw new AuthenticationException(WRONG_CREDENTIALS);
    }
    attempt.succeeded();

    UserId user = credential.get().userId();
    String current = hasher.needsUpgrade(encoded) ? upgrade(user, encoded, password) : encoded;
    Session session = openSession(user, current);
    sweepExpiredSessions();
    return session;
  }

  @Override
  public Optional<UserId> authenticate(String token) {
    return liveSession(requireNonNull(token, "token")).map(StoredSession::userId);
  }

  @Override
  public void logOut(String token) {
    requireNonNull(token, "token");
    if (SessionTokens.isWellFormed(token)) {
      String tokenHash = SessionTokens.hash(token);
      accounts.deleteSession(tokenHash);
      changes.sessionRevoked(tokenHash);
    }
  }

  @Override
  public void logOutEverywhere(UserId user) {
    requireNonNull(user, "user");
    accounts.deleteSessions(user);
    changes.sessionsRevoked(user, null);
  }

  @Override
  public void changePassword(String token, String currentPassword, String newPassword) {
    requireNonNull(token, "token");
    requireNonNull(currentPassword, "currentPassword");
    requireNonNull(newPassword, "newPassword");
    StoredSession session =
        liveSession(token).orElseThrow(() -> new AuthenticationException(SESSION_ENDED));
    UserId userId = session.userId();
    User user =
        store
            .users()
            .findById(userId)
            .orElseThrow(() -> new AuthenticationException(SESSION_ENDED));
    String validPassword = PasswordRules.check(newPassword, user.handle());
    String handleKey = Rules.canonicalHandle(user.handle());

    LogInThrottle.Attempt attempt = throttle.begin(handleKey, null);
    Credential credential =
        accounts
            .findCredential(userId)
            .orElseThrow(() -> new AuthenticationException(WRONG_CURRENT_PASSWORD));
    boolean plausible = PasswordRules.isPlausible(currentPassword);
    String current = plausible ? PasswordRules.normalize(currentPassword) : "";
    if (!hasher.verify(current, credential.passwordHash()) || !plausible) {
      throw new AuthenticationException(WRONG_CURRENT_PASSWORD);
    }
    attempt.succeeded();

    String hash = hasher.hash(validPassword);
    if (!accounts.changePassword(userId, credential.passwordHash(), hash, session.tokenHash())) {
      // Changed by someone else between our read and our write: what we checked is stale.
      throw new AuthenticationException(WRONG_CURRENT_PASSWORD);
    }
    changes.sessionsRevoked(userId, session.tokenHash());
    throttle.passwordChanged(handleKey);
  }

  /**
   * Replaces a hash made with older parameters, after a good log-in, and returns the hash now
   * stored. If the stored hash changed meanwhile, it is checked again: a concurrent log-in may
   * have upgraded it already (fine), or the password may have changed (this log-in fails).
   */
  private String upgrade(UserId user, String verified, String password) {
    String normalized = PasswordRules.normalize(password);
    String upgraded = hasher.hash(normalized);
    if (accounts.replacePasswordHash(user, verified, upgraded)) {
      return upgraded;
    }
    String stored = accounts.findCredential(user).map(Credential::passwordHash).orElse(decoy);
    if (!hasher.verify(normalized, stored)) {
      throw new AuthenticationException(WRONG_CREDENTIALS);
    }
    return stored;
  }

  /** The session of a token, renewed if due; empty unless the session is live. */
  private Optional<StoredSession> liveSession(String token) {
    if (!SessionTokens.isWellFormed(token)) {
      return Optional.empty();
    }
    String tokenHash = SessionTokens.hash(token);
    Instant now = now();
    Optional<StoredSession> found = sessions.find(tokenHash, now);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredSession session = found.get();
    if (!now.isBefore(session.expiresAt())) {
      accounts.deleteSession(tokenHash);
      changes.sessionRevoked(tokenHash);
      return Optional.empty();
    }
    Instant renewedExpiry = expiry(session.createdAt(), now);
    if (Duration.between(session.expiresAt(), renewedExpiry).compareTo(renewStep) >= 0) {
      if (!accounts.renewSession(tokenHash, renewedExpiry)) {
        changes.sessionRevoked(tokenHash);
        return Optional.empty();
      }
      StoredSession renewed = session.withExpiresAt(renewedExpiry);
      sessions.renewed(session, renewed);
      return Optional.of(renewed);
    }
    return found;
  }

  private Session openSession(UserId user, String passwordHash) {
    Instant now = now();
    String token = tokens.newToken();
    StoredSession stored =
        new StoredSession(SessionTokens.hash(token), user, now, expiry(now, now));
    if (!accounts.insertSession(stored, passwordHash)) {
      // The password changed while this log-in checked the old one.
      throw new AuthenticationException(WRONG_CREDENTIALS);
    }
    return new Session(token, user, stored.expiresAt());
  }

  /** The expiry of a session opened at {@code createdAt} and used at {@code now}. */
  private Instant expiry(Instant createdAt, Instant now) {
    Instant idle = now.plus(config.sessionIdleTimeout());
    Instant cap = createdAt.plus(config.sessionMaxLifetime());
    return idle.isBefore(cap) ? idle : cap;
  }

  private void sweepExpiredSessions() {
    long now = clock.millis();
    long next = nextSweepMillis.get();
    if (now >= next && nextSweepMillis.compareAndSet(next, now + SWEEP_INTERVAL.toMillis())) {
      int swept = accounts.deleteSessionsExpiredBy(Instant.ofEpochMilli(now));
      LOG.debug("swept {} expired sessions", swept);
    }
  }

  /** Now, to the millisecond, so that instants survive a round trip through any store. */
  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }
}
