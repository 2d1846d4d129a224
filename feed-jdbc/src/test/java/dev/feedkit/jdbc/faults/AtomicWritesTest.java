package dev.feedkit.jdbc.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.Feed;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.StoreException;
import dev.feedkit.User;
import dev.feedkit.jdbc.JdbcFeedStore;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No half-written writes: a post, its author's own timeline entry and the delivery it owes commit
 * together or not at all, and so do a follow and its backfill, an unfollow and its clean-up, a
 * delete and its clean-up. Each test makes one part fail inside PostgreSQL (a trigger that
 * raises) and checks that the whole call changed nothing.
 */
@DisplayName("atomic writes")
class AtomicWritesTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

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
        """
        CREATE FUNCTION fail_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'write failure (injected)';
        END $$""");
  }

  @AfterEach
  void close() throws SQLException {
    feed.close();
    store.close();
    execute("DROP TRIGGER IF EXISTS fail_write ON feedkit_jobs");
    execute("DROP TRIGGER IF EXISTS fail_write ON feedkit_home_timeline");
    execute("DROP FUNCTION IF EXISTS fail_write()");
  }

  private static void execute(String sql) throws SQLException {
    database.execute(sql);
  }

  private static long count(String sql) throws SQLException {
    return database.queryLong(sql);
  }

  private void failJobs() throws SQLException {
    execute(
        "CREATE TRIGGER fail_write BEFORE INSERT ON feedkit_jobs"
            + " FOR EACH ROW EXECUTE FUNCTION fail_write()");
  }

  @Test
  void aPostWhoseDeliveryCannotBeQueuedIsNotStored() throws SQLException {
    failJobs();

    assertThatThrownBy(() -> feed.post(author.id(), "never half there"))
        .isInstanceOf(StoreException.class);

    assertThat(count("SELECT count(*) FROM feedkit_posts")).isZero();
    assertThat(count("SELECT count(*) FROM feedkit_home_timeline")).isZero();
    assertThat(feed.counts(author.id()).posts()).isZero();
    assertThat(feed.userTimeline(author.id(), PageRequest.first()).items()).isEmpty();
  }

  @Test
  void aFollowWhoseBackfillFailsIsNotMade() throws SQLException {
    feed.post(author.id(), "before the follow");
    feed.awaitFanout();
    execute(
        "CREATE TRIGGER fail_write BEFORE INSERT ON feedkit_home_timeline"
            + " FOR EACH ROW EXECUTE FUNCTION fail_write()");

    assertThatThrownBy(() -> feed.follow(reader.id(), author.id()))
        .isInstanceOf(StoreException.class);

    assertThat(feed.isFollowing(reader.id(), author.id())).isFalse();
    assertThat(feed.counts(reader.id()).following()).isZero();
    assertThat(feed.counts(author.id()).followers()).isZero();
    assertThat(feed.homeTimeline(reader.id(), PageRequest.first()).items()).isEmpty();
  }

  @Test
  void anUnfollowWhoseCleanUpCannotBeQueuedIsNotMade() throws SQLException {
    feed.follow(reader.id(), author.id());
    Post post = feed.post(author.id(), "still followed");
    feed.awaitFanout();
    failJobs();

    assertThatThrownBy(() -> feed.unfollow(reader.id(), author.id()))
        .isInstanceOf(StoreException.class);

    assertThat(feed.isFollowing(reader.id(), author.id())).isTrue();
    assertThat(feed.counts(author.id()).followers()).isEqualTo(1);
    assertThat(feed.homeTimeline(reader.id(), PageRequest.first()).items()).containsExactly(post);
  }

  @Test
  void aDeleteWhoseCleanUpCannotBeQueuedDeletesNothing() throws SQLException {
    Post post = feed.post(author.id(), "stays");
    feed.awaitFanout();
    failJobs();

    assertThatThrownBy(() -> feed.delete(author.id(), post.id()))
        .isInstanceOf(StoreException.class);

    assertThat(feed.postById(post.id())).contains(post);
    assertThat(feed.counts(author.id()).posts()).isEqualTo(1);
    assertThat(feed.homeTimeline(author.id(), PageRequest.first()).items()).containsExactly(post);
  }
}
