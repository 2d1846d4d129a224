package dev.feedkit.contract;

import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.Invalidation;
import dev.feedkit.spi.Invalidations;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stores for several application nodes in one process over one store's data, joined by a channel
 * that tells every node of each invalidation at once, on the publishing thread. A store whose data
 * several feeds in one process can share, but that has no channel of its own (an in-memory one),
 * answers {@link FeedStoreContract#createNodeStore} with it:
 *
 * <pre>{@code
 * private final InProcessNodes nodes = new InProcessNodes();
 *
 * protected FeedStore createNodeStore(FeedStore shared) {
 *   return nodes.over(shared);
 * }
 * }</pre>
 *
 * <p>Safe for use by many threads at once.
 */
public final class InProcessNodes {

  private final Channel channel = new Channel();

  /** Creates nodes joined by a channel of their own. */
  public InProcessNodes() {}

  /**
   * Returns a node's store over the data of {@code shared}: every call goes to {@code shared},
   * and invalidations go to every node made by this object. Closing it leaves {@code shared} open.
   *
   * @param shared the store whose data the node reads and writes
   * @return the node's store
   * @throws NullPointerException if {@code shared} is null
   */
  public FeedStore over(FeedStore shared) {
    return new NodeStore(shared, channel);
  }

  private static final class Channel implements Invalidations {
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Invalidation invalidation) {
      subscribers.forEach(s -> s.invalidated(invalidation));
    }

    @Override
    public Subscription subscribe(Subscriber subscriber) {
      subscribers.add(subscriber);
      return () -> subscribers.remove(subscriber);
    }
  }
}
