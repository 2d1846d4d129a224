package dev.feedkit;

/**
 * The root of every failure a caller of feedkit can cause or meet. Unchecked, like Jdbi's and
 * Caffeine's exceptions; each subclass names what happened, and its message says what was wrong
 * in words a user of the host application can act on.
 *
 * <p>A call that throws a {@code FeedException} has changed nothing: no half-written state
 * survives a failed call.
 */
public class FeedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public FeedException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the cause it wraps. */
  public FeedException(String message, Throwable cause) {
    super(message, cause);
  }
}
