package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.CacheConfig;
import dev.feedkit.Feed;
import dev.feedkit.StoreException;
import dev.feedkit.jdbc.testing.ThrowawayPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * With its connection timeout set, a store fails fast while its database is down and recovers
 * by itself when it is back. The database is a throwaway server of the test's own.
 */
class DatabaseOutageTest {

  @Test
  void callsFailWithinTheConnectionTimeoutDuringAnOutageAndWorkAfter() {
    if (!ThrowawayPostgres.available()) {
      String why = "no PostgreSQL binaries for a throwaway server (install postgresql)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why + "; CI=true, so this fails instead of skipping");
      }
      Assumptions.abort(why);
    }
    try (ThrowawayPostgres pg = ThrowawayPostgres.start();
        JdbcFeedStore store =
            JdbcFeedStore.builder()
                .jdbcUrl(pg.jdbcUrl())
                .connectionTimeout(Duration.ofMillis(500))
                .statementTimeout(Duration.ofSeconds(2))
                .build();
        Feed feed = Feed.builder().store(store).cache(CacheConfig.disabled()).build()) {
      feed.createUser("alice", "Alice");

      pg.stop();
      long start = System.nanoTime();
      assertThatThrownBy(() -> feed.userByHandle("alice")).isInstanceOf(StoreException.class);
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("feed-jdbc DatabaseOutageTest: a read failed after " + millis + " ms");
      assertThat(millis).as("ms until the call failed").isLessThan(3_000);

      pg.restart();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      boolean back = false;
      StoreException last = null;
      while (!back && System.nanoTime() < deadline) {
        try {
          back = feed.userByHandle("alice").isPresent();
        } catch (StoreException e) {
          last = e; // still reconnecting
        }
      }
      assertThat(back)
          .as(
              "alice is read again; the last failure: %s",
              last == null ? "none" : last + " caused by " + last.getCause())
          .isTrue();
    }
  }

  @Test
  void timeoutsAreCheckedWhenSet() {
    assertThatThrownBy(() -> JdbcFeedStore.builder().connectionTimeout(Duration.ofMillis(100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectionTimeout");
    assertThatThrownBy(() -> JdbcFeedStore.builder().statementTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statementTimeout");
  }
}
