package dev.feedkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.feedkit.AccountsConfig;
import dev.feedkit.AuthenticationException;
import dev.feedkit.Session;
import dev.feedkit.TooManyAttemptsException;
import dev.feedkit.User;
import dev.feedkit.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The account engine's own rules, which no store can change: log-in throttling, the equal work of
 * every failed log-in (so that handles cannot be enumerated), what reaches the store (never a
 * password or a token), and the session cache. They run over {@link AccountsOnlyStore}; what a
 * store must keep of accounts, the contract kit's account rules check on every store.
 */
class AccountEngineTest {

  private static final AccountsConfig TEST_ACCOUNTS =
      AccountsConfig.defaults().withPasswordHashIterations(1_000);
  private static final String PASSWORD = "correct horse battery staple";
  private static final String OTHER_PASSWORD = "Tr0ub4dor&3 is too short a story";
  private static final String HASH_PREFIX =
      "$pbkdf2-sha256$i=" + TEST_ACCOUNTS.passwordHashIterations() + ",l=32$";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
  private final AccountsOnlyStore store = new AccountsOnlyStore();
  private final SnowflakeIds ids = new SnowflakeIds(clock, 1);
  private final AccountEngine accounts = new AccountEngine(store, clock, ids, TEST_ACCOUNTS);

  private AccountEngine accounts() {
    return accounts;
  }

  private User signUp(String handle) {
    return accounts().signUp(handle, PASSWORD, "Name of " + handle);
  }

  private Session logIn(String handle) {
    return accounts().logIn(handle, PASSWORD, "client of " + handle);
  }

  /** A user without a password, as a host makes one. */
  private void createUser(String handle, String displayName) {
    long id = ids.next();
    store.users().insert(new User(new UserId(id), handle, displayName, SnowflakeIds.instantOf(id)));
  }

  // ---- what reaches the store -------------------------------------------------------------

  @Test
  void noPasswordOrTokenEverReachesTheStore() {
    AccountEngine engine =
        new AccountEngine(store, clock, new SnowflakeIds(clock, 5), TEST_ACCOUNTS);

    User alice = engine.signUp("alice", PASSWORD, "Alice");
    catchThrowable(() -> engine.logIn("alice", OTHER_PASSWORD, "c"));
    Session first = engine.logIn("alice", PASSWORD, "c");
    Session second = engine.logIn("alice", PASSWORD, "c");
    engine.authenticate(first.token());
    engine.changePassword(first.token(), PASSWORD, OTHER_PASSWORD);
    engine.authenticate(second.token());
    engine.logOut(first.token());
    engine.logOutEverywhere(alice.id());

    assertThat(store.calls())
        .isNotEmpty()
        .allSatisfy(
            call ->
                assertThat(call)
                    .doesNotContain(PASSWORD)
                    .doesNotContain(OTHER_PASSWORD)
                    .doesNotContain(first.token())
                    .doesNotContain(second.token()));
  }

  @Test
  void lookUpsComeFromTheCacheAndRenewalsAreWrittenSparingly() {
    AccountEngine engine =
        new AccountEngine(store, clock, new SnowflakeIds(clock, 5), TEST_ACCOUNTS);
    AccountEngine uncached =
        new AccountEngine(
            store,
            clock,
            new SnowflakeIds(clock, 6),
            TEST_ACCOUNTS.withSessionCacheExpiry(Duration.ZERO));
    User alice = engine.signUp("alice", PASSWORD, "Alice");
    String token = engine.logIn("alice", PASSWORD, "c").token();
    store.clearCalls();

    for (int i = 0; i < 50; i++) {
      assertThat(engine.authenticate(token)).contains(alice.id());
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(store.calls())
        .as("one read, then the cache; no renewal yet")
        .containsExactly("accounts.findSession [" + SessionTokens.hash(token) + "]");

    store.clearCalls();
    for (int i = 0; i < 5; i++) {
      assertThat(uncached.authenticate(token)).contains(alice.id());
    }
    assertThat(store.calls()).as("without the cache, a read each time").hasSize(5);

    store.clearCalls();
    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 50; i++) {
      assertThat(engine.authenticate(token)).contains(alice.id());
    }
    assertThat(store.calls().stream().filter(c -> c.startsWith("accounts.renewSession")))
        .as("an hour of use is renewed once")
        .hasSize(1);
  }

  // ---- throttling -------------------------------------------------------------------------

  @Test
  void failedLogInsOfAHandleDelayItsNextAttempts() {
    User alice = signUp("alice");
    int allowed = TEST_ACCOUNTS.failedLogInsPerHandle();
    for (int i = 0; i < allowed; i++) {
      int n = i;
      assertThatThrownBy(() -> accounts().logIn("alice", "guess " + n, "client" + n))
          .isExactlyInstanceOf(AuthenticationException.class);
    }

    TooManyAttemptsException refused =
        catchThrowableOfType(
            TooManyAttemptsException.class,
            () -> accounts().logIn("alice", PASSWORD, "another client"));
    assertThat(refused).isNotNull();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(refused).hasMessage("too many failed log-ins; try again in 1 s");

    clock.advance(refused.retryAfter());
    assertThat(accounts().logIn("alice", PASSWORD, "another client").userId())
        .isEqualTo(alice.id());
  }

