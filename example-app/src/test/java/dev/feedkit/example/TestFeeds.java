package dev.feedkit.example;

import dev.feedkit.Feed;
import dev.feedkit.memory.InMemoryFeedStore;

/** Fresh feeds for tests: the in-memory store, with feedkit's own accounts. */
final class TestFeeds {

  private TestFeeds() {}

  static Feed create() {
    return Feed.builder().store(new InMemoryFeedStore()).build();
  }
}
