package dev.feedkit.example;

import dev.feedkit.AccountsConfig;
import dev.feedkit.Feed;
import dev.feedkit.memory.InMemoryFeedStore;

/**
 * Fresh feeds for tests: the in-memory store, with feedkit's own accounts. Password hashing is
 * lowered from its production cost, which would otherwise dominate the run time of tests that
 * sign up dozens of people.
 */
final class TestFeeds {

  /** Cheap hashing for tests only; see {@link AccountsConfig#withPasswordHashIterations}. */
  static final AccountsConfig ACCOUNTS = AccountsConfig.defaults().withPasswordHashIterations(1_000);

  private TestFeeds() {}

  static Feed create() {
    return Feed.builder().store(new InMemoryFeedStore()).accounts(ACCOUNTS).build();
  }
}
