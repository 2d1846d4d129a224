package dev.feedkit;

import dev.feedkit.internal.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * A time limit for the feed calls one thread makes: a web request's, say. Within {@code try
 * (Deadline.Scope s = Deadline.after(budget)) { ... }}, a store that waits on something outside the
 * process gives up when the budget is spent, with {@link DeadlineExceededException}, rather than
 * holding the caller past it; a call begun after it has passed fails at once. A failed call
 * changes nothing, as with any {@link StoreException}.
 *
 * <p>{@code JdbcFeedStore} checks the deadline before each statement and each retry, and gives
 * every statement no more than the time left (PostgreSQL cancels it then), on top of its own
 * statement timeout; taking a connection from its pool stays bounded by the pool's connection
 * timeout alone. The in-memory store never waits, so it needs no deadline. Background work (the
 * fan-out) runs on the feed's own threads and is never bound by a caller's deadline.
 *
 * <p>Deadlines nest: an inner one never lasts longer than the one around it. A scope belongs to the
 * thread that opened it, which must close it (try-with-resources), after which the deadline around
 * it, if any, applies again.
 */
public final class Deadline {

  private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

  /** The {@link System#nanoTime()} at which the deadline passes. */
  private final long at;

  private Deadline(long at) {
    this.at = at;
  }

  /** An open deadline; closing it ends it on this thread. */
  public interface Scope extends AutoCloseable {
    /** Ends the deadline, bringing back the one around it, if any. */
    @Override
    void close();
  }

  /**
   * Starts a deadline {@code budget} from now on this thread, or at the one around it if that is
   * sooner.
   *
   * @param budget how long the calls made within the scope may take; positive
   * @return the scope, to be closed by this thread
   * @throws IllegalArgumentException if {@code budget} is zero or negative
   */
  public static Scope after(Duration budget) {
    Checks.positive("budget", budget);
    long now = System.nanoTime();
    long nanos =
        budget.compareTo(Duration.ofDays(365)) > 0
            ? Duration.ofDays(365).toNanos()
            : budget.toNanos();
    Deadline outer = CURRENT.get();
    long at = now + nanos;
    if (outer != null && outer.at - at < 0) {
      at = outer.at;
    }
    Deadline deadline = new Deadline(at);
    CURRENT.set(deadline);
    return new Scope() {
      private boolean closed;

      @Override
      public void close() {
        if (!closed && CURRENT.get() == deadline) {
          closed = true;
          if (outer == null) {
            CURRENT.remove();
          } else {
            CURRENT.set(outer);
          }
        }
      }
    };
  }

  /** The deadline of this thread, if one is open. */
  public static Optional<Deadline> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * Fails if this thread's deadline has passed; stores call it before each wait.
   *
   * @param what what the caller was about to do, for the message ("read a home timeline")
   * @throws DeadlineExceededException if the deadline has passed
   */
  public static void check(String what) {
    Deadline deadline = CURRENT.get();
    if (deadline != null && deadline.passed()) {
      throw new DeadlineExceededException("could not " + what + ": the caller's deadline passed");
    }
  }

  /** The time left, zero once the deadline has passed. */
  public Duration remaining() {
    long left = at - System.nanoTime();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  /** Whether the deadline has passed. */
  public boolean passed() {
    return at - System.nanoTime() <= 0;
  }

  @Override
  public String toString() {
    return "Deadline[remaining=" + remaining() + "]";
  }
}
