package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.feedkit.jdbc.testing.PostgresDatabase;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schema itself refuses rows that no correct store would write. */
class SchemaConstraintsTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  private static final String CHECK = "23514";
  private static final String FOREIGN_KEY = "23503";
  private static final String UNIQUE = "23505";
  private static final String NOT_NULL = "23502";

  /** A well-formed token hash (32 bytes), distinct for each {@code n}. */
  private static String token(int n) {
    return "sha256(int8send(" + n + "))";
  }

  private static Jdbi jdbi;

  @BeforeAll
  static void migrate() {
    JdbcFeedStore.migrate(database.dataSource());
    jdbi = Jdbi.create(database.dataSource());
  }

  @BeforeEach
  void twoUsers() throws SQLException {
    database.truncateAll();
    execute(
        "INSERT INTO feedkit_users VALUES (1, 'Alice', 'alice', 'Alice', now()),"
            + " (2, 'bob', 'bob', 'Bob', now())");
    execute("INSERT INTO feedkit_user_counts (user_id) VALUES (1), (2)");
  }

  private static void execute(String sql) {
    jdbi.useHandle(h -> h.execute(sql));
  }

  /** The SQLState with which PostgreSQL refuses the statement. */
  private static String refusal(String sql) {
    UnableToExecuteStatementException e =
        catchThrowableOfType(UnableToExecuteStatementException.class, () -> execute(sql));
    assertThat(e).as("PostgreSQL refuses: " + sql).isNotNull();
    return ((SQLException) e.getCause()).getSQLState();
  }

  @Test
  void aUserCannotFollowThemselves() {
    assertThat(refusal("INSERT INTO feedkit_follows VALUES (1, 1, 10)")).isEqualTo(CHECK);
  }

  @Test
  void followsAndPostsMustNameExistingUsers() {
    assertThat(refusal("INSERT INTO feedkit_follows VALUES (1, 3, 10)")).isEqualTo(FOREIGN_KEY);
    assertThat(refusal("INSERT INTO feedkit_follows VALUES (3, 1, 10)")).isEqualTo(FOREIGN_KEY);
    assertThat(refusal("INSERT INTO feedkit_posts VALUES (3, 10, 'hi', now())"))
        .isEqualTo(FOREIGN_KEY);
    assertThat(refusal("INSERT INTO feedkit_user_counts (user_id) VALUES (3)"))
        .isEqualTo(FOREIGN_KEY);
  }

  @Test
  void postsMustHoldOneTo280CharactersThatAreNotAllBlank() {
    assertThat(refusal("INSERT INTO feedkit_posts VALUES (1, 10, '', now())")).isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_posts VALUES (1, 10, E' \\n ', now())"))
        .isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_posts VALUES (1, 10, repeat('é', 281), now())"))
        .isEqualTo(CHECK);
    execute("INSERT INTO feedkit_posts VALUES (1, 10, repeat('é', 280), now())");
  }

  @Test
  void postIdsAreUniqueAcrossAuthors() {
    execute("INSERT INTO feedkit_posts VALUES (1, 10, 'one', now())");
    assertThat(refusal("INSERT INTO feedkit_posts VALUES (2, 10, 'two', now())")).isEqualTo(UNIQUE);
  }

  @Test
  void handlesAreValidAndUniqueWithoutRegardToCase() {
    assertThat(refusal("INSERT INTO feedkit_users VALUES (3, 'ALICE', 'alice', 'A', now())"))
        .isEqualTo(UNIQUE);
    assertThat(refusal("INSERT INTO feedkit_users VALUES (3, 'Carol', 'Carol', 'C', now())"))
        .isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_users VALUES (3, 'c!', 'c!', 'C', now())"))
        .isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_users VALUES (3, 'carol', 'carol', '', now())"))
        .isEqualTo(CHECK);
  }

  @Test
  void countersCannotGoNegative() {
    assertThat(refusal("UPDATE feedkit_user_counts SET posts = posts - 1 WHERE user_id = 1"))
        .isEqualTo(CHECK);
  }

  @Test
  void idsArePositive() {
    assertThat(refusal("INSERT INTO feedkit_users VALUES (0, 'carol', 'carol', 'C', now())"))
        .isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_posts VALUES (1, -5, 'hi', now())")).isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_follows VALUES (1, 2, 0)")).isEqualTo(CHECK);
  }

  @Test
  void credentialsBelongToExistingUsersOneEach() {
    execute(
        "INSERT INTO feedkit_credentials"
            + " VALUES (1, '$pbkdf2-sha256$i=1000,l=32$c2FsdA$aGFzaA')");
    assertThat(refusal("INSERT INTO feedkit_credentials VALUES (3, 'hash')"))
        .isEqualTo(FOREIGN_KEY);
    assertThat(refusal("INSERT INTO feedkit_credentials VALUES (1, 'another')")).isEqualTo(UNIQUE);
    assertThat(refusal("INSERT INTO feedkit_credentials VALUES (2, NULL)")).isEqualTo(NOT_NULL);
  }

  @Test
  void passwordHashesAreOneTo255PrintableAsciiCharactersWithoutSpaces() {
    assertThat(refusal("INSERT INTO feedkit_credentials VALUES (1, '')")).isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_credentials VALUES (1, 'two words')")).isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_credentials VALUES (1, E'hash\\n')")).isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_credentials VALUES (1, 'häsh')")).isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_credentials VALUES (1, repeat('h', 256))"))
        .isEqualTo(CHECK);
    execute("INSERT INTO feedkit_credentials VALUES (1, repeat('h', 255))");
    execute("UPDATE feedkit_credentials SET password_hash = '!~' WHERE user_id = 1");
  }

  @Test
  void sessionsBelongToUsersWithAPassword() {
    execute("INSERT INTO feedkit_credentials VALUES (1, 'hash')");
    execute("INSERT INTO feedkit_sessions VALUES (" + token(1) + ", 1, now(), now() + '1 day')");
    assertThat(
            refusal(
                "INSERT INTO feedkit_sessions VALUES ("
                    + token(2)
                    + ", 2, now(), now() + '1 day')"))
        .as("bob has no password")
        .isEqualTo(FOREIGN_KEY);
    assertThat(
            refusal(
                "INSERT INTO feedkit_sessions VALUES ("
                    + token(3)
                    + ", 3, now(), now() + '1 day')"))
        .isEqualTo(FOREIGN_KEY);
  }

  @Test
  void sessionsAreKeyedByUniqueSha256Hashes() {
    execute("INSERT INTO feedkit_credentials VALUES (1, 'hash')");
    execute("INSERT INTO feedkit_sessions VALUES (" + token(1) + ", 1, now(), now() + '1 day')");
    assertThat(
            refusal(
                "INSERT INTO feedkit_sessions VALUES ("
                    + token(1)
                    + ", 1, now(), now() + '2 days')"))
        .isEqualTo(UNIQUE);
    assertThat(
            refusal(
                "INSERT INTO feedkit_sessions VALUES (substr("
                    + token(2)
                    + ", 1, 31), 1, now(), now() + '1 day')"))
        .isEqualTo(CHECK);
    assertThat(
            refusal(
                "INSERT INTO feedkit_sessions VALUES ("
                    + token(2)
                    + " || decode('00', 'hex'), 1, now(), now() + '1 day')"))
        .isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_sessions VALUES ('', 1, now(), now() + '1 day')"))
        .isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_sessions VALUES (NULL, 1, now(), now() + '1 day')"))
        .isEqualTo(NOT_NULL);
  }

  @Test
  void sessionsExpireAfterTheyBegin() {
    execute("INSERT INTO feedkit_credentials VALUES (1, 'hash')");
    assertThat(refusal("INSERT INTO feedkit_sessions VALUES (" + token(1) + ", 1, now(), now())"))
        .isEqualTo(CHECK);
    assertThat(
            refusal(
                "INSERT INTO feedkit_sessions VALUES ("
                    + token(1)
                    + ", 1, now(), now() - interval '1 second')"))
        .isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_sessions VALUES (" + token(1) + ", 1, now(), NULL)"))
        .isEqualTo(NOT_NULL);
    execute(
        "INSERT INTO feedkit_sessions VALUES ("
            + token(1)
            + ", 1, now(), now() + '1 millisecond')");
    assertThat(refusal("UPDATE feedkit_sessions SET expires_at = created_at")).isEqualTo(CHECK);
  }

  @Test
  void timelineEntriesAreOnePerOwnerAndPostWithPositiveIds() {
    execute("INSERT INTO feedkit_home_timeline VALUES (1, 10)");
    assertThat(refusal("INSERT INTO feedkit_home_timeline VALUES (1, 10)")).isEqualTo(UNIQUE);
    assertThat(refusal("INSERT INTO feedkit_home_timeline VALUES (1, 0)")).isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_home_timeline VALUES (-1, 11)")).isEqualTo(CHECK);
    assertThat(refusal("INSERT INTO feedkit_home_timeline VALUES (1, NULL)")).isEqualTo(NOT_NULL);
  }

  /** Entries are candidates that reads check; a delete removes them later, so no key binds them. */
  @Test
  void aPostOnTimelinesCanBeDeleted() {
    execute("INSERT INTO feedkit_posts VALUES (2, 10, 'hi', now())");
    execute("INSERT INTO feedkit_home_timeline VALUES (1, 10), (2, 10)");

    execute("DELETE FROM feedkit_posts WHERE id = 10");

    int entries =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM feedkit_home_timeline")
                    .mapTo(Integer.class)
                    .one());
    assertThat(entries).as("left for the clean-up").isEqualTo(2);
  }

  @Test
  void horizonsBelongToExistingUsersOneEachAndAreNotNegative() {
    execute("INSERT INTO feedkit_timeline_owners VALUES (1, 10)");
    assertThat(refusal("INSERT INTO feedkit_timeline_owners VALUES (1, 20)")).isEqualTo(UNIQUE);
    assertThat(refusal("INSERT INTO feedkit_timeline_owners VALUES (3, 0)")).isEqualTo(FOREIGN_KEY);
    assertThat(refusal("INSERT INTO feedkit_timeline_owners VALUES (2, -1)")).isEqualTo(CHECK);
    assertThat(refusal("UPDATE feedkit_timeline_owners SET horizon = NULL")).isEqualTo(NOT_NULL);
  }

  /** Push is every author without a row, so a row saying PUSH could only disagree with that. */
  @Test
  void deliveriesArePullOrBothForExistingUsersOneEach() {
    execute("INSERT INTO feedkit_fanout_authors VALUES (1, 'PULL')");
    execute("INSERT INTO feedkit_fanout_authors VALUES (2, 'BOTH')");
    assertThat(refusal("INSERT INTO feedkit_fanout_authors VALUES (1, 'BOTH')")).isEqualTo(UNIQUE);
    assertThat(refusal("INSERT INTO feedkit_fanout_authors VALUES (3, 'PULL')"))
        .isEqualTo(FOREIGN_KEY);
    assertThat(refusal("UPDATE feedkit_fanout_authors SET delivery = 'PUSH' WHERE author_id = 1"))
        .isEqualTo(CHECK);
    assertThat(refusal("UPDATE feedkit_fanout_authors SET delivery = 'pull' WHERE author_id = 1"))
        .isEqualTo(CHECK);
  }
}
