package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.feedkit.Accounts;
import dev.feedkit.AccountsConfig;
import dev.feedkit.AuthenticationException;
import dev.feedkit.Feed;
import dev.feedkit.HandleTakenException;
import dev.feedkit.InvalidDisplayNameException;
import dev.feedkit.InvalidHandleException;
import dev.feedkit.InvalidPasswordException;
import dev.feedkit.Session;
import dev.feedkit.TooManyAttemptsException;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.internal.AccountEngine;
import dev.feedkit.internal.PasswordHasher;
import dev.feedkit.internal.SessionTokens;
import dev.feedkit.internal.SnowflakeIds;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.Credential;
import dev.feedkit.spi.StoredSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sign-up, log-in and sessions, and the attacks they must hold against: password guessing,
 * account enumeration, stolen or revoked tokens, secrets at rest. Most rules are checked through
 * {@link Feed#accounts()}; the store's own promises ({@link AccountStore}) are checked directly,
 * and a few attacks through an {@link AccountEngine} built over the store with instruments.
 *
 * <p>Accounts do not depend on the fan-out policy, so the group runs in the pull cells only: with
 * the feed's cache off and on, since a cache changes whether a feed hears other nodes' changes.
 */
@Cells(fanout = Cells.Fanout.PULL)
abstract class AccountRules extends ContractGroup {

  private static final String PASSWORD = "correct horse battery staple";
  private static final String OTHER_PASSWORD = "Tr0ub4dor&3 is too short a story";
  private static final String HASH_PREFIX =
      "$pbkdf2-sha256$i=" + FeedStoreContract.TEST_ACCOUNTS.passwordHashIterations() + ",l=32$";
  private static final Duration IDLE = FeedStoreContract.TEST_ACCOUNTS.sessionIdleTimeout();
  private static final Duration MAX_LIFETIME = FeedStoreContract.TEST_ACCOUNTS.sessionMaxLifetime();

  private final List<Feed> opened = new ArrayList<>();
  private SnowflakeIds storeIds;

  AccountRules(FeedStoreContract contract) {
    super(contract);
  }

  private Accounts accounts() {
    return feed().accounts();
  }

  private AccountStore accountStore() {
    return contract().store().accounts();
  }

  private User signUp(String handle) {
    return accounts().signUp(handle, PASSWORD, "Name of " + handle);
  }

  private Session logIn(String handle) {
    return accounts().logIn(handle, PASSWORD, "client of " + handle);
  }

  /** Another feed over the same store, as another app node would be; closed after the test. */
  private Feed node(int workerId, AccountsConfig config) {
    Feed feed =
        contract()
            .configure(Feed.builder().store(contract().store()).clock(clock()).workerId(workerId))
            .accounts(config)
            .build();
    opened.add(feed);
    return feed;
  }

  @AfterEach
  void closeNodes() {
    opened.forEach(Feed::close);
  }

  private static String sha256Hex(String token) throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
  }

  private String passwordHash(User user) {
    return accountStore().findCredential(user.id()).orElseThrow().passwordHash();
  }

  // ---- sign-up ----------------------------------------------------------------------------

  @Test
  void signUpMakesAUserWhoCanLogIn() {
    User alice = accounts().signUp("Alice_1", PASSWORD, "  Alice Liddell ");

    assertThat(alice.handle()).isEqualTo("Alice_1");
    assertThat(alice.displayName()).isEqualTo("Alice Liddell");
    assertThat(feed().user(alice.id())).contains(alice);
    assertThat(feed().userByHandle("alice_1")).contains(alice);

    Session session = accounts().logIn("Alice_1", PASSWORD, "203.0.113.7");
    assertThat(session.userId()).isEqualTo(alice.id());
    assertThat(accounts().authenticate(session.token())).contains(alice.id());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ab",
        "a b c",
        "alice!",
        "\u00e4lice",
        "al-ice",
        "1234567890123456789012345678901"
      })
  void signUpRefusesInvalidHandles(String handle) {
    assertThatThrownBy(() -> accounts().signUp(handle, PASSWORD, "Name"))
        .isInstanceOf(InvalidHandleException.class)
        .hasMessageContaining("3–30 characters");
    assertThat(feed().searchUsers("", 200)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "Admin", "ROOT", "support", "Settings"})
  void signUpRefusesReservedHandlesInAnyCase(String handle) {
    assertThatThrownBy(() -> accounts().signUp(handle, PASSWORD, "Name"))
        .isInstanceOf(InvalidHandleException.class)
        .hasMessage("the handle \"" + handle + "\" is reserved; choose another");
    assertThat(feed().userByHandle(handle)).isEmpty();
  }

  @Test
  void theHostMayStillGiveAReservedHandleToAnAccountOfItsOwn() {
    User support = feed().createUser("support", "Support team");

    assertThat(feed().userByHandle("support")).contains(support);
  }

  @Test
  void reservedHandlesAreConfigurable() {
    Feed node = node(1, FeedStoreContract.TEST_ACCOUNTS.withReservedHandles(List.of("Boss")));

    assertThatThrownBy(() -> node.accounts().signUp("boss", PASSWORD, "Boss"))
        .isInstanceOf(InvalidHandleException.class)
        .hasMessageContaining("reserved");
    assertThat(node.accounts().signUp("admin", PASSWORD, "Admin").handle()).isEqualTo("admin");
  }

  @Test
  void signUpRefusesTakenHandlesInAnyCase() {
    signUp("alice");
    feed().createUser("bob", "Bob");

    assertThatThrownBy(() -> accounts().signUp("ALICE", OTHER_PASSWORD, "Other"))
        .isInstanceOf(HandleTakenException.class)
        .hasMessageContaining("ALICE");
    assertThatThrownBy(() -> accounts().signUp("Bob", OTHER_PASSWORD, "Other"))
        .isInstanceOf(HandleTakenException.class);
    assertThat(feed().searchUsers("", 200)).hasSize(2);
  }

  @Test
  void signUpRefusesBadPasswordsSayingWhy() {
    assertThatThrownBy(() -> accounts().signUp("alice", "1234567", "Alice"))
        .isInstanceOf(InvalidPasswordException.class)
        .hasMessage("a password must be at least 8 characters, was 7");
    assertThatThrownBy(() -> accounts().signUp("alice", "x".repeat(1025), "Alice"))
        .isInstanceOf(InvalidPasswordException.class)
        .hasMessage("a password must be at most 1024 characters, was 1025");
    assertThatThrownBy(() -> accounts().signUp("alice_1234", "ALICE_1234", "Alice"))
        .isInstanceOf(InvalidPasswordException.class)
        .hasMessage("a password must not be the same as the handle");

    assertThat(feed().searchUsers("", 200)).as("a failed sign-up stores nothing").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aaaaaaaa",
        "only lower case letters",
        "12345678",
        "\uD83D\uDD11\uD83D\uDD12\uD83D\uDD13\uD83D\uDD10\uD83D\uDDDD\uD83D\uDEAA\uD83C\uDFE0\u2728",
        "with  spaces  inside",
        "p\u00e4ssw\u00f6rd!"
      })
  void signUpAcceptsAnyPasswordOfEightCharactersOrMore(String password) {
    User alice = accounts().signUp("alice", password, "Alice");

    assertThat(accounts().logIn("alice", password, "c").userId()).isEqualTo(alice.id());
  }

  @Test
  void theLongestPasswordIsAccepted() {
    String longest = "x".repeat(1024);
    User alice = accounts().signUp("alice", longest, "Alice");

    assertThat(accounts().logIn("alice", longest, "c").userId()).isEqualTo(alice.id());
  }

  @Test
  void passwordsMatchWhateverTheirUnicodeForm() {
    User alice = accounts().signUp("alice", "cafe\u0301 au lait", "Alice");

    assertThat(accounts().logIn("alice", "caf\u00e9 au lait", "c").userId()).isEqualTo(alice.id());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "bell\u0007", "line\nbreak"})
  void signUpRefusesBadDisplayNames(String name) {
    assertThatThrownBy(() -> accounts().signUp("alice", PASSWORD, name))
        .isInstanceOf(InvalidDisplayNameException.class);
    assertThat(feed().userByHandle("alice")).isEmpty();
  }

  @Test
  void racingSignUpsOfOneHandleMakeOneUserWithOnePassword() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger n = new AtomicInteger();
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  int me = n.incrementAndGet();
                  String password = "password number " + me;
                  start.await();
                  try {
                    accounts().signUp(me % 2 == 0 ? "Racer" : "rAcEr", password, "Racer " + me);
                    return password;
                  } catch (HandleTakenException e) {
                    return "taken";
                  }
                }));
      }
      start.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> outcome : outcomes) {
        results.add(outcome.get(60, TimeUnit.SECONDS));
      }

      List<String> winners = results.stream().filter(r -> !r.equals("taken")).toList();
      assertThat(winners).hasSize(1);
      User racer = feed().userByHandle("racer").orElseThrow();
      assertThat(feed().searchUsers("racer", 10)).containsExactly(racer);
      assertThat(accounts().logIn("racer", winners.get(0), "c").userId()).isEqualTo(racer.id());
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- log-in -----------------------------------------------------------------------------

  @Test
  void logInIgnoresTheCaseOfTheHandleAndALeadingAt() {
    User alice = signUp("alice");

    assertThat(accounts().logIn("ALICE", PASSWORD, "c").userId()).isEqualTo(alice.id());
    assertThat(accounts().logIn("@Alice", PASSWORD, "c").userId()).isEqualTo(alice.id());
  }

  @Test
  void everyFailedLogInGivesTheSameAnswer() {
    signUp("alice");
    feed().createUser("bob", "Bob, who has no password");

    List<Throwable> failures =
        List.of(
            catchThrowable(() -> accounts().logIn("alice", "wrong password", "c1")),
            catchThrowable(() -> accounts().logIn("nobody", PASSWORD, "c2")),
            catchThrowable(() -> accounts().logIn("bob", PASSWORD, "c3")),
            catchThrowable(() -> accounts().logIn("not a handle!", PASSWORD, "c4")),
            catchThrowable(() -> accounts().logIn("alice", "x".repeat(100_000), "c5")));

    assertThat(failures)
        .allSatisfy(
            failure ->
                assertThat(failure)
                    .isExactlyInstanceOf(AuthenticationException.class)
                    .hasMessage("wrong handle or password"));
  }

  // ---- passwords at rest ------------------------------------------------------------------

  @Test
  void passwordsAreStoredOnlyAsSaltedSlowHashesWithTheirParameters() {
    User alice = signUp("alice");
    User bob = signUp("bob");

    String aliceHash = passwordHash(alice);
    String bobHash = passwordHash(bob);
    assertThat(aliceHash).startsWith(HASH_PREFIX).doesNotContain(PASSWORD);
    assertThat(bobHash).startsWith(HASH_PREFIX).isNotEqualTo(aliceHash);
    assertThat(aliceHash.split("\\$")[3]).as("salt").isNotEqualTo(bobHash.split("\\$")[3]);
    assertThat(accountStore().findCredential(alice.id()).orElseThrow().toString())
        .doesNotContain(aliceHash);
  }

  @Test
  void anOlderHashIsUpgradedAtTheNextGoodLogIn() {
    User alice = signUp("alice");
    String old = passwordHash(alice);
    int raised = FeedStoreContract.TEST_ACCOUNTS.passwordHashIterations() * 2;
    Feed upgraded = node(1, FeedStoreContract.TEST_ACCOUNTS.withPasswordHashIterations(raised));

    assertThatThrownBy(() -> upgraded.accounts().logIn("alice", "wrong password", "c"))
        .isInstanceOf(AuthenticationException.class);
    assertThat(passwordHash(alice)).as("a failed log-in upgrades nothing").isEqualTo(old);

    upgraded.accounts().logIn("alice", PASSWORD, "c");
    assertThat(passwordHash(alice)).startsWith("$pbkdf2-sha256$i=" + raised + ",l=32$");
    assertThat(upgraded.accounts().logIn("alice", PASSWORD, "c").userId()).isEqualTo(alice.id());
    String strong = passwordHash(alice);
    assertThat(accounts().logIn("alice", PASSWORD, "c").userId())
        .as("a node configured lower reads the stronger hash")
        .isEqualTo(alice.id());
    assertThat(passwordHash(alice)).as("and leaves it alone").isEqualTo(strong);
  }

  // ---- sessions ---------------------------------------------------------------------------

  @Test
  void aTokenIs256RandomBitsAndIsStoredOnlyAsItsSha256() throws Exception {
    User alice = signUp("alice");
    Session session = logIn("alice");

    assertThat(session.token()).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(session.token())).hasSize(32);
    assertThat(logIn("alice").token()).isNotEqualTo(session.token());
    assertThat(session.toString()).doesNotContain(session.token());

    StoredSession stored = accountStore().findSession(sha256Hex(session.token())).orElseThrow();
    assertThat(stored.userId()).isEqualTo(alice.id());
    assertThat(stored.expiresAt()).isEqualTo(session.expiresAt());
    assertThat(stored.toString()).doesNotContain(session.token());
    assertThat(accountStore().findSession(session.token())).isEmpty();
  }

  @Test
  void noPasswordOrTokenEverReachesTheStore() {
    RecordingStore recording = new RecordingStore(contract().store());
    AccountEngine engine =
        new AccountEngine(
            recording.store(),
            clock(),
            new SnowflakeIds(clock(), 5),
            FeedStoreContract.TEST_ACCOUNTS);

    User alice = engine.signUp("alice", PASSWORD, "Alice");
    catchThrowable(() -> engine.logIn("alice", OTHER_PASSWORD, "c"));
    Session first = engine.logIn("alice", PASSWORD, "c");
    Session second = engine.logIn("alice", PASSWORD, "c");
    engine.authenticate(first.token());
    engine.changePassword(first.token(), PASSWORD, OTHER_PASSWORD);
    engine.authenticate(second.token());
    engine.logOut(first.token());
    engine.logOutEverywhere(alice.id());

    assertThat(recording.calls())
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
  void authenticateAnswersWithTheUserOfALiveTokenOnly() {
    User alice = signUp("alice");
    String token = logIn("alice").token();
    char last = token.charAt(token.length() - 1);
    String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(accounts().authenticate(token)).contains(alice.id());
    assertThat(accounts().authenticate(altered)).isEmpty();
    assertThat(accounts().authenticate("")).isEmpty();
    assertThat(accounts().authenticate(token + "A")).isEmpty();
    assertThat(accounts().authenticate("not a token at all")).isEmpty();
  }

  @Test
  void lookUpsComeFromTheCacheAndRenewalsAreWrittenSparingly() {
    RecordingStore recording = new RecordingStore(contract().store());
    AccountEngine engine =
        new AccountEngine(
            recording.store(),
            clock(),
            new SnowflakeIds(clock(), 5),
            FeedStoreContract.TEST_ACCOUNTS);
    AccountEngine uncached =
        new AccountEngine(
            recording.store(),
            clock(),
            new SnowflakeIds(clock(), 6),
            FeedStoreContract.TEST_ACCOUNTS.withSessionCacheExpiry(Duration.ZERO));
    User alice = engine.signUp("alice", PASSWORD, "Alice");
    String token = engine.logIn("alice", PASSWORD, "c").token();
    recording.clear();

    for (int i = 0; i < 50; i++) {
      assertThat(engine.authenticate(token)).contains(alice.id());
      clock().advance(Duration.ofSeconds(1));
    }
    assertThat(recording.calls())
        .as("one read, then the cache; no renewal yet")
        .containsExactly("accounts.findSession [" + SessionTokens.hash(token) + "]");

    recording.clear();
    for (int i = 0; i < 5; i++) {
      assertThat(uncached.authenticate(token)).contains(alice.id());
    }
    assertThat(recording.calls()).as("without the cache, a read each time").hasSize(5);

    recording.clear();
    clock().advance(Duration.ofHours(1));
    for (int i = 0; i < 50; i++) {
      assertThat(engine.authenticate(token)).contains(alice.id());
    }
    assertThat(recording.calls().stream().filter(c -> c.startsWith("accounts.renewSession")))
        .as("an hour of use is renewed once")
        .hasSize(1);
  }

  @Test
  void logOutEndsTheSessionAtOnce() {
    User alice = signUp("alice");
    Session ending = logIn("alice");
    Session staying = logIn("alice");
    assertThat(accounts().authenticate(ending.token())).contains(alice.id());

    accounts().logOut(ending.token());

    assertThat(accounts().authenticate(ending.token())).as("even though it was cached").isEmpty();
    assertThat(accounts().authenticate(staying.token())).contains(alice.id());
    accounts().logOut(ending.token());
    accounts().logOut("not a token");
  }

  @Test
  void logOutEverywhereEndsEverySessionOfThatUserOnly() {
    User alice = signUp("alice");
    User bob = signUp("bob");
    Session laptop = logIn("alice");
    Session phone = logIn("alice");
    Session bobs = logIn("bob");
    accounts().authenticate(laptop.token());
    accounts().authenticate(phone.token());
    accounts().authenticate(bobs.token());

    accounts().logOutEverywhere(alice.id());

    assertThat(accounts().authenticate(laptop.token())).isEmpty();
    assertThat(accounts().authenticate(phone.token())).isEmpty();
    assertThat(accounts().authenticate(bobs.token())).contains(bob.id());
    accounts().logOutEverywhere(UserId.of(424242));
  }

  @Test
  void aSessionEndsAfterTheIdleTimeoutAndEachUseRenewsIt() {
    User alice = signUp("alice");
    Instant loggedIn = clock().instant();
    Session session = logIn("alice");
    assertThat(session.expiresAt()).isEqualTo(loggedIn.plus(IDLE));

    clock().advance(IDLE.minusHours(2));
    assertThat(accounts().authenticate(session.token())).contains(alice.id());
    clock().advance(IDLE.minusHours(2));
    assertThat(accounts().authenticate(session.token())).contains(alice.id());
    clock().advance(IDLE);

    assertThat(accounts().authenticate(session.token())).isEmpty();
    assertThat(accounts().authenticate(session.token())).isEmpty();
  }

  @Test
  void anUnusedSessionEndsExactlyAtItsExpiry() {
    signUp("alice");
    Session session = logIn("alice");

    clock().set(session.expiresAt().minusMillis(1));
    Session other = logIn("alice");
    clock().set(session.expiresAt());

    assertThat(accounts().authenticate(session.token())).isEmpty();
    assertThat(accounts().authenticate(other.token())).isPresent();
  }

  @Test
  void aSessionEndsAtItsMaximumLifetimeHoweverOftenItIsUsed() {
    User alice = signUp("alice");
    Instant loggedIn = clock().instant();
    Session session = logIn("alice");

    while (clock().instant().plus(IDLE).isBefore(loggedIn.plus(MAX_LIFETIME))) {
      clock().advance(IDLE.dividedBy(2));
      assertThat(accounts().authenticate(session.token())).contains(alice.id());
    }
    clock().set(loggedIn.plus(MAX_LIFETIME).minusMillis(1));
    assertThat(accounts().authenticate(session.token())).contains(alice.id());
    clock().set(loggedIn.plus(MAX_LIFETIME));

    assertThat(accounts().authenticate(session.token())).isEmpty();
  }

  @Test
  void endedSessionsAreDeletedFromTheStore() throws Exception {
    signUp("alice");
    signUp("bob");
    Session used = logIn("alice");
    Session forgotten = logIn("alice");
    clock().advance(IDLE.plusDays(1));

    accounts().authenticate(used.token());
    assertThat(accountStore().findSession(sha256Hex(used.token())))
        .as("deleted on sight")
        .isEmpty();
    logIn("bob");
    assertThat(accountStore().findSession(sha256Hex(forgotten.token())))
        .as("swept by a later log-in")
        .isEmpty();
  }

  @Test
  void changingThePasswordEndsTheOtherSessionsAndKeepsThisOne() {
    User alice = signUp("alice");
    Session here = logIn("alice");
    Session elsewhere = logIn("alice");
    accounts().authenticate(elsewhere.token());

    accounts().changePassword(here.token(), PASSWORD, OTHER_PASSWORD);

    assertThat(accounts().authenticate(here.token())).contains(alice.id());
    assertThat(accounts().authenticate(elsewhere.token())).isEmpty();
    assertThatThrownBy(() -> accounts().logIn("alice", PASSWORD, "c"))
        .isInstanceOf(AuthenticationException.class);
    assertThat(accounts().logIn("alice", OTHER_PASSWORD, "c").userId()).isEqualTo(alice.id());
  }

  @Test
  void aWrongCurrentPasswordChangesNothing() {
    User alice = signUp("alice");
    Session here = logIn("alice");
    Session elsewhere = logIn("alice");

    assertThatThrownBy(
            () -> accounts().changePassword(here.token(), "wrong password", OTHER_PASSWORD))
        .isExactlyInstanceOf(AuthenticationException.class)
        .hasMessage("the current password is wrong");

    assertThat(accounts().authenticate(elsewhere.token())).contains(alice.id());
    assertThat(logIn("alice").userId()).isEqualTo(alice.id());
  }

  @Test
  void aBadNewPasswordChangesNothing() {
    User alice = signUp("alice");
    Session here = logIn("alice");
    Session elsewhere = logIn("alice");

    assertThatThrownBy(() -> accounts().changePassword(here.token(), PASSWORD, "short"))
        .isInstanceOf(InvalidPasswordException.class)
        .hasMessageContaining("at least 8");
    assertThatThrownBy(() -> accounts().changePassword(here.token(), PASSWORD, "ALICE"))
        .isInstanceOf(InvalidPasswordException.class);

    assertThat(accounts().authenticate(elsewhere.token())).contains(alice.id());
    assertThat(logIn("alice").userId()).isEqualTo(alice.id());
  }

  @Test
  void changingThePasswordNeedsALiveSession() {
    signUp("alice");
    Session session = logIn("alice");
    accounts().logOut(session.token());

    assertThatThrownBy(() -> accounts().changePassword(session.token(), PASSWORD, OTHER_PASSWORD))
        .isExactlyInstanceOf(AuthenticationException.class)
        .hasMessage("the session has ended; log in again");
    assertThatThrownBy(() -> accounts().changePassword("garbage", PASSWORD, OTHER_PASSWORD))
        .isExactlyInstanceOf(AuthenticationException.class);
    assertThat(logIn("alice")).isNotNull();
  }

  // ---- several feeds over one store (app nodes) -------------------------------------------

  @Test
  void aRevokedTokenIsRefusedByOtherNodesAtTheLatestWhenTheirCachedSessionExpires() {
    User alice = signUp("alice");
    Feed other = contract().reopen(1);
    opened.add(other);
    Session session = logIn("alice");
    assertThat(other.accounts().authenticate(session.token())).contains(alice.id());

    accounts().logOut(session.token());

    assertThat(accounts().authenticate(session.token())).isEmpty();
    clock().advance(FeedStoreContract.TEST_ACCOUNTS.sessionCacheExpiry());
    assertThat(other.accounts().authenticate(session.token())).isEmpty();
  }

  @Test
  void withoutTheCacheRevocationsReachOtherNodesAtOnce() {
    AccountsConfig uncached = FeedStoreContract.TEST_ACCOUNTS.withSessionCacheExpiry(Duration.ZERO);
    Feed one = node(1, uncached);
    Feed two = node(2, uncached);
    User alice = one.accounts().signUp("alice", PASSWORD, "Alice");
    Session session = one.accounts().logIn("alice", PASSWORD, "c");
    Session other = one.accounts().logIn("alice", PASSWORD, "c");
    assertThat(two.accounts().authenticate(session.token())).contains(alice.id());

    one.accounts().logOut(session.token());
    assertThat(two.accounts().authenticate(session.token())).isEmpty();
    one.accounts().logOutEverywhere(alice.id());
    assertThat(two.accounts().authenticate(other.token())).isEmpty();
  }

  @Test
  void aRenewalOnOneNodeIsHonouredByAnotherThatCachedTheSession() {
    AccountsConfig config =
        FeedStoreContract.TEST_ACCOUNTS
            .withSessionIdleTimeout(Duration.ofMinutes(10))
            .withSessionCacheExpiry(Duration.ofHours(1));
    Feed one = node(1, config);
    Feed two = node(2, config);
    User alice = one.accounts().signUp("alice", PASSWORD, "Alice");
    Session session = one.accounts().logIn("alice", PASSWORD, "c");
    assertThat(two.accounts().authenticate(session.token())).contains(alice.id());

    clock().advance(Duration.ofMinutes(9));
    assertThat(one.accounts().authenticate(session.token())).contains(alice.id());
    clock().advance(Duration.ofMinutes(2));

    assertThat(two.accounts().authenticate(session.token())).contains(alice.id());
  }

  // ---- throttling -------------------------------------------------------------------------

  @Test
  void failedLogInsOfAHandleDelayItsNextAttempts() {
    User alice = signUp("alice");
    int allowed = FeedStoreContract.TEST_ACCOUNTS.failedLogInsPerHandle();
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

    clock().advance(refused.retryAfter());
    assertThat(accounts().logIn("alice", PASSWORD, "another client").userId())
        .isEqualTo(alice.id());
  }

  @Test
  void failedLogInsFromAClientDelayItForEveryHandle() {
    signUp("alice");
    int allowed = FeedStoreContract.TEST_ACCOUNTS.failedLogInsPerClient();
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
        assertThat(tooMany.retryAfter())
            .isLessThanOrEqualTo(FeedStoreContract.TEST_ACCOUNTS.maxLogInDelay());
        longest = tooMany.retryAfter().compareTo(longest) > 0 ? tooMany.retryAfter() : longest;
        clock().advance(tooMany.retryAfter());
      }
    }
    assertThat(longest)
        .as("the guessing reached the longest delay")
        .isEqualTo(FeedStoreContract.TEST_ACCOUNTS.maxLogInDelay());
    catchThrowable(() -> accounts().logIn("alice", "one more guess", "bot100"));

    assertThat(accounts().logIn("alice", PASSWORD, "alice's laptop").userId())
        .as("from a client she logged in from before, at once")
        .isEqualTo(alice.id());
    TooManyAttemptsException refused =
        catchThrowableOfType(
            TooManyAttemptsException.class,
            () -> accounts().logIn("alice", PASSWORD, "a new phone"));
    assertThat(refused).isNotNull();
    assertThat(refused.retryAfter())
        .isLessThanOrEqualTo(FeedStoreContract.TEST_ACCOUNTS.maxLogInDelay());
    clock().advance(refused.retryAfter());
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
        clock().advance(Duration.ofSeconds(1));
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
    for (int i = 0; i < FeedStoreContract.TEST_ACCOUNTS.failedLogInsPerHandle(); i++) {
      assertThatThrownBy(() -> accounts().changePassword(session.token(), "guess", PASSWORD))
          .isExactlyInstanceOf(AuthenticationException.class);
    }

    assertThatThrownBy(() -> accounts().changePassword(session.token(), PASSWORD, OTHER_PASSWORD))
        .isInstanceOf(TooManyAttemptsException.class);
  }

  // ---- enumeration ------------------------------------------------------------------------

  @Test
  void anUnknownHandleCostsExactlyTheWorkOfAWrongPassword() {
    RecordingStore recording = new RecordingStore(contract().store());
    CountingHasher hasher =
        new CountingHasher(
            PasswordHasher.pbkdf2(FeedStoreContract.TEST_ACCOUNTS.passwordHashIterations()));
    AccountEngine engine =
        new AccountEngine(
            recording.store(),
            clock(),
            new SnowflakeIds(clock(), 6),
            FeedStoreContract.TEST_ACCOUNTS,
            hasher);
    engine.signUp("alice", PASSWORD, "Alice");
    feed().createUser("bob", "Bob, who has no password");

    List<String> work = new ArrayList<>();
    for (String handle : List.of("alice", "nobody", "bob")) {
      recording.clear();
      hasher.clear();
      Throwable failure = catchThrowable(() -> engine.logIn(handle, "wrong password", handle));
      work.add(
          describe(failure)
              + " | store: "
              + recording.calls().stream()
                  .map(call -> call.substring(0, call.indexOf(' ')))
                  .toList()
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
        new CountingHasher(
            PasswordHasher.pbkdf2(FeedStoreContract.TEST_ACCOUNTS.passwordHashIterations()));
    AccountEngine engine =
        new AccountEngine(
            contract().store(),
            clock(),
            new SnowflakeIds(clock(), 8),
            FeedStoreContract.TEST_ACCOUNTS,
            hasher);

    Session session = engine.signUpAndLogIn("carol", PASSWORD, "Carol");

    assertThat(hasher.work()).containsExactly("hash");
    assertThat(engine.authenticate(session.token())).contains(session.userId());
    assertThat(feed().user(session.userId()).orElseThrow().handle()).isEqualTo("carol");
    assertThat(engine.logIn("carol", PASSWORD, "c").userId()).isEqualTo(session.userId());
  }

  @Test
  void anUnknownHandleTakesAsLongAsAWrongPassword() {
    // One coarse timing check; the exact proof is the test above. A hash of 10,000 iterations
    // (some milliseconds) dwarfs every other cost, so without the decoy the medians would differ
    // a hundredfold; interleaving the two kinds of attempt spreads any load evenly over both, and
    // the band is wide because a shared CI machine is noisy.
    AccountsConfig config =
        FeedStoreContract.TEST_ACCOUNTS
            .withPasswordHashIterations(10_000)
            .withLogInThrottle(10_000, 10_000, Duration.ofSeconds(1));
    AccountEngine engine =
        new AccountEngine(contract().store(), clock(), new SnowflakeIds(clock(), 7), config);
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

  // ---- the store's own promises -----------------------------------------------------------

  private User newUser(String handle) {
    if (storeIds == null) {
      storeIds = new SnowflakeIds(clock(), 11);
    }
    long id = storeIds.next();
    return new User(new UserId(id), handle, handle, SnowflakeIds.instantOf(id));
  }

  /**
   * A token hash in the form the engine hands to a store, the SHA-256 of a token as 64 hex digits;
   * here of a name, so that tests can tell sessions apart. A store may rely on that form.
   */
  private static String tokenHash(String name) {
    return SessionTokens.hash(name);
  }

  private static StoredSession session(String name, User user, Instant at, Duration life) {
    return new StoredSession(tokenHash(name), user.id(), at, at.plus(life));
  }

  @Test
  void storeAddsAUserWithAPasswordInOneStep() {
    User alice = newUser("alice");
    accountStore().insertUser(alice, "hash-1");
    User impostor = newUser("ALICE");

    assertThatThrownBy(() -> accountStore().insertUser(impostor, "hash-2"))
        .isInstanceOf(HandleTakenException.class);

    assertThat(accountStore().findCredential("Alice"))
        .contains(new Credential(alice.id(), "hash-1"));
    assertThat(accountStore().findCredential(alice.id()))
        .map(Credential::passwordHash)
        .contains("hash-1");
    assertThat(accountStore().findCredential(impostor.id())).isEmpty();
    assertThat(feed().user(impostor.id())).isEmpty();
    assertThat(accountStore().findCredential("nobody")).isEmpty();
  }

  @Test
  void storeHasNoCredentialForAUserWithoutAPassword() {
    User bob = feed().createUser("bob", "Bob");

    assertThat(accountStore().findCredential("bob")).isEmpty();
    assertThat(accountStore().findCredential(bob.id())).isEmpty();
  }

  @Test
  void storeReplacesAPasswordHashOnlyIfItIsUnchanged() {
    User alice = newUser("alice");
    accountStore().insertUser(alice, "hash-1");

    assertThat(accountStore().replacePasswordHash(alice.id(), "stale", "hash-2")).isFalse();
    assertThat(accountStore().replacePasswordHash(alice.id(), "hash-1", "hash-2")).isTrue();
    assertThat(accountStore().findCredential(alice.id()))
        .map(Credential::passwordHash)
        .contains("hash-2");
    assertThat(accountStore().replacePasswordHash(UserId.of(99), "hash-1", "hash-2")).isFalse();
  }

  @Test
  void storeChangesAPasswordAndEndsTheOtherSessionsInOneStep() {
    User alice = newUser("alice");
    User bob = newUser("bob");
    accountStore().insertUser(alice, "hash-1");
    accountStore().insertUser(bob, "hash-b");
    Instant now = clock().instant();
    Duration life = Duration.ofDays(1);
    assertThat(accountStore().insertSession(session("a1", alice, now, life), "hash-1")).isTrue();
    assertThat(accountStore().insertSession(session("a2", alice, now, life), "hash-1")).isTrue();
    assertThat(accountStore().insertSession(session("a3", alice, now, life), "hash-1")).isTrue();
    assertThat(accountStore().insertSession(session("b1", bob, now, life), "hash-b")).isTrue();

    assertThat(accountStore().changePassword(alice.id(), "stale", "hash-2", tokenHash("a1")))
        .isFalse();
    assertThat(accountStore().findSession(tokenHash("a2")))
        .as("a refused change ends nothing")
        .isPresent();

    assertThat(accountStore().changePassword(alice.id(), "hash-1", "hash-2", tokenHash("a1")))
        .isTrue();
    assertThat(accountStore().findCredential(alice.id()))
        .map(Credential::passwordHash)
        .contains("hash-2");
    assertThat(accountStore().findSession(tokenHash("a1"))).isPresent();
    assertThat(accountStore().findSession(tokenHash("a2"))).isEmpty();
    assertThat(accountStore().findSession(tokenHash("a3"))).isEmpty();
    assertThat(accountStore().findSession(tokenHash("b1"))).isPresent();
  }

  @Test
  void storeAddsASessionOnlyWhileItsPasswordHashIsCurrent() {
    User alice = newUser("alice");
    accountStore().insertUser(alice, "hash-1");
    accountStore().replacePasswordHash(alice.id(), "hash-1", "hash-2");
    Instant now = clock().instant();

    assertThat(accountStore().insertSession(session("s1", alice, now, IDLE), "hash-1")).isFalse();
    assertThat(accountStore().findSession(tokenHash("s1"))).isEmpty();
    assertThat(accountStore().insertSession(session("s2", alice, now, IDLE), "hash-2")).isTrue();
    assertThat(accountStore().findSession(tokenHash("s2")))
        .contains(session("s2", alice, now, IDLE));
  }

  @Test
  void storeRenewsAndDeletesSessionsWithoutBringingThemBack() {
    User alice = newUser("alice");
    User bob = newUser("bob");
    accountStore().insertUser(alice, "hash-a");
    accountStore().insertUser(bob, "hash-b");
    Instant now = clock().instant();
    accountStore().insertSession(session("a1", alice, now, Duration.ofHours(1)), "hash-a");
    accountStore().insertSession(session("a2", alice, now, Duration.ofHours(2)), "hash-a");
    accountStore().insertSession(session("b1", bob, now, Duration.ofHours(3)), "hash-b");

    assertThat(accountStore().renewSession(tokenHash("a1"), now.plus(Duration.ofHours(5))))
        .isTrue();
    assertThat(accountStore().findSession(tokenHash("a1")))
        .map(StoredSession::expiresAt)
        .contains(now.plus(Duration.ofHours(5)));
    assertThat(accountStore().deleteSession(tokenHash("a1"))).isTrue();
    assertThat(accountStore().deleteSession(tokenHash("a1"))).isFalse();
    assertThat(accountStore().renewSession(tokenHash("a1"), now.plus(Duration.ofHours(6))))
        .isFalse();
    assertThat(accountStore().findSession(tokenHash("a1"))).isEmpty();

    assertThat(accountStore().deleteSessions(alice.id())).isEqualTo(1);
    assertThat(accountStore().deleteSessions(alice.id())).isZero();
    assertThat(accountStore().findSession(tokenHash("a2"))).isEmpty();
    assertThat(accountStore().findSession(tokenHash("b1"))).isPresent();
  }

  @Test
  void storeSweepsExactlyTheSessionsExpiredByAnInstant() {
    User alice = newUser("alice");
    accountStore().insertUser(alice, "hash-a");
    Instant now = clock().instant();
    accountStore().insertSession(session("early", alice, now, Duration.ofHours(1)), "hash-a");
    accountStore().insertSession(session("exact", alice, now, Duration.ofHours(2)), "hash-a");
    accountStore().insertSession(session("later", alice, now, Duration.ofHours(3)), "hash-a");

    assertThat(accountStore().deleteSessionsExpiredBy(now.plus(Duration.ofHours(2)))).isEqualTo(2);

    assertThat(accountStore().findSession(tokenHash("early"))).isEmpty();
    assertThat(accountStore().findSession(tokenHash("exact"))).isEmpty();
    assertThat(accountStore().findSession(tokenHash("later"))).isPresent();
    assertThat(accountStore().deleteSessions(alice.id())).isEqualTo(1);
  }
}
