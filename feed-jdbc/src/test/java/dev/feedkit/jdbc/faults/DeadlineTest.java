package dev.feedkit.jdbc.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.Deadline;
import dev.feedkit.DeadlineExceededException;
import dev.feedkit.Feed;
import dev.feedkit.PageRequest;
import dev.feedkit.User;
import dev.feedkit.jdbc.JdbcFeedStore;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A caller's {@link Deadline} bounds how long a call waits on PostgreSQL: a statement that would
 * run past it is cancelled, one that waits for a lock gives up, a call begun after it fails at
 * once, and none of them leaves anything half done.
 */
@DisplayName("deadlines")
class DeadlineTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  /** Far longer than any deadline here: a call that waited for it would show. */
  private static final Duration SLOW = Duration.ofSeconds(20);

  private JdbcFeedStore store;
  private Feed feed;
  private User author;
  private User reader;

  @BeforeEach
  void open() throws SQLException {
    JdbcFeedStore.migrate(database.dataSource());
    database.truncateAll();
    store = JdbcFeedStore.builder().jdbcUrl(database.jdbcUrl()).poolSize(4).build();
    feed = Feed.builder().store(store).build();
    author = feed.createUser("author", "Author");
    reader = feed.createUser("reader", "Reader");
    execute(
        "CREATE FUNCTION slow_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM"
            + " pg_sleep("
            + SLOW.toSeconds()
            + "); RETURN NEW; END $$");
  }

  @AfterEach
  void close() throws SQLException {
    feed.close();
    store.close();
    execute("DROP TRIGGER IF EXISTS slow_write ON feedkit_posts");
    execute("DROP FUNCTION IF EXISTS slow_write()");
  }

  @Test
  void aStatementThatWouldRunPastTheDeadlineIsCancelledAndNothingIsKept() throws SQLException {
    execute(
        "CREATE TRIGGER slow_write BEFORE INSERT ON feedkit_posts"
            + " FOR EACH ROW EXECUTE FUNCTION slow_write()");
    long start = System.nanoTime();

    try (Deadline.Scope s = Deadline.after(Duration.ofMillis(300))) {
      assertThatThrownBy(() -> feed.post(author.id(), "too slow"))
          .isInstanceOf(DeadlineExceededException.class)
          .hasMessageContaining("deadline");
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SLOW.dividedBy(2));
    assertThat(count("SELECT count(*) FROM feedkit_posts")).isZero();
    assertThat(count("SELECT count(*) FROM feedkit_jobs")).isZero();
    assertThat(count("SELECT count(*) FROM feedkit_home_timeline")).isZero();
  }

  @Test
  void aCallWaitingForALockGivesUpAtTheDeadline() throws SQLException {
    try (Connection holder = database.connect();
        Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("SELECT * FROM feedkit_users FOR UPDATE");
      long start = System.nanoTime();

      try (Deadline.Scope d = Deadline.after(Duration.ofMillis(300))) {
        assertThatThrownBy(() -> feed.follow(reader.id(), author.id()))
            .isInstanceOf(DeadlineExceededException.class);
      }

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SLOW.dividedBy(2));
      holder.rollback();
    }
    assertThat(feed.isFollowing(reader.id(), author.id())).isFalse();
    assertThat(feed.follow(reader.id(), author.id()))
        .as("without a deadline it goes through")
        .isTrue();
  }

  @Test
  void aCallBegunAfterTheDeadlinePassedFailsAtOnce() throws SQLException {
    try (Deadline.Scope s = Deadline.after(Duration.ofNanos(1))) {
      assertThat(Deadline.current()).hasValueSatisfying(d -> assertThat(d.passed()).isTrue());
      assertThatThrownBy(() -> feed.post(author.id(), "late"))
          .isInstanceOf(DeadlineExceededException.class);
      assertThatThrownBy(() -> feed.homeTimeline(reader.id(), PageRequest.first(10)))
          .isInstanceOf(DeadlineExceededException.class);
    }
    assertThat(count("SELECT count(*) FROM feedkit_posts")).isZero();
    assertThat(Deadline.current()).isEmpty();
    assertThat(feed.post(author.id(), "on time").text()).isEqualTo("on time");
  }

  @Test
  void aCallWithinItsDeadlineRunsAsWithout() {
    try (Deadline.Scope s = Deadline.after(Duration.ofSeconds(30))) {
      feed.follow(reader.id(), author.id());
      feed.post(author.id(), "in time");
      feed.awaitFanout();
      assertThat(feed.homeTimeline(reader.id(), PageRequest.first(10)).items())
          .extracting(p -> p.text())
          .containsExactly("in time");
    }
  }

  private static void execute(String sql) throws SQLException {
    database.execute(sql);
  }

  private static long count(String sql) throws SQLException {
    return database.queryLong(sql);
  }
}