  @Test
  void failedLogInsFromAClientDelayItForEveryHandle() {
    signUp("alice");
    int allowed = TEST_ACCOUNTS.failedLogInsPerClient();
    for (int i = 0; i < allowed; i++) {
      int n = i;
      assertThatThrownBy(() -> accounts().logIn("user" + n, PASSWORD, "198.51.100.9"))
          .isExactlyInstanceOf(AuthenticationException.class);
    }

    assertThatThrownBy(() -> accounts().logIn("alice", PASSWORD, "198.51.100.9"))
        .isInstanceOf(TooManyAttemptsException.class);
    assertThat(accounts().logIn("alice", PASSWORD, "203.0.113.1")).isNotNull();
  }

  @Test
  void guessersCannotLockTheOwnerOut() {
    User alice = signUp("alice");
    accounts().logIn("alice", PASSWORD, "alice's laptop");
    Duration longest = Duration.ZERO;
    for (int i = 0; i < 100; i++) {
      int n = i;
      Throwable failure = catchThrowable(() -> accounts().logIn("alice", "guess " + n, "bot" + n));
      assertThat(failure).isInstanceOf(AuthenticationException.class);
      if (failure instanceof TooManyAttemptsException tooMany) {
        assertThat(tooMany.retryAfter()).isLessThanOrEqualTo(TEST_ACCOUNTS.maxLogInDelay());
        longest = tooMany.retryAfter().compareTo(longest) > 0 ? tooMany.retryAfter() : longest;
        clock.advance(tooMany.retryAfter());
      }
    }
    assertThat(longest)
        .as("the guessing reached the longest delay")
        .isEqualTo(TEST_ACCOUNTS.maxLogInDelay());
    catchThrowable(() -> accounts().logIn("alice", "one more guess", "bot100"));

    assertThat(accounts().logIn("alice", PASSWORD, "alice's laptop").userId())
        .as("from a client she logged in from before, at once")
        .isEqualTo(alice.id());
    TooManyAttemptsException refused =
        catchThrowableOfType(
            TooManyAttemptsException.class,
            () -> accounts().logIn("alice", PASSWORD, "a new phone"));
    assertThat(refused).isNotNull();
    assertThat(refused.retryAfter()).isLessThanOrEqualTo(TEST_ACCOUNTS.maxLogInDelay());
    clock.advance(refused.retryAfter());
    assertThat(accounts().logIn("alice", PASSWORD, "a new phone").userId())
        .as("from a new client, after at most the longest delay")
        .isEqualTo(alice.id());
  }

  @Test
  void unknownHandlesAreThrottledExactlyLikeKnownOnes() {
    signUp("alice");
    List<String> known = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      int n = i;
      known.add(describe(catchThrowable(() -> accounts().logIn("alice", "x" + n, "k" + n))));
      unknown.add(describe(catchThrowable(() -> accounts().logIn("nobody", "x" + n, "u" + n))));
      if (i % 3 == 2) {
        clock.advance(Duration.ofSeconds(1));
      }
    }

