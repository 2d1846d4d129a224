package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.feedkit.NoSuchUserException;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.internal.SessionTokens;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.StoredSession;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the contract suite cannot see of {@link JdbcAccountStore}: how its writes queue behind
 * concurrent transactions on the same rows, and what its failures reveal. Each race is staged
 * exactly: another connection runs the store's own statement for the other side and holds its
 * transaction open until the store's call is seen waiting for a lock, then commits.
 */
class JdbcAccountStoreTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final UserId ALICE = UserId.of(1);

  private static Jdbi jdbi;

  private JdbcFeedStore store;
  private AccountStore accounts;
  private ExecutorService worker;

  @BeforeAll
  static void migrate() {
    JdbcFeedStore.migrate(database.dataSource());
    jdbi = Jdbi.create(database.dataSource());
  }

  @BeforeEach
  void aliceWithAPassword() throws SQLException {
    database.truncateAll();
    // The store's own pool names its connections "feedkit", which tells them apart from ours.
    store = JdbcFeedStore.builder().jdbcUrl(database.jdbcUrl()).poolSize(2).migrate(false).build();
    accounts = store.accounts();
    worker = Executors.newSingleThreadExecutor();
    accounts.insertUser(new User(ALICE, "alice", "Alice", NOW), "hash-1");
  }

  @AfterEach
  void closeStore() {
    worker.shutdownNow();
    store.close();
  }

  private static String tokenHash(int n) {
    return SessionTokens.hash("token " + n);
  }

  private static StoredSession session(int n) {
    return new StoredSession(tokenHash(n), ALICE, NOW, NOW.plus(Duration.ofHours(1)));
  }

  private static String sql(String name) {
    return Database.sql(JdbcAccountStore.class, name);
  }

  // ---- races ------------------------------------------------------------------------------

  @Test
  void aSessionCheckedAgainstAHashBeingReplacedWaitsAndIsRefused() throws Exception {
    Future<Boolean> logIn;
    try (Handle change = jdbi.open()) {
      change.begin();
      assertThat(
              change
                  .createUpdate(sql("replacePasswordHash"))
                  .bind("user", ALICE.value())
                  .bind("expected", "hash-1")
                  .bind("replacement", "hash-2")
                  .execute())
          .isEqualTo(1);

      logIn = worker.submit(() -> accounts.insertSession(session(1), "hash-1"));
      database.awaitBackendWaitingForALock("feedkit");
      change.commit();
    }

    assertThat(logIn.get(30, TimeUnit.SECONDS)).as("checked against a hash now replaced").isFalse();
    assertThat(accounts.findSession(tokenHash(1))).isEmpty();
  }

  @Test
  void aPasswordChangeWaitsForASessionBeingOpenedAndEndsIt() throws Exception {
    assertThat(accounts.insertSession(session(0), "hash-1")).isTrue();
    Future<Boolean> change;
    try (Handle logIn = jdbi.open()) {
      logIn.begin();
      assertThat(
              logIn
                  .createUpdate(sql("insertSession"))
                  .bind("tokenHash", JdbcAccountStore.decode(tokenHash(1)))
                  .bind("user", ALICE.value())
                  .bind("createdAt", Rows.timestamp(NOW))
                  .bind("expiresAt", Rows.timestamp(NOW.plus(Duration.ofHours(1))))
                  .bind("passwordHash", "hash-1")
                  .execute())
          .isEqualTo(1);

      change =
          worker.submit(() -> accounts.changePassword(ALICE, "hash-1", "hash-2", tokenHash(0)));
      database.awaitBackendWaitingForALock("feedkit");
      logIn.commit();
    }

    assertThat(change.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(accounts.findSession(tokenHash(1))).as("opened with the old password").isEmpty();
    assertThat(accounts.findSession(tokenHash(0))).as("the session that changed it").isPresent();
    assertThat(accounts.findCredential(ALICE).orElseThrow().passwordHash()).isEqualTo("hash-2");
  }

  @Test
  void aSweepSparesASessionRenewedWhileItRuns() throws Exception {
    accounts.insertSession(session(1), "hash-1");
    Instant renewed = NOW.plus(Duration.ofHours(3));
    Future<Integer> sweep;
    try (Handle renew = jdbi.open()) {
      renew.begin();
      assertThat(
              renew
                  .createUpdate(sql("renewSession"))
                  .bind("tokenHash", JdbcAccountStore.decode(tokenHash(1)))
                  .bind("expiresAt", Rows.timestamp(renewed))
                  .execute())
          .isEqualTo(1);

      sweep = worker.submit(() -> accounts.deleteSessionsExpiredBy(NOW.plus(Duration.ofHours(2))));
      database.awaitBackendWaitingForALock("feedkit");
      renew.commit();
    }

    assertThat(sweep.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(accounts.findSession(tokenHash(1))).map(StoredSession::expiresAt).contains(renewed);
  }

  // ---- atomicity and form -----------------------------------------------------------------

  @Test
  void aSignUpWhoseCredentialIsRefusedLeavesNoUserBehind() {
    User bob = new User(UserId.of(2), "bob", "Bob", NOW);

    assertThatThrownBy(() -> accounts.insertUser(bob, "not a hash"))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.users().findById(bob.id())).isEmpty();
    assertThat(store.users().findByHandle("bob")).isEmpty();
    assertThatThrownBy(() -> store.users().counts(bob.id()))
        .isInstanceOf(NoSuchUserException.class);
  }

  @Test
  void tokenHashesAreStoredAsTheir32Bytes() {
    accounts.insertSession(session(1), "hash-1");

    String stored =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT encode(token_hash, 'hex')"
                            + " FROM feedkit_sessions WHERE octet_length(token_hash) = 32")
                    .mapTo(String.class)
                    .one());
    assertThat(stored).isEqualTo(tokenHash(1));
    assertThat(accounts.findSession(tokenHash(1))).contains(session(1));
  }

  @Test
  void aTokenHashOfAnyOtherFormNamesNoSession() {
    accounts.insertSession(session(1), "hash-1");
    String upper = tokenHash(1).toUpperCase(Locale.ROOT);

    assertThat(accounts.findSession(upper)).isEmpty();
    assertThat(accounts.findSession("")).isEmpty();
    assertThat(accounts.findSession(tokenHash(1) + "0")).isEmpty();
    assertThat(accounts.renewSession(upper, NOW.plus(Duration.ofHours(2)))).isFalse();
    assertThat(accounts.deleteSession(upper)).isFalse();
    assertThat(accounts.findSession(tokenHash(1))).contains(session(1));
    assertThatThrownBy(
            () ->
                accounts.insertSession(
                    new StoredSession(upper, ALICE, NOW, NOW.plusSeconds(1)), "hash-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 lower-case hex digits");

    assertThat(accounts.changePassword(ALICE, "hash-1", "hash-2", upper)).isTrue();
    assertThat(accounts.findSession(tokenHash(1))).as("no session was kept").isEmpty();
  }

  // ---- secrets ----------------------------------------------------------------------------

  /** The failure is a caller's mistake that quotes no secret and keeps no database error. */
  private static void assertRefusedQuietly(Throwable failure, String... secrets) {
    assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasNoCause();
    for (String secret : secrets) {
      assertThat(failure.getMessage()).doesNotContain(secret);
    }
  }

  @Test
  void refusedWritesQuoteNoHash() {
    String badHash = "$pbkdf2-sha256$i=1000,l=32$salt$ with a space";
    accounts.insertSession(session(1), "hash-1");

    assertRefusedQuietly(
        catchThrowable(() -> accounts.insertSession(session(1), "hash-1")),
        tokenHash(1),
        tokenHash(1).substring(0, 16));
    assertRefusedQuietly(
        catchThrowable(() -> accounts.renewSession(tokenHash(1), NOW)),
        tokenHash(1),
        tokenHash(1).substring(0, 16));
    assertRefusedQuietly(
        catchThrowable(
            () -> accounts.insertUser(new User(UserId.of(2), "bob", "Bob", NOW), badHash)),
        badHash,
        "pbkdf2");
    assertRefusedQuietly(
        catchThrowable(() -> accounts.replacePasswordHash(ALICE, "hash-1", badHash)),
        badHash,
        "pbkdf2");
    assertRefusedQuietly(
        catchThrowable(() -> accounts.changePassword(ALICE, "hash-1", badHash, tokenHash(1))),
        badHash,
        "pbkdf2");

    assertThat(accounts.findCredential(ALICE).orElseThrow().passwordHash()).isEqualTo("hash-1");
    assertThat(accounts.findSession(tokenHash(1))).contains(session(1));
  }
}
