package dev.feedkit.memory;

import dev.feedkit.contract.FeedStoreContract;
import dev.feedkit.spi.FeedStore;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemoryFeedStore")
class InMemoryFeedStoreTest extends FeedStoreContract {

  @Override
  protected FeedStore createStore() {
    return new InMemoryFeedStore();
  }
}
