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

  private static Jdbi jdbi;

  @BeforeAll
  static void migrate() {
    JdbcFeedStore.migrate(database.dataSource());
    jdbi = Jdbi.create(database.dataSource());
  }

  @BeforeEach
  void twoUsers() throws SQLException {
    database.truncateAll();
    execute("INSERT INTO feedkit_users VALUES (1, 'Alice', 'alice', 'Alice', now()),"
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
    assertThat(refusal("INSERT INTO feedkit_posts VALUES (2, 10, 'two', now())"))
        .isEqualTo(UNIQUE);
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
}