    assertThat(unknown).isEqualTo(known);
    assertThat(known)
        .contains(
            TooManyAttemptsException.class.getSimpleName()
                + ": "
                + "too many failed log-ins; try again in 1 s");
  }

  private static String describe(Throwable failure) {
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  @Test
  void wrongCurrentPasswordsAreThrottledLikeFailedLogIns() {
    signUp("alice");
    Session session = logIn("alice");
    for (int i = 0; i < TEST_ACCOUNTS.failedLogInsPerHandle(); i++) {
      assertThatThrownBy(() -> accounts().changePassword(session.token(), "guess", PASSWORD))
          .isExactlyInstanceOf(AuthenticationException.class);
    }

    assertThatThrownBy(() -> accounts().changePassword(session.token(), PASSWORD, OTHER_PASSWORD))
        .isInstanceOf(TooManyAttemptsException.class);
  }

  // ---- enumeration ------------------------------------------------------------------------

  @Test
  void anUnknownHandleCostsExactlyTheWorkOfAWrongPassword() {
    CountingHasher hasher =
        new CountingHasher(PasswordHasher.pbkdf2(TEST_ACCOUNTS.passwordHashIterations()));
    AccountEngine engine =
        new AccountEngine(store, clock, new SnowflakeIds(clock, 6), TEST_ACCOUNTS, hasher);
    engine.signUp("alice", PASSWORD, "Alice");
    createUser("bob", "Bob, who has no password");

    List<String> work = new ArrayList<>();
    for (String handle : List.of("alice", "nobody", "bob")) {
      store.clearCalls();
      hasher.clear();
      Throwable failure = catchThrowable(() -> engine.logIn(handle, "wrong password", handle));
      work.add(
          describe(failure)
              + " | store: "
              + store.calls().stream().map(call -> call.substring(0, call.indexOf(' '))).toList()
              + " | hashing: "
              + hasher.work());
    }

    assertThat(work.get(0))
        .isEqualTo(
            "AuthenticationException: wrong handle or password"
                + " | store: [accounts.findCredential] | hashing: [verify "
                + HASH_PREFIX
                + "]");
    assertThat(work)
        .as("alice, an unknown handle, a user without a password")
        .containsOnly(work.get(0));
  }

  @Test
  void signingUpAndLoggingInAtOnceCostsOneSlowHash() {
    CountingHasher hasher =
        new CountingHasher(PasswordHasher.pbkdf2(TEST_ACCOUNTS.passwordHashIterations()));
    AccountEngine engine =
        new AccountEngine(store, clock, new SnowflakeIds(clock, 8), TEST_ACCOUNTS, hasher);

    Session session = engine.signUpAndLogIn("carol", PASSWORD, "Carol");

    assertThat(hasher.work()).containsExactly("hash");
    assertThat(engine.authenticate(session.token())).contains(session.userId());
    assertThat(store.users().findById(session.userId()).orElseThrow().handle()).isEqualTo("carol");
    assertThat(engine.logIn("carol", PASSWORD, "c").userId()).isEqualTo(session.userId());
  }

  @Test
  void anUnknownHandleTakesAsLongAsAWrongPassword() {
    // One coarse timing check; the exact proof is the test above. A hash of 10,000 iterations
    // (some milliseconds) dwarfs every other cost, so without the decoy the medians would differ
    // a hundredfold; interleaving the two kinds of attempt spreads any load evenly over both, and
    // the band is wide because a shared CI machine is noisy.
    AccountsConfig config =
        TEST_ACCOUNTS
            .withPasswordHashIterations(10_000)
            .withLogInThrottle(10_000, 10_000, Duration.ofSeconds(1));
    AccountEngine engine = new AccountEngine(store, clock, new SnowflakeIds(clock, 7), config);
    engine.signUp("alice", PASSWORD, "Alice");
    int rounds = 31;
    long[] known = new long[rounds];
    long[] unknown = new long[rounds];
    for (int round = -4; round < rounds; round++) {
      long k;
      long u;
      if (round % 2 == 0) {
        k = failedLogInNanos(engine, "alice");
        u = failedLogInNanos(engine, "nobody");
      } else {
        u = failedLogInNanos(engine, "nobody");
        k = failedLogInNanos(engine, "alice");
      }
      if (round >= 0) {
        known[round] = k;
        unknown[round] = u;
      }
    }

    double ratio = (double) median(unknown) / median(known);
    System.out.printf(
        "log-in timing (medians): wrong password %.2f ms, unknown handle %.2f ms,"
            + " ratio %.2f%n",
        median(known) / 1e6, median(unknown) / 1e6, ratio);
    assertThat(ratio).as("median time of unknown handle / wrong password").isBetween(1 / 3.0, 3.0);
  }

  private static long failedLogInNanos(AccountEngine engine, String handle) {
    long start = System.nanoTime();
    Throwable failure = catchThrowable(() -> engine.logIn(handle, "wrong password", "c"));
    long took = System.nanoTime() - start;
    assertThat(failure).isExactlyInstanceOf(AuthenticationException.class);
    return took;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Counts what a hasher is asked to do, and with which parameters. */
  private static final class CountingHasher implements PasswordHasher {
    private final PasswordHasher delegate;
    private final List<String> work = new java.util.concurrent.CopyOnWriteArrayList<>();

    CountingHasher(PasswordHasher delegate) {
      this.delegate = delegate;
    }

    List<String> work() {
      return List.copyOf(work);
    }

    void clear() {
      work.clear();
    }

    /** An encoded hash's algorithm and parameters, without salt and hash. */
    private static String parameters(String encoded) {
      String[] parts = encoded.split("\\$");
      return parts.length < 3 ? "malformed" : "$" + parts[1] + "$" + parts[2] + "$";
    }

    @Override
    public String hash(String password) {
      work.add("hash");
      return delegate.hash(password);
    }

    @Override
    public boolean verify(String password, String encoded) {
      work.add("verify " + parameters(encoded));
      return delegate.verify(password, encoded);
    }

    @Override
    public boolean needsUpgrade(String encoded) {
      return delegate.needsUpgrade(encoded);
    }

    @Override
    public String decoy() {
      return delegate.decoy();
    }
  }
}
