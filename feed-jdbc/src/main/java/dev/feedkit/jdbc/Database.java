package dev.feedkit.jdbc;

import static java.util.Objects.requireNonNull;

import dev.feedkit.Deadline;
import dev.feedkit.DeadlineExceededException;
import dev.feedkit.StoreException;
import dev.feedkit.spi.Order;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.jdbc.PgStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the store's statements: reads and single-statement writes in auto-commit, multi-statement
 * writes in one transaction, and turns every {@link SQLException} into a feedkit exception.
 *
 * <p>Design: a write that fails with a serialization failure ({@code 40001}) or a deadlock
 * ({@code 40P01}) was rolled back whole by PostgreSQL, so it is run again, up to {@link
 * #MAX_ATTEMPTS} times with a short random back-off. A read that loses its connection (the
 * server ended it, or the socket broke) is run again on a fresh connection from the pool, since
 * reading twice is harmless; a write that loses its connection is not, since it may have
 * committed, and fails with {@link StoreException}. A caller's mistake that only the database can
 * see (a taken handle, a missing user) comes back as a constraint violation, which the caller's
 * {@code violation} function turns into the right {@link dev.feedkit.FeedException}. The cause
 * kept in a {@link StoreException} is the driver's {@link SQLException}, not Jdbi's wrapper, whose
 * message lists the bound parameters (post texts, handles).
 */
final class Database {

  /** How often a statement is tried before its failure is reported. */
  static final int MAX_ATTEMPTS = 5;

  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final ClasspathSqlLocator SQL = ClasspathSqlLocator.create();

  private final Jdbi jdbi;

  Database(Jdbi jdbi) {
    this.jdbi = requireNonNull(jdbi, "jdbi");
    jdbi.addCustomizer(
        new StatementCustomizer() {
          @Override
          public void beforeExecution(PreparedStatement statement, StatementContext context)
              throws SQLException {
            limitToDeadline(statement);
          }
        });
  }

  /**
   * Gives a statement no more than the time left before the caller's {@link Deadline}: the driver
   * then cancels it on the server (SQLState 57014) when that time is up.
   */
  private static void limitToDeadline(PreparedStatement statement) throws SQLException {
    Optional<Deadline> deadline = Deadline.current();
    if (deadline.isPresent()) {
      long millis = deadline.get().remaining().toMillis();
      if (millis < 1) {
        throw new DeadlineExceededException("the caller's deadline passed");
      }
      if (statement.isWrapperFor(PgStatement.class)) {
        statement.unwrap(PgStatement.class).setQueryTimeoutMs(millis);
      } else {
        statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
      }
    }
  }

  /** Returns the statement in {@code <package>/<SimpleName>/<name>.sql}, without comments. */
  static String sql(Class<?> owner, String name) {
    return SQL.locate(owner, name);
  }

  /**
   * Returns the statement {@link #sql} finds, in both orders: with {@code {order}} written as
   * {@code DESC} for {@link Order#NEWEST_FIRST} and as {@code ASC} for {@link Order#OLDEST_FIRST}.
   */
  static Map<Order, String> ordered(Class<?> owner, String name) {
    String sql = sql(owner, name);
    Map<Order, String> byOrder = new EnumMap<>(Order.class);
    byOrder.put(Order.NEWEST_FIRST, sql.replace("{order}", "DESC"));
    byOrder.put(Order.OLDEST_FIRST, sql.replace("{order}", "ASC"));
    return byOrder;
  }

  /** Runs a read; retried on a fresh connection when the connection was lost. */
  <T> T read(String what, HandleCallback<T, RuntimeException> work) {
    return run(what, Kind.READ, work, state -> null);
  }

  /** Runs one writing statement in auto-commit. */
  <T> T update(
      String what,
      HandleCallback<T, RuntimeException> work,
      Function<String, RuntimeException> violation) {
    return run(what, Kind.WRITE, work, violation);
  }

  /** Runs several statements in one transaction, committed when {@code work} returns. */
  <T> T transaction(
      String what,
      HandleCallback<T, RuntimeException> work,
      Function<String, RuntimeException> violation) {
    return run(what, Kind.TRANSACTION, work, violation);
  }

  private enum Kind {
    READ,
    WRITE,
    TRANSACTION
  }

  private <T> T run(
      String what,
      Kind kind,
      HandleCallback<T, RuntimeException> work,
      Function<String, RuntimeException> violation) {
    for (int attempt = 1; ; attempt++) {
      Deadline.check(what);
      try {
        return kind == Kind.TRANSACTION ? jdbi.inTransaction(work) : jdbi.withHandle(work);
      } catch (JdbiException e) {
        if (Deadline.current().map(Deadline::passed).orElse(false)) {
          // Cancelled, or failed to start, because the caller's time was up; rolled back either
          // way.
          throw new DeadlineExceededException(
              "could not " + what + ": the caller's deadline passed", kept(e));
        }
        SQLException cause = sqlCause(e);
        String state = cause == null || cause.getSQLState() == null ? "" : cause.getSQLState();
        boolean retry =
            isConflict(state)
                || kind == Kind.READ
                    && isConnectionLoss(state)
                    && !(e instanceof ConnectionException);
        if (retry && attempt < MAX_ATTEMPTS) {
          log.debug("retrying '{}' after SQLState {} (attempt {})", what, state, attempt);
          backOff(attempt, what);
          continue;
        }
        RuntimeException domain = state.startsWith("23") ? violation.apply(state) : null;
        if (domain != null) {
          throw domain;
        }
        throw translate(what, e, state, attempt);
      }
    }
  }

  private static StoreException translate(
      String what, JdbiException e, String state, int attempts) {
    Throwable kept = kept(e);
    if (e instanceof ConnectionException) {
      return new StoreException("could not " + what + ": no connection to PostgreSQL", kept);
    }
    if (isConnectionLoss(state)) {
      return new StoreException(
          "could not "
              + what
              + ": the connection to PostgreSQL was lost"
              + " (SQLState "
              + state
              + "); the pool replaces it, so the call may be repeated",
          kept);
    }
    if (isConflict(state)) {
      return new StoreException(
          "could not "
              + what
              + ": the transaction still conflicted with"
              + " others after "
              + attempts
              + " attempts (SQLState "
              + state
              + ")",
          kept);
    }
    if (state.equals("42P01")) {
      return new StoreException(
          "could not "
              + what
              + ": the feedkit tables are missing; apply"
              + " the migrations first (JdbcFeedStore.migrate)",
          kept);
    }
    return new StoreException(
        "could not "
            + what
            + ": PostgreSQL failed"
            + (state.isEmpty() ? "" : " with SQLState " + state),
        kept);
  }

  /** The cause worth keeping: the driver's exception rather than Jdbi's, which lists bound values. */
  private static Throwable kept(JdbiException e) {
    SQLException cause = sqlCause(e);
    return cause != null ? cause : e;
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        return (SQLException) t;
      }
    }
    return null;
  }

  /** Serialization failure or deadlock: the transaction was rolled back and can run again. */
  private static boolean isConflict(String state) {
    return state.equals("40001") || state.equals("40P01");
  }

  /** Connection exceptions (08) and the server ending the session (57P01–57P03). */
  static boolean isConnectionLoss(String state) {
    return state.startsWith("08") || state.startsWith("57P0");
  }

  private static void backOff(int attempt, String what) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1L + (5L << attempt)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while retrying to " + what, e);
    }
  }
}
