package dev.feedkit.example;

import dev.feedkit.AccountsConfig;
import dev.feedkit.Feed;
import dev.feedkit.memory.InMemoryFeedStore;
import java.time.Clock;

/**
 * Fresh feeds for tests: the in-memory store, with feedkit's own accounts. Password hashing is
 * lowered from its production cost, which would otherwise dominate the run time of tests that
 * sign up dozens of people.
 */
public final class TestFeeds {

  /** Cheap hashing for tests only; see {@link AccountsConfig#withPasswordHashIterations}. */
  public static final AccountsConfig ACCOUNTS =
      AccountsConfig.defaults().withPasswordHashIterations(1_000);

  private TestFeeds() {}

  public static Feed create() {
    return create(Clock.systemUTC());
  }

  /** A feed on a clock of the test's choosing, such as one that never moves. */
  public static Feed create(Clock clock) {
    return Feed.builder().store(new InMemoryFeedStore()).clock(clock).accounts(ACCOUNTS).build();
  }
}
