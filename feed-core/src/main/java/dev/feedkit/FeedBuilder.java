package dev.feedkit;

import static java.util.Objects.requireNonNull;

import dev.feedkit.internal.FeedEngine;
import dev.feedkit.internal.SnowflakeIds;
import dev.feedkit.spi.FeedStore;
import java.time.Clock;

/**
 * Builds a {@link Feed}. Every setter checks its argument at once and names the field in its
 * message; {@link #build()} leaves the builder as it was, so one builder can make several feeds.
 *
 * <p>Only the store is required. Defaults: the system UTC clock, worker id 0, {@link
 * AccountsConfig#defaults()}.
 *
 * <p>Builders are not safe for use by several threads at once.
 */
public final class FeedBuilder {

  private FeedStore store;
  private Clock clock = Clock.systemUTC();
  private int workerId;
  private AccountsConfig accounts = AccountsConfig.defaults();

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
   * @param workerId 0 to {@value SnowflakeIds#MAX_WORKER_ID}
   * @return this builder
   * @throws IllegalArgumentException if the worker id is out of range
   */
  public FeedBuilder workerId(int workerId) {
    if (workerId < 0 || workerId > SnowflakeIds.MAX_WORKER_ID) {
      throw new IllegalArgumentException(
          "workerId must be between 0 and " + SnowflakeIds.MAX_WORKER_ID + ", was " + workerId);
    }
    this.workerId = workerId;
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
   * Builds a feed with the options set so far.
   *
   * @throws IllegalStateException if no store was set
   */
  public Feed build() {
    if (store == null) {
      throw new IllegalStateException("store must be set before build()");
    }
    return new FeedEngine(store, clock, new SnowflakeIds(clock, workerId), accounts);
  }
}
