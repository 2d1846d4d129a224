package dev.feedkit.contract;

import dev.feedkit.AccountsConfig;
import dev.feedkit.Feed;
import dev.feedkit.FeedBuilder;
import dev.feedkit.spi.FeedStore;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The store contract suite: every rule a {@link FeedStore} must keep, checked through a {@link
 * Feed} built over it. A store module runs it by extending this class in a few lines:
 *
 * <pre>{@code
 * class InMemoryFeedStoreTest extends FeedStoreContract {
 *   protected FeedStore createStore() {
 *     return new InMemoryFeedStore();
 *   }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh, empty store from {@link #createStore()} and a feed over it whose clock
 * ({@link #clock()}) the test moves by hand. {@link #configure(FeedBuilder)} lets a subclass run
 * the whole suite under other feed options.
 */
public abstract class FeedStoreContract {

  /** The accounts options of every feed under test: the defaults, with cheap password hashing. */
  protected static final AccountsConfig TEST_ACCOUNTS =
      AccountsConfig.defaults().withPasswordHashIterations(1_000);

  private MutableClock clock;
  private FeedStore store;
  private Feed feed;

  /** Returns a new, empty store. Called once before each test. */
  protected abstract FeedStore createStore();

  /** Adds options to the feed under test; the store and clock are already set. */
  protected FeedBuilder configure(FeedBuilder builder) {
    return builder;
  }

  /** Releases the store after a test; the default closes it. */
  protected void releaseStore(FeedStore store) throws Exception {
    store.close();
  }

  @BeforeEach
  void openFeed() {
    clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    store = createStore();
    feed = configure(Feed.builder().store(store).clock(clock).accounts(TEST_ACCOUNTS)).build();
  }

  @AfterEach
  void closeFeed() throws Exception {
    feed.close();
    releaseStore(store);
  }

  /** The feed under test. */
  protected Feed feed() {
    return feed;
  }

  /** The store under the feed. */
  protected FeedStore store() {
    return store;
  }

  /** The feed's clock. */
  protected MutableClock clock() {
    return clock;
  }

  /** Makes a new feed over the same store, as a second process or a restart would. */
  protected Feed reopen(int workerId) {
    return configure(Feed.builder().store(store).clock(clock).workerId(workerId)
        .accounts(TEST_ACCOUNTS)).build();
  }

  @Nested
  @DisplayName("users")
  class Users extends UserRules {
    Users() {
      super(FeedStoreContract.this);
    }
  }

  @Nested
  @DisplayName("follows")
  class Follows extends FollowRules {
    Follows() {
      super(FeedStoreContract.this);
    }
  }

  @Nested
  @DisplayName("posts")
  class Posts extends PostRules {
    Posts() {
      super(FeedStoreContract.this);
    }
  }

  @Nested
  @DisplayName("home timeline")
  class HomeTimeline extends HomeTimelineRules {
    HomeTimeline() {
      super(FeedStoreContract.this);
    }
  }

  @Nested
  @DisplayName("paging")
  class Paging extends PagingRules {
    Paging() {
      super(FeedStoreContract.this);
    }
  }

  @Nested
  @DisplayName("accounts")
  class Accounts extends AccountRules {
    Accounts() {
      super(FeedStoreContract.this);
    }
  }

  @Nested
  @DisplayName("randomized model check")
  class ModelCheck extends ModelCheckRules {
    ModelCheck() {
      super(FeedStoreContract.this);
    }
  }

  @Nested
  @DisplayName("concurrency")
  class Concurrency extends ConcurrencyRules {
    Concurrency() {
      super(FeedStoreContract.this);
    }
  }
}
