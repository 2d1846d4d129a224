package dev.feedkit.memory;

import dev.feedkit.contract.FeedStoreContract;
import dev.feedkit.contract.InProcessNodes;
import dev.feedkit.spi.FeedStore;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemoryFeedStore")
class InMemoryFeedStoreTest extends FeedStoreContract {

  private final InProcessNodes nodes = new InProcessNodes();

  @Override
  protected FeedStore createStore() {
    return new InMemoryFeedStore();
  }

  /** Feeds in one process share an in-memory store's data; a channel in memory joins them. */
  @Override
  protected FeedStore createNodeStore(FeedStore shared) {
    return nodes.over(shared);
  }
}
