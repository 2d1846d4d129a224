package dev.feedkit.jdbc;

import static java.util.Objects.requireNonNull;

import dev.feedkit.spi.Invalidation;
import dev.feedkit.spi.Invalidations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Invalidations} of a {@link JdbcFeedStore}: PostgreSQL {@code NOTIFY} on the channel
 * {@value #CHANNEL}, heard on one dedicated {@code LISTEN} connection per store.
 *
 * <p>Design: {@link #publish} runs {@code pg_notify} with bound parameters in auto-commit, right
 * after the write's own statement or transaction committed, so a listener hears of a change only
 * once it is visible. A payload is {@code origin;KIND;id,id,...;tokenHash} (ids and at most a
 * session's token hash, never a token or a text), cut into several notifications when it would
 * pass PostgreSQL's 8000-byte limit. The listener is opened on the first {@link #subscribe}, which
 * waits for its {@code LISTEN} so that the subscriber hears every change made afterwards; a daemon
 * thread then polls it. When the connection is lost (a restart, {@code pg_terminate_backend}), the
 * thread opens another with a growing pause, and tells every subscriber {@link
 * Subscriber#missed()} once it listens again, since notifications sent meanwhile are gone. The
 * listener's connection comes from {@code connections} (a host's pool, perhaps): it is cleared
 * with {@code UNLISTEN *} before it listens, so that notifications heard by an earlier borrower are
 * not taken for new ones. {@link #close()} wakes the thread with a {@value #WAKE} notification,
 * which every listener ignores, so that it stops at once and hands its connection back after an
 * {@code UNLISTEN}; only when that notification cannot be sent does it abort the connection. It
 * closes nothing else.
 */
final class NotifyInvalidations implements Invalidations, AutoCloseable {

  /** The notification channel: one per database, shared by every store on it. */
  static final String CHANNEL = "feedkit_invalidations";

  /** Opens the listener's connection. */
  @FunctionalInterface
  interface ConnectionSource {
    Connection open() throws SQLException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(NotifyInvalidations.class);
  private static final String NOTIFY = Database.sql(NotifyInvalidations.class, "notify");
  private static final String LISTEN = Database.sql(NotifyInvalidations.class, "listen");
  private static final String UNLISTEN = Database.sql(NotifyInvalidations.class, "unlisten");
  private static final int IDS_PER_NOTIFICATION = 300;
  private static final int POLL_MILLIS = 250;
  private static final long MAX_PAUSE_MILLIS = 5_000;
  private static final Pattern TOKEN_HASH = Pattern.compile("[0-9a-f]{64}");
  /**
   * The payload a closing store sends to wake its own listener; every listener ignores it, and
   * the woken one sees that its store is closed.
   */
  static final String WAKE = "wake";

  private final Database db;
  private final ConnectionSource connections;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private Thread listener;
  /** The listening connection; only the listener thread uses it once that thread runs. */
  private Connection connection;
  /** The connection the thread listens on, for {@link #close()} to abort its blocking poll. */
  private volatile Connection polled;
  private volatile int listenerPid;

  NotifyInvalidations(Database db, ConnectionSource connections) {
    this.db = requireNonNull(db, "db");
    this.connections = requireNonNull(connections, "connections");
  }

  @Override
  public void publish(Invalidation invalidation) {
    List<String> payloads = encode(invalidation);
    try {
      db.update("publish an invalidation", h -> h.createQuery(NOTIFY)
          .bind("channel", CHANNEL)
          .bindArray("payloads", String.class, payloads)
          .mapTo(Long.class)
          .one(), state -> null);
    } catch (RuntimeException e) {
      LOG.warn("could not notify other nodes of a {} change; their caches keep it until they"
          + " expire", invalidation.kind(), e);
    }
  }

  @Override
  public Subscription subscribe(Subscriber subscriber) {
    requireNonNull(subscriber, "subscriber");
    subscribers.add(subscriber);
    startListening();
    return () -> subscribers.remove(subscriber);
  }

  /** The server process of the listening connection, or 0 if none listens; for tests. */
  int listenerPid() {
    return listenerPid;
  }

  /** Stops listening and closes the listener's connection; closing twice does nothing. */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      if (closed.getCount() == 0) {
        return;
      }
      closed.countDown();
      running = listener;
    }
    if (running == null) {
      return;
    }
    if (!wake()) {
      abortPolled();
    }
    try {
      running.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (running.isAlive()) {
      LOG.warn("the invalidation listener did not stop within 5 seconds");
    }
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
      db.update("wake the invalidation listener", h -> h.createQuery(NOTIFY)
          .bind("channel", CHANNEL)
          .bindArray("payloads", String.class, List.of(WAKE))
          .mapTo(Long.class)
          .one(), state -> null);
      return true;
    } catch (RuntimeException e) {
      LOG.debug("could not wake the invalidation listener; aborting its connection", e);
      return false;
    }
  }

  /**
   * Aborts the connection the listener polls, if it still holds one. Synchronized with the
   * listener's hand-back, so that a connection already returned to a pool (and perhaps borrowed
   * again) is never aborted.
   */
  private synchronized void abortPolled() {
    Connection blocking = polled;
    if (blocking != null) {
      try {
        blocking.abort(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        LOG.debug("could not abort the listener's connection", e);
      }
    }
  }

  private synchronized void startListening() {
    if (listener != null || closed.getCount() == 0) {
      return;
    }
    connection = connect();
    listener = new Thread(this::listen, "feedkit-invalidations");
    listener.setDaemon(true);
    listener.start();
  }

  private void listen() {
    Connection current;
    synchronized (this) {
      current = connection;
    }
    polled = current;
    boolean missedSome = current == null;
    long pause = POLL_MILLIS;
    try {
      while (closed.getCount() > 0) {
        if (current == null) {
          current = connect();
          if (current == null) {
            if (closed.await(pause, TimeUnit.MILLISECONDS)) {
              break;
            }
            pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
            continue;
          }
          pause = POLL_MILLIS;
          polled = current;
          if (closed.getCount() == 0) {
            break;
          }
          if (missedSome) {
            subscribers.forEach(NotifyInvalidations::missed);
            missedSome = false;
          }
        }
        try {
          PGNotification[] received =
              current.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
          if (received != null) {
            for (PGNotification n : received) {
              if (CHANNEL.equals(n.getName()) && !WAKE.equals(n.getParameter())) {
                deliver(n.getParameter());
              }
            }
          }
        } catch (SQLException e) {
          if (closed.getCount() == 0) {
            break;
          }
          LOG.warn("lost the connection that listens for other nodes' changes (SQLState {});"
              + " reconnecting", e.getSQLState());
          synchronized (this) {
            polled = null;
          }
          closeQuietly(current);
          current = null;
          listenerPid = 0;
          missedSome = true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (this) {
        polled = null;
      }
      unlistenQuietly(current);
      closeQuietly(current);
      listenerPid = 0;
    }
  }

  /** Opens and sets up a listening connection, or returns null (logged) if that fails. */
  private Connection connect() {
    Connection c = null;
    try {
      c = connections.open();
      c.setAutoCommit(true);
      PGConnection pg = c.unwrap(PGConnection.class);
      try (Statement s = c.createStatement()) {
        // A connection borrowed from a pool may have listened before and kept what it heard.
        s.execute(UNLISTEN);
        pg.getNotifications();
        s.execute(LISTEN);
      }
      listenerPid = pg.getBackendPID();
      return c;
    } catch (SQLException | RuntimeException e) {
      LOG.warn("could not listen for other nodes' changes ({}); retrying", e.getClass().getName());
      closeQuietly(c);
      return null;
    }
  }

  private void deliver(String payload) {
    Optional<Invalidation> decoded = decode(payload);
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

  /** Ends the LISTEN of a connection going back to a pool, so its next borrower hears nothing. */
  private static void unlistenQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute(UNLISTEN);
    } catch (SQLException e) {
      LOG.debug("could not end the listener's LISTEN (SQLState {})", e.getSQLState());
    }
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing the listener's connection failed (SQLState {})", e.getSQLState());
    }
  }

  /** The payloads that carry {@code invalidation}: one, or several if it names many ids. */
  static List<String> encode(Invalidation invalidation) {
    String head = invalidation.origin() + ";" + invalidation.kind().name() + ";";
    String tail = ";" + invalidation.tokenHash().orElse("");
    List<Long> ids = invalidation.ids();
    List<String> payloads = new ArrayList<>();
    int from = 0;
    do {
      int to = Math.min(ids.size(), from + IDS_PER_NOTIFICATION);
      StringBuilder b = new StringBuilder(head);
      for (int i = from; i < to; i++) {
        b.append(i > from ? "," : "").append(ids.get(i));
      }
      payloads.add(b.append(tail).toString());
      from = to;
    } while (from < ids.size());
    return payloads;
  }

  /** The invalidation a payload carries, or empty if it is not one this version understands. */
  static Optional<Invalidation> decode(String payload) {
    String[] parts = payload.split(";", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    try {
      long origin = Long.parseLong(parts[0]);
      Invalidation.Kind kind = Invalidation.Kind.valueOf(parts[1]);
      List<Long> ids = new ArrayList<>();
      if (!parts[2].isEmpty()) {
        for (String id : parts[2].split(",", -1)) {
          ids.add(Long.parseLong(id));
        }
      }
      String hash = parts[3];
      if (!hash.isEmpty() && !TOKEN_HASH.matcher(hash).matches()) {
        return Optional.empty();
      }
      return Optional.of(new Invalidation(origin, kind, ids,
          hash.isEmpty() ? Optional.empty() : Optional.of(hash)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
