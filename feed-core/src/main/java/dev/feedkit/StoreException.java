package dev.feedkit;

/**
 * The store failed for a reason of its own, not the caller's: the database is unreachable, a
 * transaction could not be completed after retries, a connection was killed. The cause is kept.
 * The call may be repeated; the store recovers by itself when the database does.
 */
public class StoreException extends FeedException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message and the underlying cause. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception with a message. */
  public StoreException(String message) {
    super(message);
  }
}
