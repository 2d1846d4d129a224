package dev.feedkit.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code LISTEN} connection on {@link NotifyInvalidations#CHANNEL} and the daemon thread that
 * polls it, handing each payload heard to a {@link Heard}.
 *
 * <p>Design: {@link #start()} opens the connection on the caller's thread and waits for its {@code
 * LISTEN}, so that whoever starts it hears every change made afterwards. When the connection is
 * lost (a restart, {@code pg_terminate_backend}), the thread opens another with a growing pause,
 * and calls {@link Heard#missed()} once it listens again, since notifications sent meanwhile are
 * gone. The connection comes from a {@link ConnectionSource} (a host's pool, perhaps): it is
 * cleared with {@code UNLISTEN *} before it listens, so that notifications heard by an earlier
 * borrower are not taken for new ones. {@link #close} first asks its caller to wake the thread with
 * a {@link NotifyInvalidations#WAKE} notification, so that it stops at once and hands its
 * connection back after an {@code UNLISTEN}; only when that cannot be sent does it abort the
 * connection.
 */
final class NotifyListener {

  /** Opens the listener's connection. */
  @FunctionalInterface
  interface ConnectionSource {
    Connection open() throws SQLException;
  }

  /** What the listener hears; called on its thread, one call at a time. */
  interface Heard {
    /** A notification on the channel, other than a wake-up. */
    void payload(String payload);

    /** Notifications may have been lost while the listener could not listen. */
    void missed();
  }

  private static final Logger LOG = LoggerFactory.getLogger(NotifyListener.class);
  private static final String LISTEN = Database.sql(NotifyInvalidations.class, "listen");
  private static final String UNLISTEN = Database.sql(NotifyInvalidations.class, "unlisten");
  private static final int POLL_MILLIS = 250;
  private static final long MAX_PAUSE_MILLIS = 5_000;
  private static final long STOP_MILLIS = 5_000;

  private final ConnectionSource connections;
  private final Heard heard;
  private final CountDownLatch closed = new CountDownLatch(1);
  private Thread thread;

  /** The first connection, opened by {@link #start()}; the thread owns it from then on. */
  private Connection first;

  /** The connection the thread polls, for {@link #close} to abort a blocking poll. */
  private volatile Connection polled;

  private volatile int pid;

  NotifyListener(ConnectionSource connections, Heard heard) {
    this.connections = requireNonNull(connections, "connections");
    this.heard = requireNonNull(heard, "heard");
  }

  /** Starts listening, once; does nothing when already started or closed. */
  synchronized void start() {
    if (thread != null || closed.getCount() == 0) {
      return;
    }
    first = connect();
    thread = new Thread(this::run, "feedkit-invalidations");
    thread.setDaemon(true);
    thread.start();
  }

  /** The server process of the listening connection, or 0 if none listens. */
  int pid() {
    return pid;
  }

  /**
   * Stops the thread and hands its connection back; closing twice does nothing.
   *
   * @param wake sends the wake-up notification, returning whether it could
   */
  void close(BooleanSupplier wake) {
    Thread running;
    synchronized (this) {
      if (closed.getCount() == 0) {
        return;
      }
      closed.countDown();
      running = thread;
    }
    if (running == null) {
      return;
    }
    if (!wake.getAsBoolean()) {
      abortPolled();
    }
    try {
      running.join(STOP_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (running.isAlive()) {
      LOG.warn("the invalidation listener did not stop within {} ms", STOP_MILLIS);
    }
  }

  /**
   * Aborts the connection the thread polls, if it still holds one. Synchronized with the thread's
   * hand-back, so that a connection already returned to a pool (and perhaps borrowed again) is
   * never aborted.
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

  private void run() {
    Connection current;
    synchronized (this) {
      current = first;
      first = null;
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
            heard.missed();
            missedSome = false;
          }
        }
        try {
          poll(current);
        } catch (SQLException e) {
          if (closed.getCount() == 0) {
            break;
          }
          LOG.warn(
              "lost the connection that listens for other nodes' changes (SQLState {});"
                  + " reconnecting",
              e.getSQLState());
          synchronized (this) {
            polled = null;
          }
          closeQuietly(current);
          current = null;
          pid = 0;
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
      pid = 0;
    }
  }

  /** Waits up to a poll interval for notifications and hands on those on the channel. */
  private void poll(Connection c) throws SQLException {
    PGNotification[] received = c.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
    if (received == null) {
      return;
    }
    for (PGNotification n : received) {
      if (NotifyInvalidations.CHANNEL.equals(n.getName())
          && !NotifyInvalidations.WAKE.equals(n.getParameter())) {
        heard.payload(n.getParameter());
      }
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
      pid = pg.getBackendPID();
      return c;
    } catch (SQLException | RuntimeException e) {
      LOG.warn("could not listen for other nodes' changes ({}); retrying", e.getClass().getName());
      closeQuietly(c);
      return null;
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
}
