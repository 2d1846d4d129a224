package dev.feedkit.jdbc;

import static java.util.Objects.requireNonNull;

import dev.feedkit.spi.Invalidation;
import dev.feedkit.spi.Invalidations;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Invalidations} of a {@link JdbcFeedStore}: PostgreSQL {@code NOTIFY} on the channel
 * {@value #CHANNEL}, heard by one {@link NotifyListener} per store.
 *
 * <p>Design: {@link #publish} runs {@code pg_notify} with bound parameters in auto-commit, right
 * after the write's own statement or transaction committed, so a listener hears of a change only
 * once it is visible; the payloads are {@link InvalidationPayloads}. The listener starts on the
 * first {@link #subscribe}, which waits for its {@code LISTEN} so that the subscriber hears every
 * change made afterwards. A payload this version cannot read, and a spell without a listening
 * connection, reach every subscriber as {@link Subscriber#missed()}. {@link #close()} stops the
 * listener, waking it with a {@value #WAKE} notification that every listener ignores; it closes
 * nothing else.
 */
final class NotifyInvalidations implements Invalidations, AutoCloseable {

  /** The notification channel: one per database, shared by every store on it. */
  static final String CHANNEL = "feedkit_invalidations";

  /**
   * The payload a closing store sends to wake its own listener; every listener ignores it, and
   * the woken one sees that its store is closed.
   */
  static final String WAKE = "wake";

  private static final Logger LOG = LoggerFactory.getLogger(NotifyInvalidations.class);
  private static final String NOTIFY = Database.sql(NotifyInvalidations.class, "notify");

  private final Database db;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final NotifyListener listener;

  NotifyInvalidations(Database db, NotifyListener.ConnectionSource connections) {
    this.db = requireNonNull(db, "db");
    this.listener =
        new NotifyListener(
            connections,
            new NotifyListener.Heard() {
              @Override
              public void payload(String payload) {
                deliver(payload);
              }

              @Override
              public void missed() {
                subscribers.forEach(NotifyInvalidations::missed);
              }
            });
  }

  @Override
  public void publish(Invalidation invalidation) {
    try {
      notify("publish an invalidation", InvalidationPayloads.encode(invalidation));
    } catch (RuntimeException e) {
      LOG.warn(
          "could not notify other nodes of a {} change; their caches keep it until they"
              + " expire",
          invalidation.kind(),
          e);
    }
  }

  @Override
  public Subscription subscribe(Subscriber subscriber) {
    requireNonNull(subscriber, "subscriber");
    subscribers.add(subscriber);
    listener.start();
    return () -> subscribers.remove(subscriber);
  }

  /** The server process of the listening connection, or 0 if none listens; for tests. */
  int listenerPid() {
    return listener.pid();
  }

  /** Stops listening and closes the listener's connection; closing twice does nothing. */
  @Override
  public void close() {
    listener.close(this::wake);
  }

  /**
   * Wakes the listener from its poll with a notification, so that it ends by itself and hands a
   * borrowed connection back to its pool in good order (an aborted one could be handed out again
   * before the pool notices).
   *
   * @return whether the notification was sent
   */
  private boolean wake() {
    try {
      notify("wake the invalidation listener", List.of(WAKE));
      return true;
    } catch (RuntimeException e) {
      LOG.debug("could not wake the invalidation listener; aborting its connection", e);
      return false;
    }
  }

  private void notify(String what, List<String> payloads) {
    db.update(
        what,
        h ->
            h.createQuery(NOTIFY)
                .bind("channel", CHANNEL)
                .bindArray("payloads", String.class, payloads)
                .mapTo(Long.class)
                .one(),
        state -> null);
  }

  private void deliver(String payload) {
    Optional<Invalidation> decoded = InvalidationPayloads.decode(payload);
    if (decoded.isEmpty()) {
      LOG.warn("ignored a malformed invalidation; dropping every cache instead");
      subscribers.forEach(NotifyInvalidations::missed);
      return;
    }
    for (Subscriber s : subscribers) {
      try {
        s.invalidated(decoded.get());
      } catch (RuntimeException e) {
        LOG.error("a subscriber failed on a {} invalidation", decoded.get().kind(), e);
      }
    }
  }

  private static void missed(Subscriber s) {
    try {
      s.missed();
    } catch (RuntimeException e) {
      LOG.error("a subscriber failed to drop its caches", e);
    }
  }
}
