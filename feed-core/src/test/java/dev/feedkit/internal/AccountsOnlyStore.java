package dev.feedkit.internal;

import dev.feedkit.HandleTakenException;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.Credential;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.FollowStore;
import dev.feedkit.spi.Handles;
import dev.feedkit.spi.JobQueue;
import dev.feedkit.spi.PostStore;
import dev.feedkit.spi.StoredSession;
import dev.feedkit.spi.TimelineStore;
import dev.feedkit.spi.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A store of users, password hashes and sessions only, for the account engine's tests: what
 * {@link AccountEngine} reads and writes, kept in maps as plainly as possible, with every call
 * recorded as {@code "part.method [args]"} so that a test can see what the engine sent. It is its
 * own {@link UserStore} and {@link AccountStore}; follows, posts, timelines and jobs are not there
 * (the contract kit holds real stores to every promise of the SPI). Every call takes the store's
 * lock.
 */
final class AccountsOnlyStore implements FeedStore, UserStore, AccountStore {

  private final Map<UserId, User> users = new HashMap<>();
  private final Map<String, UserId> handles = new HashMap<>();
  private final Map<UserId, String> passwordHashes = new HashMap<>();
  private final Map<String, StoredSession> sessions = new HashMap<>();
  private final List<String> calls = new ArrayList<>();

  /** Every call so far, in order. */
  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** Forgets the calls so far. */
  synchronized void clearCalls() {
    calls.clear();
  }

  private void record(String call, Object... args) {
    calls.add(call + " " + Arrays.deepToString(args));
  }

  @Override
  public UserStore users() {
    return this;
  }

  @Override
  public AccountStore accounts() {
    return this;
  }

  // ---- users --------------------------------------------------------------------------------

  @Override
  public synchronized void insert(User user) {
    record("users.insert", user);
    add(user);
  }

  private void add(User user) {
    String handle = Handles.canonical(user.handle());
    if (handles.containsKey(handle)) {
      throw new HandleTakenException("the handle \"" + user.handle() + "\" is taken");
    }
    handles.put(handle, user.id());
    users.put(user.id(), user);
  }

  @Override
  public synchronized Optional<User> findById(UserId id) {
    record("users.findById", id);
    return Optional.ofNullable(users.get(id));
  }

  @Override
  public synchronized Optional<User> findByHandle(String handle) {
    record("users.findByHandle", handle);
    return Optional.ofNullable(handles.get(Handles.canonical(handle))).map(users::get);
  }

  @Override
  public List<User> searchByHandlePrefix(String prefix, int limit) {
    throw absent("user search");
  }

  @Override
  public UserCounts counts(UserId id) {
    throw absent("user counts");
  }

  // ---- accounts -----------------------------------------------------------------------------

  @Override
  public synchronized void insertUser(User user, String passwordHash) {
    record("accounts.insertUser", user, passwordHash);
    add(user);
    passwordHashes.put(user.id(), passwordHash);
  }

  @Override
  public synchronized Optional<Credential> findCredential(String handle) {
    record("accounts.findCredential", handle);
    return Optional.ofNullable(handles.get(Handles.canonical(handle))).flatMap(this::credential);
  }

  @Override
  public synchronized Optional<Credential> findCredential(UserId user) {
    record("accounts.findCredential", user);
    return credential(user);
  }

  private Optional<Credential> credential(UserId user) {
    return Optional.ofNullable(passwordHashes.get(user)).map(h -> new Credential(user, h));
  }

  @Override
  public synchronized boolean replacePasswordHash(UserId user, String expected, String next) {
    record("accounts.replacePasswordHash", user, expected, next);
    return passwordHashes.replace(user, expected, next);
  }

  @Override
  public synchronized boolean changePassword(
      UserId user, String expected, String next, String keepTokenHash) {
    record("accounts.changePassword", user, expected, next, keepTokenHash);
    boolean changed = passwordHashes.replace(user, expected, next);
    if (changed) {
      endSessions(s -> s.userId().equals(user) && !s.tokenHash().equals(keepTokenHash));
    }
    return changed;
  }

  @Override
  public synchronized boolean insertSession(StoredSession session, String passwordHash) {
    record("accounts.insertSession", session, passwordHash);
    boolean current = Objects.equals(passwordHashes.get(session.userId()), passwordHash);
    if (current) {
      sessions.put(session.tokenHash(), session);
    }
    return current;
  }

  @Override
  public synchronized Optional<StoredSession> findSession(String tokenHash) {
    record("accounts.findSession", tokenHash);
    return Optional.ofNullable(sessions.get(tokenHash));
  }

  @Override
  public synchronized boolean renewSession(String tokenHash, Instant expiresAt) {
    record("accounts.renewSession", tokenHash, expiresAt);
    return sessions.computeIfPresent(
            tokenHash, (t, s) -> new StoredSession(t, s.userId(), s.createdAt(), expiresAt))
        != null;
  }

  @Override
  public synchronized boolean deleteSession(String tokenHash) {
    record("accounts.deleteSession", tokenHash);
    return sessions.remove(tokenHash) != null;
  }

  @Override
  public synchronized int deleteSessions(UserId user) {
    record("accounts.deleteSessions", user);
    return endSessions(s -> s.userId().equals(user));
  }

  @Override
  public synchronized int deleteSessionsExpiredBy(Instant now) {
    record("accounts.deleteSessionsExpiredBy", now);
    return endSessions(s -> !s.expiresAt().isAfter(now));
  }

  private int endSessions(Predicate<StoredSession> ended) {
    int before = sessions.size();
    sessions.values().removeIf(ended);
    return before - sessions.size();
  }

  // ---- what the account engine does not use -------------------------------------------------

  @Override
  public FollowStore follows() {
    throw absent("follows");
  }

  @Override
  public PostStore posts() {
    throw absent("posts");
  }

  @Override
  public TimelineStore timelines() {
    throw absent("timelines");
  }

  @Override
  public JobQueue jobs() {
    throw absent("jobs");
  }

  private static UnsupportedOperationException absent(String what) {
    return new UnsupportedOperationException("the account engine's test store keeps no " + what);
  }
}
