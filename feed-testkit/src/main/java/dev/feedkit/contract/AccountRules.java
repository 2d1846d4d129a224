package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.feedkit.Accounts;
import dev.feedkit.AccountsConfig;
import dev.feedkit.AuthenticationException;
import dev.feedkit.Feed;
import dev.feedkit.HandleTakenException;
import dev.feedkit.InvalidDisplayNameException;
import dev.feedkit.InvalidHandleException;
import dev.feedkit.InvalidPasswordException;
import dev.feedkit.Session;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.Credential;
import dev.feedkit.spi.StoredSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sign-up, log-in and sessions as a store keeps them: users with passwords, hashes at rest and
 * their upgrade, sessions that end when they should on every node, and stolen or revoked tokens.
 * Most rules are checked through {@link Feed#accounts()}; the store's own promises ({@link
 * AccountStore}) are checked directly. What the engine alone decides (log-in throttling, the
 * equal work of every failed log-in, what reaches the store, the session cache) is tested in
 * feed-core, over a store of its own.
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

  /** Ids for users made straight in the store, far above any id the engine makes. */
  private static final AtomicLong STORE_IDS = new AtomicLong(Long.MAX_VALUE / 2);

  private final List<Feed> opened = new ArrayList<>();

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

  private static String sha256Hex(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
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

  // ---- the store's own promises -----------------------------------------------------------

  /**
   * A user for the store alone, not yet in it, with an id above any the engine makes, made at the
   * clock's instant.
   */
  private User newUser(String handle) {
    return new User(new UserId(STORE_IDS.incrementAndGet()), handle, handle, clock().instant());
  }

  /**
   * A token hash in the form the engine hands to a store, the SHA-256 of a token as 64 hex digits;
   * here of a name, so that tests can tell sessions apart. A store may rely on that form.
   */
  private static String tokenHash(String name) {
    return sha256Hex(name);
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
