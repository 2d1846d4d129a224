package dev.feedkit.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.feedkit.AccountsConfig;
import dev.feedkit.FanoutTuning;
import dev.feedkit.Feed;
import dev.feedkit.FeedBuilder;
import dev.feedkit.spi.FeedStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The store contract suite: every rule a {@link FeedStore} must keep, checked through a {@link
 * Feed} built over it, in the cells of the {@link FeedVariant} matrix (pull, push and hybrid
 * fan-out, each with the cache off and on). A store module runs all of it by extending this class
 * in a few lines:
 *
 * <pre>{@code
 * class InMemoryFeedStoreTest extends FeedStoreContract {
 *   protected FeedStore createStore() {
 *     return new InMemoryFeedStore();
 *   }
 * }
 * }</pre>
 *
 * <p>Each rule group runs in the cells that can change its answers, as its {@code @Cells} declares
 * (the accounts under the pull policy, with the cache off and on, say); the other cells are not
 * built for it. Reports name the group, then the cell. Each test gets a fresh,
 * empty store from {@link #createStore()} and a feed over it, configured for the cell, whose clock
 * ({@link #clock()}) the test moves by hand. {@link
 * #configure(FeedBuilder)} lets a subclass add feed options; {@link #createNodeStore} lets it run
 * the rules of two nodes over shared data; {@link #supports(FeedVariant)} lets it
 * skip cells it cannot run yet.
 */
@ExtendWith(CellInFailures.class)
public abstract class FeedStoreContract {

  /** The accounts options of every feed under test: the defaults, with cheap password hashing. */
  protected static final AccountsConfig TEST_ACCOUNTS =
      AccountsConfig.defaults().withPasswordHashIterations(1_000);

  /**
   * How the feeds under test run background jobs: the defaults, with retries a few milliseconds
   * apart so that tests of failing stores settle quickly.
   */
  protected static final FanoutTuning TEST_TUNING =
      FanoutTuning.defaults()
          .withRetryDelays(Duration.ofMillis(1), Duration.ofMillis(20))
          .withPollInterval(Duration.ofMillis(200));

  private FeedVariant variant;
  private MutableClock clock;
  private FeedStore store;
  private Feed feed;
  private final List<Feed> extraFeeds = new ArrayList<>();
  private final List<FeedStore> nodeStores = new ArrayList<>();

  /** Returns a new, empty store. Called once before each test. */
  protected abstract FeedStore createStore();

  /** Adds options to the feed under test; the store, clock and cell's options are already set. */
  protected FeedBuilder configure(FeedBuilder builder) {
    return builder;
  }

  /**
   * Whether the store can run a cell of the matrix; the tests of a cell it cannot run are skipped.
   * The default is every cell.
   */
  protected boolean supports(FeedVariant variant) {
    return true;
  }

  /**
   * Returns a new store for another application node over the same data as {@code shared} (the
   * test's store): what a feed writes through one of them, a feed over the other reads, and each
   * hears the other's writes through its {@link FeedStore#invalidations()}, as two nodes over one
   * database do. The group "two nodes over shared data" makes the stores of both its nodes with
   * it, after the test's store, and closes them after the test. A store whose data only one store
   * object can reach does not override it, and that group is skipped, saying so; a store without
   * a channel of its own whose data several feeds in one process share returns {@link
   * InProcessNodes#over}.
   *
   * @param shared the test's store, empty but for what the test wrote
   * @return a new store over the same data
   */
  protected FeedStore createNodeStore(FeedStore shared) {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not override createNodeStore");
  }

  /**
   * Whether the store test in {@code context} shares its data between nodes, by overriding {@link
   * #createNodeStore}; the group "two nodes over shared data" runs only then.
   */
  static boolean sharesData(ExtensionContext context) {
    Class<?> test = context.getRequiredTestClass();
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent();
        c = c.get().getParent()) {
      test = c.get().getTestClass().orElse(test);
    }
    for (Class<?> k = test; k != null && k != FeedStoreContract.class; k = k.getSuperclass()) {
      try {
        k.getDeclaredMethod("createNodeStore", FeedStore.class);
        return true;
      } catch (NoSuchMethodException e) {
        // not here; look further up
      }
    }
    return false;
  }

  /** Releases the store after a test; the default closes it. */
  protected void releaseStore(FeedStore store) throws Exception {
    store.close();
  }

  /** Opens the test's store and feed in {@code cell}; each rule group calls it before each test. */
  void open(FeedVariant cell) {
    variant = cell;
    assumeTrue(supports(variant), () -> "the store does not support " + variant);
    clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    store = createStore();
    feed = builder(store).build();
  }

  @AfterEach
  void closeFeed() throws Exception {
    for (Feed extra : extraFeeds) {
      extra.close();
    }
    extraFeeds.clear();
    for (FeedStore node : nodeStores) {
      node.close();
    }
    nodeStores.clear();
    if (feed != null) {
      feed.close();
      releaseStore(store);
    }
  }

  private FeedBuilder builder(FeedStore over) {
    return configure(
        variant.apply(
            Feed.builder()
                .store(over)
                .clock(clock)
                .accounts(TEST_ACCOUNTS)
                .fanoutTuning(TEST_TUNING)));
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

  /** The cell of the matrix this run is in. */
  protected FeedVariant variant() {
    return variant;
  }

  /**
   * Makes another feed with the cell's options changed by {@code options}, over {@code over}: the
   * test's store, or a wrapper of it; the test then works through that feed alone. The feed is
   * closed after the test. The test's own feed is closed first, so that its workers do not run
   * jobs that the new feed queues: a job runs with the options (and the faults) of whichever feed
   * claims it.
   */
  Feed extraFeed(FeedStore over, UnaryOperator<FeedBuilder> options) {
    feed.close();
    Feed extra = options.apply(builder(over)).build();
    extraFeeds.add(extra);
    return extra;
  }

  /** A new store for another node over the test's data, closed after the test's extra feeds. */
  FeedStore nodeStore() {
    FeedStore node = createNodeStore(store);
    nodeStores.add(node);
    return node;
  }

  /** Makes a new feed over the same store, as a second process or a restart would. */
  protected Feed reopen(int workerId) {
    return builder(store).workerId(workerId).build();
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
  @DisplayName("materialized timelines")
  class Timelines extends TimelineRules {
    Timelines() {
      super(FeedStoreContract.this);
    }
  }

  @Nested
  @DisplayName("timeline store")
  class TimelineStoreGroup extends TimelineStoreRules {
    TimelineStoreGroup() {
      super(FeedStoreContract.this);
    }
  }

  @Nested
  @DisplayName("fan-out")
  class Fanout extends FanoutRules {
    Fanout() {
      super(FeedStoreContract.this);
    }
  }

  @Nested
  @DisplayName("cache")
  class Caching extends CacheRules {
    Caching() {
      super(FeedStoreContract.this);
    }
  }

  @Nested
  @DisplayName("cache contents")
  class CacheContents extends CacheContentRules {
    CacheContents() {
      super(FeedStoreContract.this);
    }
  }

  @Nested
  @DisplayName("job queue")
  class JobQueueGroup extends JobQueueRules {
    JobQueueGroup() {
      super(FeedStoreContract.this);
    }
  }

  @Nested
  @DisplayName("two nodes over shared data")
  @EnabledIf(
      value = "dev.feedkit.contract.FeedStoreContract#sharesData",
      disabledReason =
          "the store shares no data between nodes: it does not override createNodeStore")
  class TwoNodes extends TwoNodeRules {
    TwoNodes() {
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
