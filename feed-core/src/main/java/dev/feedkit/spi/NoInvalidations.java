package dev.feedkit.spi;

/** The channel of {@link Invalidations#none()}: one instance, nothing sent, nothing heard. */
enum NoInvalidations implements Invalidations {
  INSTANCE;

  @Override
  public void publish(Invalidation invalidation) {}

  @Override
  public Subscription subscribe(Subscriber subscriber) {
    return () -> {};
  }
}
