package dev.feedkit.spi;

/**
 * An optional channel between the feeds of several application nodes over one store: each feed
 * {@linkplain #publish publishes} what its writes changed, and {@linkplain #subscribe hears} what
 * the others' writes changed, so that no node serves stale cached answers for long. A store whose
 * data only one process sees (an in-memory one) needs none: {@link FeedStore#invalidations()}
 * returns {@link #none()} unless a store overrides it.
 *
 * <p>Delivery is at most once and may lag the write a little: a subscriber hears an invalidation
 * after the write it describes is visible to readers. A channel that may have lost some (its
 * connection broke) calls {@link Subscriber#missed()} once it is delivering again. A feed also
 * hears its own invalidations, and skips them by their {@link Invalidation#origin()}.
 *
 * <p>Implementations are safe for use by many threads at once.
 */
public interface Invalidations {

  /**
   * Tells the other subscribers what a write changed; called after the write returned. It never
   * throws for a failure to deliver: the write has happened, and a channel that cannot tell the
   * others logs it instead.
   */
  void publish(Invalidation invalidation);

  /**
   * Starts delivering every invalidation published from now on, by any node, to {@code
   * subscriber}, on a thread of the channel's own, until the subscription is closed.
   */
  Subscription subscribe(Subscriber subscriber);

  /** Returns a channel that publishes nowhere and delivers nothing. */
  static Invalidations none() {
    return NoInvalidations.INSTANCE;
  }

  /** Receives invalidations; its methods must return quickly and not throw. */
  interface Subscriber {

    /** Another node (or this one) changed what {@code invalidation} says. */
    void invalidated(Invalidation invalidation);

    /** Invalidations may have been lost: anything may have changed. */
    void missed();
  }

  /** A subscription, ended by {@link #close()}; closing twice does nothing. */
  @FunctionalInterface
  interface Subscription extends AutoCloseable {

    /** Stops the deliveries to this subscriber. */
    @Override
    void close();
  }
}
