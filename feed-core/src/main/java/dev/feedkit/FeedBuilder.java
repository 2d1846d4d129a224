package dev.feedkit;

import static java.util.Objects.requireNonNull;

import dev.feedkit.internal.Checks;
import dev.feedkit.internal.FeedEngine;
import dev.feedkit.internal.SnowflakeIds;
import dev.feedkit.internal.TimelineOptions;
import dev.feedkit.spi.FeedStore;
import java.time.Clock;

/**
 * Builds a {@link Feed}. Every setter checks its argument at once and names the field in its
 * message; {@link #build()} leaves the builder as it was, so one builder can make several feeds.
 *
 * <p>Only the store is required. Defaults: the system UTC clock, worker id 0, {@link
 * FanoutPolicy#hybrid()} fan-out with {@link FanoutTuning#defaults()}, timelines capped at {@value
 * #DEFAULT_TIMELINE_CAP} entries, {@link CacheConfig#defaults()} caching, and {@link
 * AccountsConfig#defaults()} accounts.
 *
 * <p>Builders are not safe for use by several threads at once.
 */
public final class FeedBuilder {

  /** The largest worker id: ids have 10 bits for it. */
  public static final int MAX_WORKER_ID = SnowflakeIds.MAX_WORKER_ID;

  /** The default length of a materialized home timeline. */
  public static final int DEFAULT_TIMELINE_CAP = 800;

  /** The largest length of a materialized home timeline. */
  public static final int MAX_TIMELINE_CAP = 100_000;

  private FeedStore store;
  private Clock clock = Clock.systemUTC();
  private int workerId;
  private AccountsConfig accounts = AccountsConfig.defaults();
  private FanoutPolicy fanout = FanoutPolicy.hybrid();
  private CacheConfig cache = CacheConfig.defaults();
  private int timelineCap = DEFAULT_TIMELINE_CAP;
  private FanoutTuning fanoutTuning = FanoutTuning.defaults();

  FeedBuilder() {}

  /**
   * Sets the store that keeps users, follows and posts. The feed does not close it.
   *
   * @return this builder
   */
  public FeedBuilder store(FeedStore store) {
    this.store = requireNonNull(store, "store");
    return this;
  }

  /**
   * Sets the clock that stamps posts, follows and sessions; tests pass a clock they control.
   *
   * @return this builder
   */
  public FeedBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets the worker id stamped into every id this feed makes. Every node writing to one store
   * needs its own worker id, or two nodes could make the same id in the same millisecond.
   *
   * @param workerId 0 to {@value #MAX_WORKER_ID}
   * @return this builder
   * @throws IllegalArgumentException if the worker id is out of range
   */
  public FeedBuilder workerId(int workerId) {
    this.workerId = Checks.between("workerId", 0, MAX_WORKER_ID, workerId);
    return this;
  }

  /**
   * Sets the options of {@link Feed#accounts()}: password hashing cost, session lifetimes,
   * log-in throttling, reserved handles.
   *
   * @return this builder
   */
  public FeedBuilder accounts(AccountsConfig accounts) {
    this.accounts = requireNonNull(accounts, "accounts");
    return this;
  }

  /**
   * Sets how posts reach home timelines: {@link FanoutPolicy#pull()}, {@link
   * FanoutPolicy#push()} or {@link FanoutPolicy#hybrid(int)} (the default, {@link
   * FanoutPolicy#hybrid()}). Every policy gives the same answers; see {@link FanoutPolicy} for
   * their costs.
   *
   * @return this builder
   */
  public FeedBuilder fanout(FanoutPolicy fanout) {
    this.fanout = requireNonNull(fanout, "fanout");
    return this;
  }

  /**
   * Sets what the feed caches in memory: {@link CacheConfig#defaults()} unless set, or {@link
   * CacheConfig#disabled()}.
   *
   * @return this builder
   */
  public FeedBuilder cache(CacheConfig cache) {
    this.cache = requireNonNull(cache, "cache");
    return this;
  }

  /**
   * Sets how many entries a materialized home timeline keeps (push and hybrid policies): the
   * newest {@code cap} posts. Older pages are served by merging the authors' own posts, so the
   * cap trades memory or table size for the cost of deep paging, never for correctness.
   *
   * @param cap 1 to {@value #MAX_TIMELINE_CAP}; {@value #DEFAULT_TIMELINE_CAP} by default
   * @return this builder
   * @throws IllegalArgumentException if the cap is out of range
   */
  public FeedBuilder timelineCap(int cap) {
    this.timelineCap = Checks.between("timelineCap", 1, MAX_TIMELINE_CAP, cap);
    return this;
  }

  /**
   * Sets how many background threads of this feed run fan-out jobs (push and hybrid policies),
   * keeping the other options of the {@linkplain #fanoutTuning(FanoutTuning) fan-out tuning} set
   * so far.
   *
   * @param threads 1 to {@value FanoutTuning#MAX_THREADS}; {@value FanoutTuning#DEFAULT_THREADS}
   *     by default
   * @return this builder
   * @throws IllegalArgumentException if the count is out of range
   * @deprecated every option of the background work is in {@link FanoutTuning}: use {@code
   *     fanoutTuning(FanoutTuning.defaults().withThreads(threads))}
   */
  @Deprecated
  public FeedBuilder fanoutThreads(int threads) {
    this.fanoutTuning = fanoutTuning.withThreads(threads);
    return this;
  }

  /**
   * Sets how background work runs: threads, leases, retry delays, polling and the shutdown
   * timeout. The work itself is stored in the store's job queue with each write, so no setting
   * can lose it.
   *
   * @return this builder
   */
  public FeedBuilder fanoutTuning(FanoutTuning tuning) {
    this.fanoutTuning = requireNonNull(tuning, "tuning");
    return this;
  }

  /**
   * Builds a feed with the options set so far.
   *
   * @throws IllegalStateException if no store was set
   */
  public Feed build() {
    if (store == null) {
      throw new IllegalStateException("store must be set before build()");
    }
    return new FeedEngine(
        store,
        clock,
        new SnowflakeIds(clock, workerId),
        accounts,
        new TimelineOptions(fanout, cache, timelineCap, fanoutTuning));
  }
}
